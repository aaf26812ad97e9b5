import { afterAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { AppError } from '../../errors.js';
import { openRows } from './index.js';
import { HEADER_LOOKAHEAD_OBJECTS } from './jsonl-reader.js';
import type { BadRow, DataRow, ReadOptions } from './types.js';
import { openDescriptorsOf } from '../../test-support/descriptors.js';
import { makeTempDir } from '../../test-support/files.js';

const temp = makeTempDir('yima-jsonl-');
const dir = temp.path;
afterAll(() => temp.remove());

let fileCount = 0;
async function jsonlFile(content: string | Buffer, extension = '.jsonl'): Promise<string> {
  const path = join(dir, `f${++fileCount}${extension}`);
  await writeFile(path, content);
  return path;
}

async function readAll(path: string, options?: ReadOptions): Promise<{ header: string[]; rows: (DataRow | BadRow)[] }> {
  const source = await openRows(path, options);
  const rows: (DataRow | BadRow)[] = [];
  for await (const row of source.rows) rows.push(row);
  return { header: source.header, rows };
}

describe('jsonl reader', () => {
  it('turns each object into a row: strings trimmed, numbers and booleans as text, null as empty, nested values as JSON', async () => {
    const line = JSON.stringify({ 姓名: ' 张三 ', 年龄: 34, 工资: 5200.5, 参保: true, 电话: null, 地址: { 市: '深圳' }, 标签: ['a', 1] });
    const { header, rows } = await readAll(await jsonlFile(`${line}\n`));
    expect(header).toEqual(['姓名', '年龄', '工资', '参保', '电话', '地址', '标签']);
    expect(rows).toEqual([
      { kind: 'row', line: 1, cells: { 姓名: '张三', 年龄: '34', 工资: '5200.5', 参保: 'true', 电话: '', 地址: '{"市":"深圳"}', 标签: '["a",1]' } },
    ]);
  });

  it('reads .ndjson the same way', async () => {
    const { rows } = await readAll(await jsonlFile('{"a":1}\n', '.ndjson'));
    expect(rows).toEqual([{ kind: 'row', line: 1, cells: { a: '1' } }]);
  });

  it('builds the header from the keys of the first objects, and appends a key first seen later', async () => {
    const early = Array.from({ length: HEADER_LOOKAHEAD_OBJECTS + 5 }, (_, i) => JSON.stringify(i === 3 ? { id: i, extra: 'x' } : { id: i }));
    const late = JSON.stringify({ id: 'late', late_key: 'v' });
    const source = await openRows(await jsonlFile([...early, late].join('\n')));
    expect(source.header).toEqual(['id', 'extra']);
    const rows: DataRow[] = [];
    for await (const row of source.rows) rows.push(row as DataRow);
    expect(rows).toHaveLength(early.length + 1);
    expect(rows.map((r) => r.line)).toEqual(Array.from({ length: early.length + 1 }, (_, i) => i + 1));
    expect(rows[0]!.cells).toEqual({ id: '0', extra: '' });
    expect(rows[3]!.cells).toEqual({ id: '3', extra: 'x' });
    expect(rows.at(-1)!.cells).toEqual({ id: 'late', extra: '', late_key: 'v' });
    expect(source.header).toEqual(['id', 'extra', 'late_key']);
  });

  it('skips blank lines, numbers rows by physical line, and makes a line that is not a JSON object a malformed_row', async () => {
    const content = ['{"a":"1"}', '', '  ', '[1,2]', 'not json', '"text"', 'null', '{"a":"2"}', '{"a":'].join('\r\n');
    const { rows } = await readAll(await jsonlFile(content));
    expect(rows.map((r) => (r.kind === 'row' ? [r.line, r.cells['a']] : [r.line, r.reason, r.detail]))).toEqual([
      [1, '1'],
      [4, 'malformed_row', 'line is an array, not a JSON object'],
      [5, 'malformed_row', 'line is not valid JSON'],
      [6, 'malformed_row', 'line is a string, not a JSON object'],
      [7, 'malformed_row', 'line is null, not a JSON object'],
      [8, '2'],
      [9, 'malformed_row', 'line is not valid JSON'],
    ]);
    expect((rows[2] as BadRow).raw).toBe('not json');
  });

  it('keeps all digits of an 18-digit id written as a JSON number', async () => {
    const { rows } = await readAll(await jsonlFile('{"id_number":110101199003071234,"n":12}\n'));
    expect((rows[0] as DataRow).cells).toEqual({ id_number: '110101199003071234', n: '12' });
  });

  it('reads a key the object lacks as empty, never as an inherited property', async () => {
    const { rows } = await readAll(await jsonlFile('{"constructor":"c","toString":"t"}\n{"x":1}\n'));
    expect((rows[1] as DataRow).cells).toEqual({ constructor: '', toString: '', x: '1' });
    expect((rows[0] as DataRow).cells['constructor']).toBe('c');
  });

  it('makes an object with an empty key a malformed_row', async () => {
    const { rows } = await readAll(await jsonlFile('{"a":1}\n{"":2,"a":3}\n'));
    expect(rows[1]).toMatchObject({ kind: 'bad', line: 2, reason: 'malformed_row' });
  });

  it('makes a line over maxRecordBytes a malformed_row and reads on', async () => {
    const big = JSON.stringify({ a: 'x'.repeat(5000) });
    const { rows } = await readAll(await jsonlFile(`{"a":"1"}\n${big}\n{"a":"2"}\n`), { maxRecordBytes: 1000 });
    expect(rows.map((r) => [r.line, r.kind])).toEqual([
      [1, 'row'],
      [2, 'bad'],
      [3, 'row'],
    ]);
    expect(rows[1]).toMatchObject({ reason: 'malformed_row', detail: 'row is larger than maxRecordBytes (1000 bytes)' });
    expect((rows[1] as BadRow).raw).toHaveLength(2000);
  });

  it('reads gb18030 jsonl', async () => {
    const path = await jsonlFile(iconv.encode('{"姓名":"张三","地址":"深圳市𠀀"}\n', 'gb18030'));
    const { rows } = await readAll(path, { encoding: 'gb18030' });
    expect((rows[0] as DataRow).cells).toEqual({ 姓名: '张三', 地址: '深圳市𠀀' });
  });

  it('makes a line with invalid UTF-8 after the first 64 KiB a bad_encoding row', async () => {
    const filler = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ n: `张三${i}` })).join('\n');
    const broken = Buffer.concat([Buffer.from('{"n":"'), Buffer.from([0xe5, 0x28]), Buffer.from('"}\n{"n":"ok"}\n')]);
    const { rows } = await readAll(await jsonlFile(Buffer.concat([Buffer.from(`${filler}\n`), broken])));
    expect(rows.at(-2)).toMatchObject({ kind: 'bad', line: 5001, reason: 'bad_encoding' });
    expect(rows.at(-1)).toMatchObject({ kind: 'row', line: 5002, cells: { n: 'ok' } });
  });

  it('refuses a file in which no early line is a JSON object, and a file of blank lines', async () => {
    const notJsonl = openRows(await jsonlFile('[\n  {\n    "a": 1\n  }\n]\n'));
    await expect(notJsonl).rejects.toBeInstanceOf(AppError);
    await expect(notJsonl).rejects.toMatchObject({ code: 'bad_file', message: expect.stringMatching(/none of the first 5 non-blank lines is a JSON object/) });
    await expect(openRows(await jsonlFile('\n\n'))).rejects.toMatchObject({ code: 'bad_file' });
  });

  it('passes injection strings and formula-like text through unchanged', async () => {
    const values = ["'; DROP TABLE x;--", '<script>alert(1)</script>', '=1+2', '@SUM(A1)', 'a\u0001b'];
    const { rows } = await readAll(await jsonlFile(values.map((v) => JSON.stringify({ v })).join('\n')));
    expect(rows.map((r) => (r as DataRow).cells['v'])).toEqual(values);
  });

  it.skipIf(process.platform !== 'linux')('releases the file when the reader stops early', async () => {
    const path = await jsonlFile('{"a":1}\n'.repeat(100000));
    const source = await openRows(path);
    for await (const row of source.rows) {
      expect(row.kind).toBe('row');
      break;
    }
    await expect.poll(() => openDescriptorsOf(path)).toBe(0);
  });
});
