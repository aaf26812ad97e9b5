// One worksheet's rows, streamed: each <row> becomes its sheet row number and the text of its
// cells by column (gaps filled with ''). Only what a cell shows as data is kept: a formula's
// cached result, never its text; a shared string's text without phonetic guides; a number as
// plain decimal digits, or as a date where its style's number format shows a date.

import type { Readable } from 'node:stream';
import type { XlsxPackage } from './xlsx-package.js';
import { streamXml } from './xlsx-xml.js';
import { excelSerialToDate, formatDate, formatNumber, isDateFormat } from './xlsx-values.js';

export interface SheetRow {
  number: number;
  texts: string[];
}

/** Column index (0-based) of a cell reference such as "AB12"; -1 when there is none. */
function columnOf(ref: string | undefined): number {
  if (ref === undefined) return -1;
  let column = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i) & ~32; // upper case
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return i === 0 ? -1 : column - 1;
}

interface CellState {
  type: string;
  style: number;
  value: string;
  inline: string;
}

function cellText(cell: CellState, pkg: XlsxPackage): string {
  switch (cell.type) {
    case 's':
      return pkg.sharedStrings[Number(cell.value)] ?? '';
    case 'inlineStr':
      return cell.inline;
    case 'str':
      return cell.value;
    case 'b':
      return cell.value === '' ? '' : cell.value === '1' || cell.value === 'true' ? 'true' : 'false';
    case 'e':
      return ''; // an error value (#N/A, #DIV/0!, ...) holds no data
    case 'd': {
      const date = new Date(cell.value);
      return Number.isNaN(date.getTime()) ? cell.value : formatDate(date);
    }
    default: {
      if (cell.value === '') return '';
      const n = Number(cell.value);
      if (Number.isNaN(n)) return cell.value;
      return isDateFormat(pkg.styleFormats[cell.style]) ? formatDate(excelSerialToDate(n, pkg.date1904)) : formatNumber(n);
    }
  }
}

/** Rows in sheet order, trimmed texts; a row without r="" follows the one before it, a cell without r="" the cell before it. */
export async function* sheetRows(input: Readable, pkg: XlsxPackage): AsyncGenerator<SheetRow> {
  const ready: SheetRow[] = [];
  let row: SheetRow | null = null;
  let lastRow = 0;
  let column = -1;
  let cell: CellState | null = null;
  let capture: 'value' | 'inline' | null = null;
  let phonetic = 0;
  const events = streamXml(input, {
    open: (name, a) => {
      if (name === 'row') {
        const given = Number(a.r);
        lastRow = Number.isInteger(given) && given > 0 ? given : lastRow + 1;
        row = { number: lastRow, texts: [] };
        column = -1;
      } else if (name === 'c' && row !== null) {
        const at = columnOf(a.r);
        column = at >= 0 ? at : column + 1;
        cell = { type: a.t ?? 'n', style: Number(a.s ?? 0), value: '', inline: '' };
      } else if (cell !== null) {
        if (name === 'v') capture = 'value';
        else if (name === 'rPh') phonetic += 1;
        else if (name === 't' && phonetic === 0) capture = 'inline';
      }
    },
    close: (name) => {
      if (name === 'row' && row !== null) {
        ready.push(row);
        row = null;
      } else if (name === 'c' && row !== null && cell !== null) {
        const text = cellText(cell, pkg).trim();
        while (row.texts.length < column) row.texts.push('');
        row.texts[column] = text;
        cell = null;
      } else if (name === 'v' || name === 't') capture = null;
      else if (name === 'rPh') phonetic -= 1;
    },
    text: (text) => {
      if (cell === null || capture === null) return;
      if (capture === 'value') cell.value += text;
      else cell.inline += text;
    },
  });
  for await (const _ of events) {
    while (ready.length > 0) yield ready.shift()!;
  }
  while (ready.length > 0) yield ready.shift()!;
}
