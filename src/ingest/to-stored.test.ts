import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packRaw, rawCells } from './to-stored.js';

/** Cells the way readers make them: keyed in header order, inheriting nothing. */
function cellsOf(header: readonly string[], values: readonly string[]): Record<string, string> {
  const cells = Object.create(null) as Record<string, string>;
  header.forEach((h, i) => {
    cells[h] = values[i] ?? '';
  });
  return cells;
}

describe('raw rows as stored', () => {
  const header = ['登记编号', '姓名', '联系电话'];

  it('keeps a row that follows the run columns as its values alone, and names them again', () => {
    const cells = cellsOf(header, ['DJ1', '张三', '+86 138-0013-8000']);
    const raw = packRaw(cells, header);
    expect(JSON.parse(raw)).toEqual(['DJ1', '张三', '+86 138-0013-8000']);
    expect({ ...rawCells(raw, header) }).toEqual({ ...cells });
  });

  it('keeps a row with a key the run columns lack (a late JSONL key) by name', () => {
    const cells = cellsOf([...header, '备注'], ['DJ2', '李四', '', '迟到的列']);
    const raw = packRaw(cells, header);
    expect(JSON.parse(raw)).toMatchObject({ 备注: '迟到的列' });
    expect({ ...rawCells(raw, header) }).toEqual({ ...cells });
  });

  it('keeps a row by name when its keys cannot keep the header order (numeric column names)', () => {
    const numeric = ['姓名', '2024', '1'];
    const cells = cellsOf(numeric, ['王五', 'x', 'y']);
    const raw = packRaw(cells, numeric);
    expect(raw.startsWith('{')).toBe(true);
    expect({ ...rawCells(raw, numeric) }).toEqual({ ...cells });
  });

  it('reads the object form of runs from before columns were kept', () => {
    expect({ ...rawCells(JSON.stringify({ 姓名: '赵六' }), null) }).toEqual({ 姓名: '赵六' });
  });

  it('names values by position when the columns do not fit, and keeps unreadable text whole', () => {
    expect({ ...rawCells('["a","b"]', ['only']) }).toEqual({ '#1': 'a', '#2': 'b' });
    expect({ ...rawCells('["a","b"]', null) }).toEqual({ '#1': 'a', '#2': 'b' });
    expect({ ...rawCells('not json', header) }).toEqual({ '#raw': 'not json' });
  });

  it('loses nothing: any header and any values come back exactly', () => {
    const names = fc.uniqueArray(fc.string({ maxLength: 12 }), { minLength: 0, maxLength: 12 });
    fc.assert(
      fc.property(names, fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { maxLength: 12 }), (columns, values) => {
        const cells = cellsOf(columns, values);
        expect({ ...rawCells(packRaw(cells, columns), columns) }).toEqual({ ...cells });
      }),
    );
  });
});
