// The V8 flags the `yima` command runs with. bin/yima.js passes them to node on its first line
// (`env -S`), and the benchmarks start their measuring processes with the same flags, so they
// measure what the command does.
//
// --max-semi-space-size=32: young-generation semi-spaces of 32 MiB instead of V8's 16. Ingest
// keeps batches in flight between its reading and storing threads; in 16 MiB semi-spaces they
// outlive a scavenge or two and are copied and promoted before they are stored, and the collector
// pays for every copy. Measured on 1M rows (alternating runs, 2 cores): 38,664–42,168 rows/s
// without the flag, 44,009–46,633 with it, and peak RSS no higher; 24 and 48 MiB did as well as
// 32 and 64 a little worse.

export const nodeFlags: readonly string[] = ['--max-semi-space-size=32'];

/** The first line bin/yima.js must carry for `npx yima` to run node with `nodeFlags`. */
export function shebang(): string {
  return `#!/usr/bin/env -S node ${nodeFlags.join(' ')}`;
}
