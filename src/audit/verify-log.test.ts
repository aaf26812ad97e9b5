import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint, signCheckpoint } from './checkpoint.js';
import { encodeAuditEntry, type AuditEntry } from './entry.js';
import { EMPTY_ROOT, leafHash } from './merkle.js';
import { nodeKey, type NodeId } from './merkle-range.js';
import type { NodeReader } from './merkle-proof.js';
import { MemoryTree } from './memory-tree.js';
import { verifyLog, type StoredEntry, type VerifyLogInput } from './verify-log.js';

const origin = 'yima.example/node-1';
const key = generateKeyPairSync('ed25519');

function makeEntry(i: number): AuditEntry {
  return {
    time: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
    actor: `clerk${i % 3}`, role: 'clerk', action: i % 2 ? 'person_read' : 'code_verify',
    objectIds: [`p-${1000 + i}`], purpose: '窗口办理', outcome: 'ok', requestId: `req-${i}`,
  };
}

interface Log {
  entries: StoredEntry[];
  tree: MemoryTree;
  checkpoints: string[];
}

/** A log of `size` entries appended in batches, with a checkpoint signed at each size in `at`. */
function buildLog(size: number, at: readonly number[], make = makeEntry): Log {
  const tree = new MemoryTree();
  const entries: StoredEntry[] = [];
  const checkpoints: string[] = [];
  let root = EMPTY_ROOT;
  for (const target of [...new Set([...at, size])].sort((a, b) => a - b)) {
    const batch: StoredEntry[] = [];
    for (let i = tree.size; i < target; i++) {
      const encoded = encodeAuditEntry(make(i));
      batch.push({ index: i, encoded, leafHash: leafHash(encoded) });
    }
    if (batch.length > 0) root = tree.append(batch.map((e) => Buffer.from(e.leafHash)));
    entries.push(...batch);
    if (at.includes(target)) {
      checkpoints.push(signCheckpoint(formatCheckpoint({ origin, size: target, root }), origin, key.privateKey));
    }
  }
  return { entries, tree, checkpoints };
}

/** The entries as a store would hand them over: one awaited row at a time. */
async function* stream(entries: readonly StoredEntry[]): AsyncGenerator<StoredEntry> {
  for (const entry of entries) yield await Promise.resolve(entry);
}

function verify(log: Log, overrides: Partial<VerifyLogInput> = {}) {
  return verifyLog({
    entries: stream(log.entries), nodes: log.tree, checkpoints: log.checkpoints,
    keyName: origin, publicKey: key.publicKey, ...overrides,
  });
}

/** Rewrites entry i with another field value, re-encoding it; optionally also its leaf hash. */
function tamperEntry(log: Log, i: number, withLeaf: boolean): void {
  const entry = log.entries[i] as StoredEntry;
  const encoded = encodeAuditEntry({ ...makeEntry(i), outcome: 'denied' });
  log.entries[i] = { ...entry, encoded, leafHash: withLeaf ? leafHash(encoded) : entry.leafHash };
}

const checkpointSizes = [0, 10, 25, 40];

