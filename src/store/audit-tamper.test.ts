// Tamper tests on every store: an attacker with DBA rights drops the append-only triggers and then
// changes, deletes, reorders, forges or rolls back; the log verifier must name the place each time.

import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signCheckpoint } from '../audit/checkpoint.js';
import { encodeAuditEntry } from '../audit/entry.js';
import { allCheckpoints } from '../audit/log-store.js';
import { leafHash } from '../audit/merkle.js';
import { nodeKey, type NodeId } from '../audit/merkle-range.js';
import { MemoryTree } from '../audit/memory-tree.js';
import { frontierNodeIds } from '../audit/merkle-range.js';
import { verifyStoredLog } from '../audit/verify-stored.js';
import { auditCommand } from '../cli/commands/audit.js';
import type { Output } from '../cli/context.js';
import { auditEntries, auditEntry, dropAuditGuards } from '../test-support/audit.js';
import { storeFactories, testSigner, type TestStore } from '../test-support/stores.js';

/** Batches of 10, 15 and 15: checkpoints at sizes 10, 25 and 40. */
const batches = [10, 15, 15];

function capture(): Output & { lines: string[] } {
  const lines: string[] = [];
  return { lines, isTTY: false, out: (l) => lines.push(l), err: (l) => lines.push(l) };
}

/** Perfect subtrees (level ≥ 1) that reach entry `from` or beyond, in a tree of `size`. */
function nodeKeysFrom(from: number, size: number): number[] {
  const keys: number[] = [];
  for (let level = 1; 2 ** level <= size; level++) {
    for (let index = 0; (index + 1) * 2 ** level <= size; index++) {
      if ((index + 1) * 2 ** level - 1 >= from) keys.push(nodeKey({ level, index }));
    }
  }
  return keys;
}

