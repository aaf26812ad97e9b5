import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LineSplitter, type TextLine } from './line-splitter.js';

function split(chunks: readonly string[], maxBytes = 1024 * 1024): TextLine[] {
  const splitter = new LineSplitter(maxBytes);
  return [...chunks.flatMap((chunk) => splitter.push(chunk)), ...splitter.end()];
}

function cutAt(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  return [...points, text.length].map((end, i, all) => text.slice(i === 0 ? 0 : all[i - 1], end));
}

describe('LineSplitter', () => {
  it('splits on \\r\\n, \\n and \\r alike, whatever the chunking', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '中', '\r', '\n', ' '), maxLength: 40 });
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 6 }), (t, cuts) => {
        const expected = t === '' ? [] : t.split(/\r\n|\r|\n/);
        if (expected.at(-1) === '') expected.pop();
        const lines = split(cutAt(t, cuts));
        expect(lines.map((l) => l.text)).toEqual(expected);
        expect(lines.map((l) => l.line)).toEqual(expected.map((_, i) => i + 1));
      }),
    );
  });

  it('keeps only the start of a line over the limit, measured in UTF-8 bytes, and goes on', () => {
    const lines = split(['ok\n', '中'.repeat(500), '中'.repeat(500), '\nnext\n'], 2000);
    expect(lines.map((l) => [l.line, l.isOversized, l.text.length])).toEqual([
      [1, false, 2],
      [2, true, 1000],
      [3, false, 4],
    ]);
  });
});
