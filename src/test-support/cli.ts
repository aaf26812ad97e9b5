// The `yima` command run in process, for the command tests: its exit code and what it printed,
// and a checksum-valid resident id number to put in the files they ingest.

import { computeIdCheckChar } from '../identity/index.js';
import type { Output } from '../cli/context.js';
import { main } from '../cli/main.js';

export async function runYima(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const lines: string[] = [];
  const errors: string[] = [];
  const output: Output = { isTTY: false, out: (l) => lines.push(l), err: (l) => errors.push(l) };
  const code = await main(argv, output);
  return { code, out: lines.join('\n'), err: errors.join('\n') };
}

/** A valid 18-digit id number: region (6 digits), birth date (8), sequence (3), and its check character. */
export function validIdNumber(region: string, birth: string, seq: string): string {
  const first17 = `${region}${birth}${seq}`;
  return first17 + computeIdCheckChar(first17);
}
