import { describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatFromExtension, openRows } from './index.js';

describe('openRows', () => {
  it('takes the format from the extension, in any case', () => {
    expect(['a.csv', 'b.CSV', 'c.xlsx', 'd.jsonl', 'e.NDJSON'].map(formatFromExtension)).toEqual(['csv', 'csv', 'xlsx', 'jsonl', 'jsonl']);
  });

  it('refuses an unknown extension, naming the file', () => {
    expect(() => formatFromExtension('people.xls')).toThrow(expect.objectContaining({ code: 'bad_file', message: expect.stringContaining('people.xls') }));
  });

  it('lets an explicit format override the extension', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yima-format-'));
    try {
      const path = join(dir, 'export.txt');
      await writeFile(path, '{"a":"1"}\n');
      const source = await openRows(path, { format: 'jsonl' });
      expect(source.header).toEqual(['a']);
      await source.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
