import { afterAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { AppError } from '../../errors.js';
import { openRows } from './index.js';
import type { BadRow, DataRow, ReadOptions } from './types.js';
import { openDescriptorsOf } from '../../test-support/descriptors.js';
import { makeTempDir } from '../../test-support/files.js';

const temp = makeTempDir('yima-csv-');
const dir = temp.path;
afterAll(() => temp.remove());

let fileCount = 0;
async function csvFile(content: string | Buffer): Promise<string> {
  const path = join(dir, `f${++fileCount}.csv`);
  await writeFile(path, content);
  return path;
}

async function readAll(path: string, options?: ReadOptions): Promise<{ header: string[]; rows: (DataRow | BadRow)[] }> {
  const source = await openRows(path, options);
  const rows: (DataRow | BadRow)[] = [];
  for await (const row of source.rows) rows.push(row);
  return { header: source.header, rows };
}

async function badFileError(path: string, options?: ReadOptions): Promise<AppError> {
  const error: unknown = await openRows(path, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('bad_file');
  return error as AppError;
}

describe('csv reader', () => {
  it('reads the header and rows, cells keyed by header and trimmed, with the line each row starts on', async () => {
    const path = await csvFile('姓名 , 公民身份号码,备注\n 张三 ,110101199003071234,"多行\n备注"\n\n李四,  ,""\n');
    const { header, rows } = await readAll(path);
    expect(header).toEqual(['姓名', '公民身份号码', '备注']);
    expect(rows).toEqual([
      { kind: 'row', line: 2, cells: { 姓名: '张三', 公民身份号码: '110101199003071234', 备注: '多行\n备注' } },
      { kind: 'row', line: 5, cells: { 姓名: '李四', 公民身份号码: '', 备注: '' } },
    ]);
  });

  it('skips a UTF-8 BOM', async () => {
    const path = await csvFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id,name\r\n1,a\r\n')]));
    const { header, rows } = await readAll(path);
    expect(header).toEqual(['id', 'name']);
    expect(rows[0]).toMatchObject({ cells: { id: '1', name: 'a' } });
  });

  it.each([
    ['\\n', '\n'],
    ['\\r\\n', '\r\n'],
    ['\\r', '\r'],
  ])('reads files with %s line endings', async (_name, eol) => {
    const path = await csvFile(['a,b', '1,2', '"x', 'y",3', ''].join(eol));
    const { rows } = await readAll(path);
    expect(rows.map((r) => [r.line, r.kind === 'row' ? r.cells : r.reason])).toEqual([
      [2, { a: '1', b: '2' }],
      [3, { a: `x${eol}y`, b: '3' }],
    ]);
  });

  it('refuses a header with an empty column name, naming the file and the column', async () => {
    const path = await csvFile('a,,c\n1,2,3\n');
    const error = await badFileError(path);
    expect(error.message).toContain(path);
    expect(error.message).toContain('column 2');
    expect(error.messageZh).toContain('第 2 列');
  });

  it('refuses a header with a duplicate column name (after trimming), naming it', async () => {
    const error = await badFileError(await csvFile('姓名,电话, 姓名\n'));
    expect(error.message).toContain('"姓名" appears twice');
  });

  it('refuses a header row with a broken quote', async () => {
    const error = await badFileError(await csvFile('a,b"c\n1,2\n'));
    expect(error.message).toMatch(/header row is malformed/);
  });

  it('refuses an empty file, a file of blank lines and a missing file', async () => {
    expect((await badFileError(await csvFile(''))).message).toMatch(/empty/);
    expect((await badFileError(await csvFile('\n  \r\n\n'))).message).toMatch(/no header row/);
    expect((await badFileError(join(dir, 'missing.csv'))).message).toMatch(/does not exist/);
  });

  it('makes a row with too few or too many cells a malformed_row and reads on', async () => {
    const { rows } = await readAll(await csvFile('a,b\n1\n2,3\n4,5,6\n7,8\n'));
    expect(rows.map((r) => (r.kind === 'row' ? r.line : `${r.line}:${r.reason}:${r.detail}`))).toEqual([
      '2:malformed_row:expected 2 cells as in the header, found 1',
      3,
      '4:malformed_row:expected 2 cells as in the header, found 3',
      5,
    ]);
    expect(rows[0]).toMatchObject({ raw: '1' });
  });

  it('reports each broken-quote record once with its line, and rows + bad rows equal the records', async () => {
    const lines = ['h1,h2', 'ok,1', 'bad"quote,2', 'ok,3', '"closed"junk,4', 'ok,5', 'a"b"c,6', 'ok,7'];
    const { rows } = await readAll(await csvFile(lines.join('\n') + '\n'));
    expect(rows).toHaveLength(lines.length - 1);
    expect(rows.map((r) => [r.line, r.kind])).toEqual([
      [2, 'row'],
      [3, 'bad'],
      [4, 'row'],
      [5, 'bad'],
      [6, 'row'],
      [7, 'bad'],
      [8, 'row'],
    ]);
    expect(rows[1]).toMatchObject({ reason: 'malformed_row', raw: 'bad"quote,2' });
  });

  it('reports a quote left open near the end as one bad row holding the rest of the file', async () => {
    const tail = Array.from({ length: 3000 }, (_, i) => `n${i},${i}`).join('\n');
    const { rows } = await readAll(await csvFile(`a,b\n1,2\n3,"4\n${tail}\n`));
    expect(rows).toHaveLength(2);
    const bad = rows[1] as BadRow;
    expect(bad).toMatchObject({ kind: 'bad', line: 3, reason: 'malformed_row' });
    expect(bad.detail).toMatch(/unterminated quoted field.*line 3.*lines 3-3003/);
    expect(bad.raw.startsWith('3,"4\nn0,0')).toBe(true);
    expect(bad.raw).toHaveLength(2000);
  });

  it('makes a row over maxRecordBytes a malformed_row and reads on', async () => {
    const { rows } = await readAll(await csvFile(`a,b\n1,${'x'.repeat(300)}\n2,y\n`), { maxRecordBytes: 100 });
    expect(rows[0]).toMatchObject({ kind: 'bad', line: 2, reason: 'malformed_row', detail: 'record is larger than maxRecordBytes (100 bytes)' });
    expect(rows[1]).toMatchObject({ kind: 'row', line: 3, cells: { a: '2', b: 'y' } });
  });

  it('refuses a file whose first 64 KiB are not UTF-8, suggesting "encoding": "gb18030"', async () => {
    const path = await csvFile(iconv.encode('姓名,住址\n张三,深圳市福田区\n', 'gb18030'));
    const error = await badFileError(path);
    expect(error.message).toContain('not UTF-8');
    expect(error.message).toContain('"encoding": "gb18030"');
  });

  it('makes a row with invalid UTF-8 after the first 64 KiB a bad_encoding row', async () => {
    const filler = Array.from({ length: 8000 }, (_, i) => `张三${i},深圳`).join('\n');
    const broken = Buffer.concat([Buffer.from('李四,'), Buffer.from([0xc3, 0x28]), Buffer.from('\n王五,广州\n')]);
    const path = await csvFile(Buffer.concat([Buffer.from(`a,b\n${filler}\n`), broken]));
    const { rows } = await readAll(path);
    expect(rows).toHaveLength(8002);
    expect(rows[8000]).toMatchObject({ kind: 'bad', line: 8002, reason: 'bad_encoding' });
    expect(rows[8001]).toMatchObject({ kind: 'row', line: 8003, cells: { a: '王五', b: '广州' } });
  });

  it('reads gb18030 bytes, including four-byte characters and characters cut across read chunks', async () => {
    // 𠀀 (U+20000) and 㐀 (U+3400) are four-byte sequences in GB18030.
    const names = Array.from({ length: 30000 }, (_, i) => `${i % 2 === 0 ? '张' : '𠀀'}${i}㐀`);
    const text = `姓名,地址\r\n${names.map((n) => `${n},深圳市福田区`).join('\r\n')}\r\n`;
    const path = await csvFile(iconv.encode(text, 'gb18030'));
    const { header, rows } = await readAll(path, { encoding: 'gb18030' });
    expect(header).toEqual(['姓名', '地址']);
    expect(rows).toHaveLength(names.length);
    expect(rows.every((r, i) => r.kind === 'row' && r.cells['姓名'] === names[i] && r.cells['地址'] === '深圳市福田区')).toBe(true);
  });

  it('makes a row with bytes that are not gb18030 a bad_encoding row', async () => {
    const path = await csvFile(Buffer.concat([iconv.encode('a,b\n张三,1\n', 'gb18030'), Buffer.from([0x81]), iconv.encode(',2\n李四,3\n', 'gb18030')]));
    const { rows } = await readAll(path, { encoding: 'gb18030' });
    expect(rows.map((r) => [r.line, r.kind === 'bad' ? r.reason : 'row'])).toEqual([
      [2, 'row'],
      [3, 'bad_encoding'],
      [4, 'row'],
    ]);
  });

  it('refuses a UTF-8 file read as gb18030, suggesting "utf-8"', async () => {
    const error = await badFileError(await csvFile('姓名,住址\n张三,深圳市\n'), { encoding: 'gb18030' });
    expect(error.message).toContain('"utf-8"');
  });

  it('refuses a UTF-16 file', async () => {
    const error = await badFileError(await csvFile(Buffer.from('\uFEFFa,b\n', 'utf16le')));
    expect(error.message).toContain('UTF-16');
  });

  it('passes injection strings, formula-like text and control characters through unchanged', async () => {
    const values = ["'; DROP TABLE persons;--", '<script>alert(1)</script>', '=1+2', '@SUM(A1:A9)', '+86 138', '-1', 'a\u0000b\u0007c\u001b[2J'];
    const path = await csvFile(`v\n${values.map((v) => `"${v.replaceAll('"', '""')}"`).join('\n')}\n`);
    const { rows } = await readAll(path);
    expect(rows.map((r) => (r as DataRow).cells['v'])).toEqual(values);
  });

  it('treats columns named __proto__ and constructor as ordinary columns', async () => {
    const { rows } = await readAll(await csvFile('__proto__,constructor,toString\n"{""polluted"":1}",x,y\n'));
    const cells = (rows[0] as DataRow).cells;
    expect(Object.keys(cells)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(cells['__proto__']).toBe('{"polluted":1}');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.skipIf(process.platform !== 'linux')('releases the file when the reader stops early or closes without reading', async () => {
    const path = await csvFile(`a\n${'1\n'.repeat(200000)}`);
    const source = await openRows(path);
    let seen = 0;
    for await (const row of source.rows) {
      expect(row.kind).toBe('row');
      if (++seen === 10) break;
    }
    expect(seen).toBe(10);
    await expect.poll(() => openDescriptorsOf(path)).toBe(0);
    const unread = await openRows(path);
    expect(openDescriptorsOf(path)).toBe(1);
    await unread.close();
    await expect.poll(() => openDescriptorsOf(path)).toBe(0);
  });
});