describe('verifyLog', () => {
  it('passes an untouched log, an empty one, and one longer than its last checkpoint', async () => {
    expect(await verify(buildLog(40, checkpointSizes))).toEqual({ ok: true, size: 40, checkpoints: 4 });
    expect(await verify(buildLog(0, [0]))).toEqual({ ok: true, size: 0, checkpoints: 1 });
    expect(await verify(buildLog(0, []))).toEqual({ ok: true, size: 0, checkpoints: 0 });
    expect(await verify(buildLog(3000, [1, 1024, 1025, 2047, 2048, 2500]))).toEqual({ ok: true, size: 3000, checkpoints: 6 });
  });

  it('names a changed field of one entry, however much the tamperer rehashed', async () => {
    const onlyEntry = buildLog(40, checkpointSizes);
    tamperEntry(onlyEntry, 7, false);
    expect(await verify(onlyEntry)).toMatchObject({ ok: false, problem: { kind: 'leaf_mismatch', index: 7 } });

    const withLeaf = buildLog(40, checkpointSizes);
    tamperEntry(withLeaf, 7, true);
    expect(await verify(withLeaf)).toMatchObject({ ok: false, problem: { kind: 'node_mismatch', index: 6 } });

    // Rebuilding every tree node too leaves only the signed root to disagree.
    const rebuilt = buildLog(40, checkpointSizes, (i) => (i === 7 ? { ...makeEntry(i), outcome: 'denied' } : makeEntry(i)));
    rebuilt.checkpoints = buildLog(40, checkpointSizes).checkpoints;
    expect(await verify(rebuilt)).toMatchObject({ ok: false, problem: { kind: 'root_mismatch', checkpointSize: 10 } });
  });

  it('names a deleted entry', async () => {
    const log = buildLog(40, checkpointSizes);
    log.entries.splice(12, 1);
    expect(await verify(log)).toMatchObject({ ok: false, problem: { kind: 'missing_entry', index: 12 } });
  });

  it('names two entries read out of order, or swapped in place', async () => {
    const moved = buildLog(40, checkpointSizes);
    [moved.entries[20], moved.entries[21]] = [moved.entries[21] as StoredEntry, moved.entries[20] as StoredEntry];
    expect(await verify(moved)).toMatchObject({ ok: false, problem: { kind: 'order', index: 20 } });

    const swapped = buildLog(40, checkpointSizes);
    const a = swapped.entries[21] as StoredEntry;
    const b = swapped.entries[22] as StoredEntry;
    swapped.entries[21] = { ...b, index: 21 };
    swapped.entries[22] = { ...a, index: 22 };
    expect(await verify(swapped)).toMatchObject({ ok: false, problem: { kind: 'node_mismatch', index: 20 } });

    const repeated = buildLog(40, checkpointSizes);
    repeated.entries.splice(5, 0, repeated.entries[3] as StoredEntry);
    expect(await verify(repeated)).toMatchObject({ ok: false, problem: { kind: 'order', index: 3 } });
  });

  it('names a replaced checkpoint signature, a stranger key and another log', async () => {
    const log = buildLog(40, checkpointSizes);
    // The size-25 checkpoint carrying the (valid) signature line of the size-10 one.
    const [, second, third] = log.checkpoints as [string, string, string];
    log.checkpoints[2] = third.slice(0, third.lastIndexOf('\n\n')) + second.slice(second.lastIndexOf('\n\n'));
    expect(log.checkpoints[2]).not.toBe(third);
    expect(await verify(log)).toMatchObject({ ok: false, problem: { kind: 'bad_signature', message: expect.stringMatching(/^checkpoint #3:/) } });

    const stranger = generateKeyPairSync('ed25519');
    expect(await verify(buildLog(40, checkpointSizes), { publicKey: stranger.publicKey }))
      .toMatchObject({ ok: false, problem: { kind: 'bad_signature' } });
    expect(await verify(buildLog(40, checkpointSizes), { origin: 'yima.example/node-2' }))
      .toMatchObject({ ok: false, problem: { kind: 'bad_signature', checkpointSize: 0 } });
  });

  it('names a log rolled back below its latest checkpoint, and one forked after the rollback', async () => {
    const log = buildLog(40, checkpointSizes);
    log.entries.length = 30;
    expect(await verify(log)).toMatchObject({ ok: false, problem: { kind: 'rollback', index: 30, checkpointSize: 40 } });

    const forked = buildLog(45, [0, 10, 25], (i) => (i >= 30 ? { ...makeEntry(i), purpose: '另一条分支' } : makeEntry(i)));
    forked.checkpoints = buildLog(40, checkpointSizes).checkpoints;
    expect(await verify(forked)).toMatchObject({ ok: false, problem: { kind: 'root_mismatch', checkpointSize: 40 } });
  });

  it('names checkpoints signed out of order', async () => {
    const log = buildLog(40, checkpointSizes);
    log.checkpoints = [log.checkpoints[0], log.checkpoints[2], log.checkpoints[1]] as string[];
    expect(await verify(log)).toMatchObject({ ok: false, problem: { kind: 'rollback', checkpointSize: 10 } });
  });

  it('names a missing or wrong stored node, and a wrong empty-tree root', async () => {
    const log = buildLog(40, checkpointSizes);
    log.tree.replaceNode({ level: 3, index: 2 }, undefined);
    expect(await verify(log)).toMatchObject({ ok: false, problem: { kind: 'node_mismatch', index: 16, message: expect.stringMatching(/missing/) } });

    const empty = buildLog(0, []);
    const body = formatCheckpoint({ origin, size: 0, root: leafHash(Buffer.from('x')) });
    empty.checkpoints = [signCheckpoint(body, origin, key.privateKey)];
    expect(await verify(empty)).toMatchObject({ ok: false, problem: { kind: 'root_mismatch', checkpointSize: 0 } });
  });

  it('checks successive checkpoints with a consistency proof from the stored nodes', async () => {
    const log = buildLog(40, checkpointSizes);
    // A store whose node over entries 0..15 changes after the node check (a concurrent writer, say):
    // the 25 → 40 proof needs that node, so the pair no longer proves consistent.
    let reads = 0;
    const target: NodeId = { level: 4, index: 0 };
    const flaky: NodeReader = {
      async findNodes(ids) {
        const found = await log.tree.findNodes(ids);
        return ids.map((id, i) => (nodeKey(id) === nodeKey(target) && reads++ > 0 ? Buffer.alloc(32) : found[i]));
      },
    };
    expect(await verify(log, { nodes: flaky })).toMatchObject({ ok: false, problem: { kind: 'inconsistent_checkpoints', checkpointSize: 40 } });
  });

  it('closes the entry stream when it stops early', async () => {
    const log = buildLog(40, checkpointSizes);
    tamperEntry(log, 3, false);
    let closed = false;
    async function* tracked(): AsyncGenerator<StoredEntry> {
      try {
        yield* stream(log.entries);
      } finally {
        closed = true;
      }
    }
    expect(await verify(log, { entries: tracked() })).toMatchObject({ ok: false, problem: { kind: 'leaf_mismatch', index: 3 } });
    expect(closed).toBe(true);
  });

  it('reports the earliest of several problems', async () => {
    const log = buildLog(40, checkpointSizes);
    tamperEntry(log, 33, false);
    log.entries.splice(12, 1);
    expect(await verify(log)).toMatchObject({ ok: false, problem: { kind: 'missing_entry', index: 12 } });
  });
});
