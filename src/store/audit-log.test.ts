// The audit log on every store: the same tree as the in-memory reference, proofs that verify,
// append-only enforced by the database, and audit entries that share their batch's fate.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyCheckpoint } from '../audit/checkpoint.js';
import { allCheckpoints } from '../audit/log-store.js';
import { consistencyProofFromLeaves, inclusionProofFromLeaves, leafHash } from '../audit/merkle.js';
import { proveConsistency, proveInclusion } from '../audit/merkle-proof.js';
import { verifyConsistency, verifyInclusion } from '../audit/merkle-verify.js';
import { encodeAuditEntry } from '../audit/entry.js';
import { MemoryTree } from '../audit/memory-tree.js';
import type { NodeId } from '../audit/merkle-range.js';
import { verifyStoredLog } from '../audit/verify-stored.js';
import { isAppError } from '../errors.js';
import { auditEntries, auditEntry } from '../test-support/audit.js';
import { storeFactories, testSigner, type TestStore } from '../test-support/stores.js';
import type { StoredRecord } from './types.js';

function record(id: string): StoredRecord {
  return {
    source: 'police', recordId: id, runId: 'run-1', line: 1, contentHash: `h-${id}`, observedAt: null, ingestedAt: '2025-01-03T00:00:00Z',
    facts: '{}', relations: '[]', raw: '{}', valuesTotal: 1, valuesStandard: 1, persons: [],
  };
}

/** Every perfect subtree of a tree of `size` leaves, level 0 included. */
function allNodeIds(size: number): NodeId[] {
  const ids: NodeId[] = [];
  for (let level = 0; 2 ** level <= size; level++) {
    for (let index = 0; (index + 1) * 2 ** level <= size; index++) ids.push({ level, index });
  }
  return ids;
}

const batchSizes = [1, 2, 5, 100, 1, 1000, 37, 64];

