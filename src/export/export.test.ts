import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../test-support/files.js';
import { csvCell, writeCsv } from './csv-writer.js';
import { writeXlsx } from './xlsx-writer.js';

describe('csv export', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => dir.remove());

  it('neutralises every formula start the spec names', () => {
    expect(['=1+2', '+86 138', '-1', '@SUM(A1)'].map(csvCell)).toEqual(["'=1+2", "'+86 138", "'-1", "'@SUM(A1)"]);
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it('quotes commas, quotes and newlines and keeps hanzi as UTF-8', async () => {
    const file = `${dir.path}/out.csv`;
    const n = await writeCsv(file, ['a', 'b'], [['张三, 李四', 'say "hi"\nbye'], [null, 7]]);
    expect(n).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('a,b\r\n"张三, 李四","say ""hi""\nbye"\r\n,7\r\n');
  });
});

describe('xlsx export', () => {
  it('writes formula-like text as text, never as a formula', async () => {
    const dir = makeTempDir();
    const file = `${dir.path}/out.xlsx`;
    await writeXlsx(file, 'quarantine', ['source', 'reason'], [['=1+2', '11010519491231002X']]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const row = book.getWorksheet('quarantine')!.getRow(2);
    expect(row.getCell(1).value).toBe('=1+2');
    expect(row.getCell(1).formula).toBeUndefined();
    expect(row.getCell(2).value).toBe('11010519491231002X');
    dir.remove();
  });
});
