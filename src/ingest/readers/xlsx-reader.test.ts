import { afterAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openRows } from './index.js';
import type { BadRow, DataRow, ReadOptions } from './types.js';
import { openDescriptorsOf } from '../../test-support/descriptors.js';
import { makeTempDir } from '../../test-support/files.js';

const temp = makeTempDir('yima-xlsx-');
const dir = temp.path;
afterAll(() => temp.remove());

let fileCount = 0;
async function xlsxFile(build: (workbook: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  const path = join(dir, `f${++fileCount}.xlsx`);
  await workbook.xlsx.writeFile(path);
  return path;
}

async function readAll(path: string, options?: ReadOptions): Promise<{ header: string[]; rows: (DataRow | BadRow)[] }> {
  const source = await openRows(path, options);
  const rows: (DataRow | BadRow)[] = [];
  for await (const row of source.rows) rows.push(row);
  return { header: source.header, rows };
}

function twoSheets(workbook: ExcelJS.Workbook): void {
  const people = workbook.addWorksheet('人员');
  people.addRow(['姓名', '号码']);
  people.addRow(['张三', '110101199003071234']);
  const second = workbook.addWorksheet('参保记录');
  second.addRow(['单位', '月数']);
  second.addRow(['某某公司', 36]);
}

describe('xlsx reader', () => {
  it('turns each kind of cell value into its text', async () => {
    const path = await xlsxFile((workbook) => {
      const sheet = workbook.addWorksheet('Sheet1');
      sheet.addRow(['文本', '数字', '小数', '大数', '日期', '日期时间', '公式', '日期公式', '无结果公式', '富文本', '链接', '错误', '真', '假']);
      sheet.addRow([
        ' 张三 ',
        13800138000,
        5200.5,
        1e21,
        new Date(Date.UTC(1990, 2, 7)),
        new Date(Date.UTC(2024, 0, 2, 13, 45, 30)),
        { formula: 'B2*2', result: 27600276000 },
        { formula: 'E2+1', result: 32940 },
        { formula: 'A1' },
        { richText: [{ text: '李' }, { text: '四', font: { bold: true } }] },
        { text: '官网', hyperlink: 'https://example.org' },
        { error: '#N/A' },
        true,
        false,
      ]);
      sheet.getCell('H2').numFmt = 'yyyy-mm-dd';
    });
    const { header, rows } = await readAll(path);
    expect(header).toHaveLength(14);
    expect(rows).toEqual([
      {
        kind: 'row',
        line: 2,
        cells: {
          文本: '张三',
          数字: '13800138000',
          小数: '5200.5',
          大数: '1000000000000000000000',
          日期: '1990-03-07',
          日期时间: '2024-01-02T13:45:30',
          公式: '27600276000',
          日期公式: '1990-03-08',
          无结果公式: '',
          富文本: '李四',
          链接: '官网',
          错误: '',
          真: 'true',
          假: 'false',
        },
      },
    ]);
  });

  it('keeps Chinese text whole across the chunks a large sheet is read in (no U+FFFD)', async () => {
    const names = Array.from({ length: 20_000 }, (_, i) => `欧阳${'张王李赵'[i % 4]}丰${i}`);
    const path = await xlsxFile((workbook) => {
      const sheet = workbook.addWorksheet('人员');
      sheet.addRow(['姓名', '日期']);
      for (const name of names) sheet.addRow([name, new Date(Date.UTC(2001, 0, 2))]);
      sheet.getColumn(2).numFmt = 'mm-dd-yy';
    });
    const { rows } = await readAll(path);
    expect(rows).toHaveLength(names.length);
    expect(rows.map((r) => (r as DataRow).cells['姓名'])).toEqual(names);
    expect(new Set(rows.map((r) => (r as DataRow).cells['日期']))).toEqual(new Set(['2001-01-02']));
  });

  it('resolves shared strings and keeps an id number stored as text exactly', async () => {
    const path = await xlsxFile(twoSheets);
    const { rows } = await readAll(path);
    expect(rows).toEqual([{ kind: 'row', line: 2, cells: { 姓名: '张三', 号码: '110101199003071234' } }]);
  });

  it('reads the first sheet by default and a named sheet when asked', async () => {
    const path = await xlsxFile(twoSheets);
    expect((await readAll(path)).header).toEqual(['姓名', '号码']);
    const second = await readAll(path, { sheet: '参保记录' });
    expect(second.header).toEqual(['单位', '月数']);
    expect(second.rows).toEqual([{ kind: 'row', line: 2, cells: { 单位: '某某公司', 月数: '36' } }]);
  });

  it('refuses an unknown sheet, naming the sheets present', async () => {
    const path = await xlsxFile(twoSheets);
    await expect(openRows(path, { sheet: 'Sheet9' })).rejects.toMatchObject({
      code: 'bad_file',
      message: expect.stringContaining('there is no sheet named "Sheet9"; the sheets are: "人员", "参保记录"'),
    });
  });

  it('numbers rows by their sheet row, skips empty rows and takes the first non-empty row as the header', async () => {
    const path = await xlsxFile((workbook) => {
      const sheet = workbook.addWorksheet('s');
      sheet.getRow(3).values = ['a', 'b', ''];
      sheet.getRow(4).values = ['1', '2'];
      sheet.getRow(6).values = ['', ''];
      sheet.getRow(8).values = ['3', ''];
    });
    const { header, rows } = await readAll(path);
    expect(header).toEqual(['a', 'b']);
    expect(rows).toEqual([
      { kind: 'row', line: 4, cells: { a: '1', b: '2' } },
      { kind: 'row', line: 8, cells: { a: '3', b: '' } },
    ]);
  });

  it('makes a row with a value outside the header a malformed_row', async () => {
    const path = await xlsxFile((workbook) => {
      const sheet = workbook.addWorksheet('s');
      sheet.addRow(['a', 'b']);
      sheet.addRow(['1', '2', '', 'stray']);
    });
    const { rows } = await readAll(path);
    expect(rows).toEqual([{ kind: 'bad', line: 2, reason: 'malformed_row', detail: "cell in column 4 is outside the header's 2 columns", raw: '["1","2","","stray"]' }]);
  });

  it('refuses a header with an empty name between named columns, or a duplicate name', async () => {
    const gap = await xlsxFile((workbook) => workbook.addWorksheet('s').addRow(['a', '', 'c']));
    await expect(openRows(gap)).rejects.toMatchObject({ code: 'bad_file', message: expect.stringContaining('column 2 of the header has no name') });
    const twice = await xlsxFile((workbook) => workbook.addWorksheet('s').addRow(['a', 'a']));
    await expect(openRows(twice)).rejects.toMatchObject({ code: 'bad_file', message: expect.stringContaining('"a" appears twice') });
  });

  it('makes a row over maxRecordBytes a malformed_row and reads on', async () => {
    const path = await xlsxFile((workbook) => {
      const sheet = workbook.addWorksheet('s');
      sheet.addRow(['a']);
      sheet.addRow(['x'.repeat(3000)]);
      sheet.addRow(['ok']);
    });
    const { rows } = await readAll(path, { maxRecordBytes: 1000 });
    expect(rows.map((r) => [r.line, r.kind])).toEqual([
      [2, 'bad'],
      [3, 'row'],
    ]);
    expect((rows[0] as BadRow).raw).toHaveLength(2000);
  });

  it('passes formula-like text and injection strings through as text', async () => {
    const values = ['=1+2', '@SUM(A1)', "'; DROP TABLE x;--", '<script>alert(1)</script>'];
    const path = await xlsxFile((workbook) => {
      const sheet = workbook.addWorksheet('s');
      sheet.addRow(['v']);
      for (const v of values) sheet.addRow([v]);
    });
    const { rows } = await readAll(path);
    expect(rows.map((r) => (r as DataRow).cells['v'])).toEqual(values);
  });

  it('refuses a file that is not an xlsx archive, and an old .xls file, with a clear message', async () => {
    const text = join(dir, 'text.xlsx');
    await writeFile(text, 'a,b\n1,2\n');
    await expect(openRows(text)).rejects.toMatchObject({ code: 'bad_file', message: expect.stringContaining('not a valid .xlsx file') });
    const xls = join(dir, 'old.xlsx');
    await writeFile(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    await expect(openRows(xls)).rejects.toMatchObject({ code: 'bad_file', message: expect.stringContaining('old .xls file') });
  });

  it.skipIf(process.platform !== 'linux')('releases the file once the sheet has been read, though more sheets follow', async () => {
    const path = await xlsxFile(twoSheets);
    const { rows } = await readAll(path);
    expect(rows).toHaveLength(1);
    await expect.poll(() => openDescriptorsOf(path)).toBe(0);
  });
});
