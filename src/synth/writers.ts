// Streaming table writers for the three input formats of the data standard: CSV (RFC 4180, utf-8
// or gb18030, optional BOM, chosen line ending), JSON Lines, and .xlsx through ExcelJS's
// streaming WorkbookWriter. Rows are serialised at once and flushed in chunks with backpressure,
// so memory stays flat however many rows a city has.

import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Cell } from './source.js';
import { fixZipTimestamps } from './zip-timestamps.js';

export interface TableWriter {
  readonly rows: number;
  write(cells: readonly Cell[]): void;
  /** Pushes buffered rows to the file when enough have gathered; awaits the disk. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

const chunkBytes = 1 << 20;

/** Text lines to a file in one encoding, flushed in ~1 MB chunks. */
export class LineWriter {
  private readonly stream: WriteStream;
  private pending: string[] = [];
  private pendingLength = 0;

  constructor(path: string, private readonly encoding: 'utf-8' | 'gb18030', bom = false) {
    this.stream = createWriteStream(path);
    if (bom) this.stream.write(Buffer.from([0xef, 0xbb, 0xbf]));
  }

  add(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
  }

  async drain(force = false): Promise<void> {
    if (this.pendingLength === 0 || (!force && this.pendingLength < chunkBytes)) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    const bytes = this.encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8');
    if (!this.stream.write(bytes)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.drain(true);
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

function csvCell(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export class CsvWriter implements TableWriter {
  rows = 0;
  private readonly out: LineWriter;

  constructor(path: string, columns: readonly string[], encoding: 'utf-8' | 'gb18030', private readonly eol: string, bom: boolean) {
    this.out = new LineWriter(path, encoding, bom);
    this.out.add(columns.map(csvCell).join(',') + eol);
  }

  write(cells: readonly Cell[]): void {
    this.rows++;
    this.out.add(cells.map(csvCell).join(',') + this.eol);
  }

  drain(): Promise<void> {
    return this.out.drain();
  }

  close(): Promise<void> {
    return this.out.close();
  }
}

/** JSON Lines: keys are the column names; an empty value is left out, as exports often do. */
export class JsonlWriter implements TableWriter {
  rows = 0;
  private readonly out: LineWriter;

  constructor(path: string, private readonly columns: readonly string[]) {
    this.out = new LineWriter(path, 'utf-8');
  }

  write(cells: readonly Cell[]): void {
    this.rows++;
    const record: Record<string, string | number> = {};
    this.columns.forEach((column, i) => {
      const value = cells[i];
      if (value !== null && value !== undefined && value !== '') record[column] = value;
    });
    this.out.add(JSON.stringify(record) + '\n');
  }

  drain(): Promise<void> {
    return this.out.drain();
  }

  close(): Promise<void> {
    return this.out.close();
  }
}

/** A fixed document date, so the same seed gives byte-identical workbooks. */
const workbookDate = new Date(Date.UTC(2025, 5, 30));

export class XlsxWriter implements TableWriter {
  rows = 0;
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;

  constructor(private readonly path: string, sheetName: string, columns: readonly string[]) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: false, useSharedStrings: false });
    this.workbook.creator = 'yima synth';
    this.workbook.created = workbookDate;
    this.workbook.modified = workbookDate;
    this.sheet = this.workbook.addWorksheet(sheetName);
    this.sheet.addRow([...columns]).commit();
  }

  write(cells: readonly Cell[]): void {
    this.rows++;
    this.sheet.addRow(cells.map((c) => (c === '' ? null : c))).commit();
  }

  async drain(): Promise<void> {
    // ExcelJS buffers committed rows in its own zip stream; nothing to push here.
  }

  async close(): Promise<void> {
    await this.workbook.commit();
    await fixZipTimestamps(this.path, workbookDate);
  }
}
