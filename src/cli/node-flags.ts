// The V8 flags the `yima` command runs with. bin/yima.js starts as a shell script that executes
// node with them on the same file (see `launcherLines`), and the benchmarks start their measuring
// processes with the same flags, so they measure what the command does.
//
// --max-semi-space-size=32: young-generation semi-spaces of 32 MiB instead of V8's 16. Ingest
// keeps batches in flight between its reading and storing threads; in 16 MiB semi-spaces they
// outlive a scavenge or two and are copied and promoted before they are stored, and the collector
// pays for every copy. Measured on 1M rows (alternating runs, 2 cores): 38,664–42,168 rows/s
// without the flag, 44,009–46,633 with it, and peak RSS no higher. 24 and 48 MiB did as well as
// 32; 64 did a little worse.
//
// --heap-growing-percent=25: after each full collection the old generation may grow by a quarter
// of what survived, instead of V8's adaptive factor (up to 4x on a fast collector). A first
// resolution holds ~1 KB of features a record; on 1.06M record roles V8 let ~1.1 GiB of live
// objects sit in a 2.4 GiB heap. Peak RSS of ingest + resolve 5,110 → 2,131 MiB with this and the
// changes of that round; GC pauses ~10% of the run; ingest 5–9% slower (52.3, 52.3 s → 57.3,
// 55.0 s on 1M rows). Setting it at run time only around the placement instead kept ingest's speed
// but left the heap ingest had grown: 3,357 MiB in the same benchmark.
//
// --expose-gc: the resolution calls gc() once, when its resolver's memory has become garbage and
// before the golden rebuild starts (src/resolve/resolve.ts); nothing else calls it.

export const nodeFlags: readonly string[] = ['--max-semi-space-size=32', '--heap-growing-percent=25', '--expose-gc'];

/**
 * The first two lines of bin/yima.js: read by a POSIX shell, they replace the shell with node and
 * its flags on the same file (same process id, so signals reach node); read by node, the second is
 * a string and a comment, and running `node bin/yima.js` directly works too (without the flags).
 * Not `#!/usr/bin/env -S node ...`: BusyBox's env (Alpine images) has no -S.
 */
export function launcherLines(): [string, string] {
  return ['#!/bin/sh', `':' //; exec node ${nodeFlags.join(' ')} "$0" "$@"`];
}
