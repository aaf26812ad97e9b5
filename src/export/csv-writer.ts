// CSV exports (spec §4): UTF-8 with a header row, RFC 4180 quoting, and formula injection
// neutralised — a cell starting with = + - or @ is prefixed with ' so a spreadsheet shows it as text.

import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

const formulaStart = /^[=+\-@]/;
const needsQuotes = /[",\r\n]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (formulaStart.test(text)) text = `'${text}`;
  return needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}

/** Writes rows to a file with back-pressure; resolves to the number of data rows written. */
export async function writeCsv(path: string, header: readonly string[], rows: AsyncIterable<readonly (string | number | boolean | null)[]> | Iterable<readonly (string | number | boolean | null)[]>): Promise<number> {
  const out: WriteStream = createWriteStream(path, { encoding: 'utf8' });
  let count = 0;
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain');
  };
  try {
    await write(csvLine(header));
    for await (const row of rows) {
      await write(csvLine(row));
      count += 1;
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return count;
}