for (const factory of storeFactories) {
  describe.skipIf(!factory.available)(`audit log on ${factory.name}`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await factory.open();
    });
    afterEach(async () => {
      await t.dispose();
    });

    it('builds the same tree as the in-memory reference, batch after batch, and signs each size', async () => {
      const reference = new MemoryTree();
      const sizes: number[] = [];
      for (const [b, count] of batchSizes.entries()) {
        const entries = auditEntries(reference.size, count);
        const expectedRoot = reference.append(entries.map((e) => leafHash(encodeAuditEntry(e))));
        // Alternate the two ways in: a standalone append and one riding on a record batch.
        const result = b % 2 === 0
          ? await t.store.appendAudit(entries)
          : (await t.store.writeBatch({ insert: [], replace: [], quarantine: [], audit: entries }), await t.store.auditReader.latestCheckpoint());
        expect(result?.root.equals(expectedRoot)).toBe(true);
        sizes.push(reference.size);
      }
      const size = reference.size;
      const ids = allNodeIds(size);
      const [stored, expected] = [await t.store.auditReader.findNodes(ids), await reference.findNodes(ids)];
      expect(stored.map((h) => h?.toString('hex'))).toEqual(expected.map((h) => h?.toString('hex')));
      const checkpoints = await allCheckpoints(t.store.auditReader);
      expect(checkpoints.map((c) => c.size)).toEqual(sizes);
      for (const c of checkpoints) {
        expect(verifyCheckpoint(c.note, testSigner.name, testSigner.publicKey)).toMatchObject({ ok: true, checkpoint: { size: c.size } });
      }
      expect((await t.store.auditReader.head()).size).toBe(size);
      expect(await verifyStoredLog(t.store.auditReader, testSigner)).toEqual({ ok: true, size, checkpoints: batchSizes.length });
    });

    it('serves inclusion and consistency proofs that match the reference and verify against signed roots', async () => {
      const leaves: Buffer[] = [];
      for (const count of batchSizes) {
        const entries = auditEntries(leaves.length, count);
        leaves.push(...entries.map((e) => leafHash(encodeAuditEntry(e))));
        await t.store.appendAudit(entries);
      }
      const checkpoints = await allCheckpoints(t.store.auditReader);
      for (const c of checkpoints) {
        for (const index of [0, c.size - 1, Math.floor(c.size / 3), Math.floor((c.size * 7) / 11)]) {
          const proof = await proveInclusion(t.store.auditReader, index, c.size);
          expect(proof).toEqual(inclusionProofFromLeaves(index, leaves.slice(0, c.size)));
          expect(verifyInclusion(index, c.size, leaves[index]!, proof, c.root)).toBe(true);
          expect(verifyInclusion(index, c.size, leaves[(index + 1) % c.size]!, proof, c.root)).toBe(c.size === 1);
        }
      }
      for (const [i, older] of checkpoints.entries()) {
        for (const newer of checkpoints.slice(i + 1)) {
          const proof = await proveConsistency(t.store.auditReader, older.size, newer.size);
          expect(proof).toEqual(consistencyProofFromLeaves(older.size, leaves.slice(0, newer.size)));
          expect(verifyConsistency(older.size, newer.size, older.root, newer.root, proof)).toBe(true);
        }
      }
      const entries = await t.store.auditReader.readEntries(1200, 3);
      expect(entries.map((e) => e.index)).toEqual([1200, 1201, 1202]);
      expect(Buffer.from(entries[0]!.encoded).equals(encodeAuditEntry(auditEntry(1200)))).toBe(true);
    });

    it('refuses UPDATE and DELETE on every audit table, and lets the head only grow', async () => {
      await t.store.appendAudit(auditEntries(0, 3));
      const refused: [string, unknown[]][] = [
        ['update audit_entries set leaf = ? where idx = 1', [Buffer.alloc(32)]],
        ['delete from audit_entries where idx = 2', []],
        ['update audit_node set hash = ?', [Buffer.alloc(32)]],
        ['delete from audit_node', []],
        ['update audit_checkpoints set note = ?', ['forged']],
        ['delete from audit_checkpoints', []],
        ['update audit_head set size = 1', []],
        ['delete from audit_head', []],
        ...(factory.name === 'postgres' ? [['truncate audit_entries', []], ['truncate audit_head', []]] satisfies [string, unknown[]][] : []),
      ];
      for (const [statement, params] of refused) {
        await expect(t.exec(statement, params), statement).rejects.toThrow(/audit log is append-only/);
      }
      expect(await verifyStoredLog(t.store.auditReader, testSigner)).toEqual({ ok: true, size: 3, checkpoints: 1 });
    });

    it('writes records and their audit entries together, or neither', async () => {
      await t.store.writeBatch({ insert: [record('r1')], replace: [], quarantine: [], audit: auditEntries(0, 2) });
      const before = await t.store.auditReader.head();
      expect(before.size).toBe(2);
      // A duplicate record fails the batch after its audit entries were planned.
      await expect(t.store.writeBatch({ insert: [record('r2'), record('r1')], replace: [], quarantine: [], audit: auditEntries(2, 5) })).rejects.toThrow();
      // An entry carrying an id number fails it after its records were written.
      const personal = auditEntry(2, { purpose: '核查 11010519491231002X' });
      await expect(t.store.writeBatch({ insert: [record('r3')], replace: [], quarantine: [], audit: [personal] })).rejects.toThrow(/Invalid audit entry/);
      expect((await t.store.countRecords()).records).toBe(1);
      expect(await t.store.auditReader.head()).toEqual(before);
      expect((await allCheckpoints(t.store.auditReader)).map((c) => c.size)).toEqual([2]);
      expect(await t.store.auditReader.readEntries(0, 10)).toHaveLength(2);
    });

    it('serialises concurrent appends: no interleaving, one checkpoint per batch', async () => {
      await Promise.all(Array.from({ length: 8 }, (_, b) => t.store.appendAudit(auditEntries(b * 50, 50))));
      expect(await verifyStoredLog(t.store.auditReader, testSigner)).toEqual({ ok: true, size: 400, checkpoints: 8 });
      expect((await allCheckpoints(t.store.auditReader)).map((c) => c.size)).toEqual([50, 100, 150, 200, 250, 300, 350, 400]);
    });
  });

  describe.skipIf(!factory.available)(`audit log on ${factory.name} without the node key`, () => {
    it('refuses audited writes with a clear error and still takes unaudited ones', async () => {
      const t = await factory.open({ signer: null });
      try {
        const error: unknown = await t.store.appendAudit(auditEntries(0, 1)).catch((e: unknown) => e);
        expect(isAppError(error) && error.code === 'unavailable' && error.messageZh.includes('审计密钥')).toBe(true);
        await expect(t.store.writeBatch({ insert: [record('r1')], replace: [], quarantine: [], audit: auditEntries(0, 1) })).rejects.toThrow(/audit key is not loaded/);
        expect((await t.store.countRecords()).records).toBe(0);
        await t.store.writeBatch({ insert: [record('r1')], replace: [], quarantine: [] });
        expect((await t.store.countRecords()).records).toBe(1);
        expect((await t.store.auditReader.head()).size).toBe(0);
      } finally {
        await t.dispose();
      }
    });
  });
}
