// Excel exports for officials: a streamed .xlsx (memory does not grow with the row count), header
// bold and frozen, every cell written as text so nothing is evaluated or reformatted (an id number
// stays 18 characters, a cell starting with = stays text).

import ExcelJS from 'exceljs';

type Cell = string | number | boolean | null;

export async function writeXlsx(path: string, sheetName: string, header: readonly string[], rows: AsyncIterable<readonly Cell[]> | Iterable<readonly Cell[]>): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const head = sheet.addRow([...header]);
  head.font = { bold: true };
  head.commit();
  let count = 0;
  for await (const row of rows) {
    // Strings stay strings: ExcelJS writes them as inline text, never as formulas.
    sheet.addRow(row.map((v) => v ?? '')).commit();
    count += 1;
  }
  sheet.commit();
  await workbook.commit();
  return count;
}

/** The same workbook in memory, for a download of at most a few thousand rows. */
export async function xlsxBuffer(sheetName: string, header: readonly string[], rows: Iterable<readonly Cell[]>): Promise<Buffer> {
  const { PassThrough } = await import('node:stream');
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const head = sheet.addRow([...header]);
  head.font = { bold: true };
  head.commit();
  for (const row of rows) sheet.addRow(row.map((v) => v ?? '')).commit();
  sheet.commit();
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}