for (const factory of storeFactories) {
  describe.skipIf(!factory.available)(`audit log tampering on ${factory.name}`, () => {
    let t: TestStore;
    const verify = (trusted?: string[]) => verifyStoredLog(t.store.auditReader, testSigner, trusted ? { trusted } : {});

    beforeEach(async () => {
      t = await factory.open();
      let at = 0;
      for (const n of batches) {
        await t.store.appendAudit(auditEntries(at, n));
        at += n;
      }
      await dropAuditGuards(t);
    });
    afterEach(async () => {
      await t.dispose();
    });

    it('verifies an untouched log, and the command says so', async () => {
      expect(await verify()).toEqual({ ok: true, size: 40, checkpoints: 3 });
      const output = capture();
      expect(await auditCommand(t.store.auditReader, testSigner, 'verify', {}, output)).toBe(0);
      expect(output.lines.join('\n')).toMatch(/40 entries, 3 checkpoints/);
    });

    it('names a changed field of one entry, whether or not its leaf was rehashed', async () => {
      const changed = encodeAuditEntry(auditEntry(7, { outcome: 'denied' }));
      await t.exec('update audit_entries set entry = ? where idx = 7', [changed]);
      expect(await verify()).toMatchObject({ ok: false, problem: { kind: 'leaf_mismatch', index: 7 } });
      const output = capture();
      expect(await auditCommand(t.store.auditReader, testSigner, 'verify', {}, output)).toBe(1);
      expect(output.lines.join('\n')).toMatch(/第 7 条审计记录已被改动.*audit entry 7 was altered/);

      await t.exec('update audit_entries set leaf = ? where idx = 7', [leafHash(changed)]);
      expect(await verify()).toMatchObject({ ok: false, problem: { kind: 'node_mismatch', index: 6 } });
    });

    it('names an entry rewritten with every tree node above it rebuilt: the signed root disagrees', async () => {
      const forged = new MemoryTree();
      forged.append(Array.from({ length: 40 }, (_, i) => leafHash(encodeAuditEntry(auditEntry(i, i === 7 ? { outcome: 'denied' } : {})))));
      await t.exec('update audit_entries set entry = ?, leaf = ? where idx = 7', [encodeAuditEntry(auditEntry(7, { outcome: 'denied' })), leafHash(encodeAuditEntry(auditEntry(7, { outcome: 'denied' })))]);
      for (const id of [{ level: 1, index: 3 }, { level: 2, index: 1 }, { level: 3, index: 0 }, { level: 4, index: 0 }, { level: 5, index: 0 }] as NodeId[]) {
        const [hash] = await forged.findNodes([id]);
        await t.exec('update audit_node set hash = ? where key = ?', [hash, nodeKey(id)]);
      }
      expect(await verify()).toMatchObject({ ok: false, problem: { kind: 'root_mismatch', checkpointSize: 10 } });
    });

    it('names a deleted entry', async () => {
      await t.exec('delete from audit_entries where idx = 12');
      expect(await verify()).toMatchObject({ ok: false, problem: { kind: 'missing_entry', index: 12 } });
    });

    it('names two entries swapped', async () => {
      await t.exec('update audit_entries set idx = -1 where idx = 21');
      await t.exec('update audit_entries set idx = 21 where idx = 22');
      await t.exec('update audit_entries set idx = 22 where idx = -1');
      expect(await verify()).toMatchObject({ ok: false, problem: { kind: 'node_mismatch', index: 20 } });
      const output = capture();
      expect(await auditCommand(t.store.auditReader, testSigner, 'verify', {}, output)).toBe(1);
      expect(output.lines.join('\n')).toMatch(/从第 20 条起.*audit entries from 20/);
    });

    it('names a replaced checkpoint signature, forged by another key or moved from another checkpoint', async () => {
      const [, second, third] = await allCheckpoints(t.store.auditReader);
      const body = third!.note.slice(0, third!.note.lastIndexOf('\n\n') + 1);
      const moved = body + second!.note.slice(second!.note.lastIndexOf('\n\n') + 1);
      await t.exec('update audit_checkpoints set note = ? where size = 40', [moved]);
      expect(await verify()).toMatchObject({ ok: false, problem: { kind: 'bad_signature', checkpointSize: 40 } });

      const stranger = generateKeyPairSync('ed25519');
      await t.exec('update audit_checkpoints set note = ? where size = 25', [signCheckpoint(second!.note.slice(0, second!.note.lastIndexOf('\n\n') + 1), testSigner.name, stranger.privateKey)]);
      const output = capture();
      expect(await auditCommand(t.store.auditReader, testSigner, 'verify', {}, output)).toBe(1);
      expect(output.lines.join('\n')).toMatch(/大小为 25 的检查点签名无效/);
    });

    it('names a log rolled back under its checkpoints, and a clean rollback against a checkpoint kept outside', async () => {
      const latest = (await t.store.auditReader.latestCheckpoint())!;
      await t.exec('delete from audit_entries where idx >= 30');
      expect(await verify()).toMatchObject({ ok: false, problem: { kind: 'rollback', index: 30, checkpointSize: 40 } });

      // The careful attacker rolls back to the size-25 checkpoint: entries, nodes, checkpoint, head.
      await t.exec('delete from audit_entries where idx >= 25');
      for (const key of nodeKeysFrom(25, 40)) await t.exec('delete from audit_node where key = ?', [key]);
      await t.exec('delete from audit_checkpoints where size > 25');
      const [hashes] = [await t.store.auditReader.findNodes(frontierNodeIds(25))];
      await t.exec('update audit_head set size = 25, frontier = ? where id = 1', [Buffer.concat(hashes as Buffer[])]);
      // The store alone cannot tell: it holds a consistent, signed log of 25 entries ...
      expect(await verify()).toEqual({ ok: true, size: 25, checkpoints: 2 });
      // ... but a checkpoint kept outside it (an auditor's, a witness's) shows the rollback.
      expect(await verify([latest.note])).toMatchObject({ ok: false, problem: { kind: 'rollback', index: 25, checkpointSize: 40 } });
      const output = capture();
      expect(await auditCommand(t.store.auditReader, testSigner, 'verify', {}, output, [latest.note])).toBe(1);
      expect(output.lines.join('\n')).toMatch(/审计日志被回滚：仅有 25 条记录，但已签名的检查点大小为 40/);

      // Appending again after the rollback forks the log from what the outside checkpoint saw.
      await t.store.appendAudit(auditEntries(100, 20));
      expect(await verify([latest.note])).toMatchObject({ ok: false, problem: { kind: 'root_mismatch', checkpointSize: 40 } });
    });

    it('names entries appended behind the log\'s back (no checkpoint signs them) and a damaged head', async () => {
      const extra = encodeAuditEntry(auditEntry(40));
      await t.exec('insert into audit_entries (idx, entry, leaf) values (40, ?, ?)', [extra, leafHash(extra)]);
      expect(await verify()).toMatchObject({ ok: false, problem: { kind: 'unsigned_entries', index: 40 } });
      await t.exec('delete from audit_entries where idx = 40');

      await t.exec('update audit_head set frontier = ? where id = 1', [Buffer.alloc(64)]);
      expect(await verify()).toMatchObject({ ok: false, problem: { kind: 'head_mismatch' } });
      // The appender refuses to sign on top of a head that does not reproduce the signed root.
      await expect(t.store.appendAudit(auditEntries(40, 1))).rejects.toThrow(/refusing to sign/);
    });
  });
}
