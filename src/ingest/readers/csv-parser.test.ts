import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Options as CsvParseOptions } from 'csv-parse';
import { parse as parseWithCsvParse } from 'csv-parse/sync';
import { CsvRecordParser, type CsvRecord } from './csv-parser.js';

const MiB = 1024 * 1024;

function parseChunks(chunks: readonly string[], maxRecordBytes = MiB): CsvRecord[] {
  const parser = new CsvRecordParser(maxRecordBytes);
  const records: CsvRecord[] = [];
  for (const chunk of chunks) records.push(...parser.push(chunk));
  records.push(...parser.end());
  return records;
}

function parseText(text: string, maxRecordBytes = MiB): CsvRecord[] {
  return parseChunks([text], maxRecordBytes);
}

function splitAt(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let start = 0;
  for (const p of points) {
    chunks.push(text.slice(start, p));
    start = p;
  }
  chunks.push(text.slice(start));
  return chunks;
}

// Cells drawn from the characters that matter to CSV, plus CJK, so quoting is exercised.
const cell = fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', '\t', ',', '"', '\r', '\n', '中', '张', '=', '@', "'"), maxLength: 8 });
const table = fc.integer({ min: 1, max: 5 }).chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }));
const lineBreak = fc.constantFrom('\n', '\r\n', '\r');

function quoteIfNeeded(value: string, forceQuote: boolean): string {
  // A lone empty cell would read as a blank line, and leading/trailing blanks as padding.
  return forceQuote || value === '' || /[",\r\n]|^[ \t]|[ \t]$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const csvDocument = fc
  .tuple(table, fc.array(lineBreak, { minLength: 9, maxLength: 9 }), fc.boolean(), fc.boolean())
  .map(([rows, breaks, quoteAll, endsWithBreak]) => {
    const text = rows
      .map((row, r) => row.map((v) => quoteIfNeeded(v, quoteAll)).join(',') + (r < rows.length - 1 || endsWithBreak ? breaks[r]! : ''))
      .join('');
    return { rows, text };
  });

const csvParseOptions: CsvParseOptions = { relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'] };

describe('CsvRecordParser', () => {
  it('reads back any table written with RFC 4180 quoting, whatever the chunking', () => {
    fc.assert(
      fc.property(csvDocument, fc.array(fc.nat(), { maxLength: 6 }), ({ rows, text }, cuts) => {
        const records = parseChunks(splitAt(text, cuts));
        expect(records.map((r) => r.fields)).toEqual(rows);
        expect(records.every((r) => r.problem === undefined)).toBe(true);
      }),
    );
  });

  it('agrees with csv-parse on well-formed input', () => {
    fc.assert(
      fc.property(csvDocument, ({ text }) => {
        const expected = parseWithCsvParse(text, csvParseOptions);
        expect(parseText(text).map((r) => r.fields)).toEqual(expected);
      }),
    );
  });

  it('gives the same records for any input, well-formed or not, however it is chunked', () => {
    const anyText = fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\r', '\n', '中'), maxLength: 60 });
    fc.assert(
      fc.property(anyText, fc.array(fc.nat(), { maxLength: 8 }), (text, cuts) => {
        expect(parseChunks(splitAt(text, cuts))).toEqual(parseText(text));
      }),
    );
  });

  it('numbers records by the physical line they start on, counting \\r\\n, \\n and \\r as one break each', () => {
    fc.assert(
      fc.property(csvDocument, ({ text }) => {
        const records = parseText(text);
        let line = 1;
        for (const record of records) {
          expect(record.line).toBe(line);
          // The next record starts after the breaks inside this one and the one that ends it.
          line += (record.raw.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
        }
      }),
    );
  });

  it('keeps quoted commas, quotes and line breaks inside a field', () => {
    const records = parseText('a,b\r\n"x, ""y""","line1\r\nline2"\r\nlast,row\r\n');
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['a', 'b']],
      [2, ['x, "y"', 'line1\r\nline2']],
      [4, ['last', 'row']],
    ]);
  });

  it('accepts mixed line endings in one file', () => {
    expect(parseText('a\nb\r\nc\rd').map((r) => [r.line, r.fields[0]])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
    ]);
  });

  it('marks empty and whitespace-only lines as blank, but not a quoted empty cell', () => {
    const records = parseText('a\n\n  \t\n""\n\r\n');
    expect(records.map((r) => [r.line, r.blank])).toEqual([
      [1, false],
      [2, true],
      [3, true],
      [4, false],
      [5, true],
    ]);
  });

  it('allows spaces around a quoted field', () => {
    expect(parseText('a,  "b" ,c\n')[0]).toMatchObject({ fields: ['a', 'b', 'c'] });
  });

  it('makes a quote inside an unquoted field a bad record and goes on at the next line', () => {
    const records = parseText('h1,h2\na,b"c\nd,e\n');
    expect(records[1]).toMatchObject({ line: 2, raw: 'a,b"c' });
    expect(records[1]!.problem).toMatch(/quote inside an unquoted field/);
    expect(records[2]).toMatchObject({ line: 3, fields: ['d', 'e'] });
    expect(records[2]!.problem).toBeUndefined();
  });

  it('makes text after a closing quote a bad record and goes on at the next line', () => {
    const records = parseText('a,"b"c,d\ne,f\n');
    expect(records[0]!.problem).toMatch(/text after a closing quote/);
    expect(records[0]!.raw).toBe('a,"b"c,d');
    expect(records[1]).toMatchObject({ line: 2, fields: ['e', 'f'] });
  });

  it('reports a quote left open at the end of the file as one bad record holding the rest of the file', () => {
    const records = parseText('h\nok\n"never closed\nx\ny\n');
    expect(records).toHaveLength(3);
    expect(records[2]).toMatchObject({ line: 3, raw: '"never closed\nx\ny\n' });
    expect(records[2]!.problem).toMatch(/unterminated quoted field: the quote opened on line 3 runs to the end of the file \(lines 3-5\)/);
    expect(parseText('"a\nb')[0]!.problem).toMatch(/\(lines 1-2\)/);
  });

  it('turns a record over the size limit into one bad record without keeping its cells, and resynchronises', () => {
    const big = 'x'.repeat(5000);
    const records = parseChunks(splitAt(`a,b\n1,${big}\n2,3\n`, [10, 100, 3000]), 1000);
    expect(records).toHaveLength(3);
    expect(records[1]).toMatchObject({ line: 2, fields: [] });
    expect(records[1]!.problem).toMatch(/larger than maxRecordBytes \(1000 bytes\)/);
    expect(records[1]!.raw).toHaveLength(2000);
    expect(records[2]).toMatchObject({ line: 3, fields: ['2', '3'] });
  });

  it('measures the size limit in UTF-8 bytes', () => {
    // 400 CJK characters are 1,200 bytes in UTF-8.
    const records = parseText(`${'中'.repeat(400)}\n${'a'.repeat(400)}\n`, 1000);
    expect(records[0]!.problem).toMatch(/maxRecordBytes/);
    expect(records[1]!.problem).toBeUndefined();
  });

  it('keeps injection text, formula-like text and control characters as they are', () => {
    const nasty = ["'; DROP TABLE persons; --", '<script>alert(1)</script>', '=1+2', '@SUM(A1)', '\u0000\u0007\u001b[31m', '\u202e'];
    const records = parseText(nasty.map((v) => `"${v}"`).join(',') + '\n');
    expect(records[0]!.fields).toEqual(nasty);
  });
});
