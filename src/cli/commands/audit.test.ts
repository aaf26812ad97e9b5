// `yima init` makes the audit key and `yima audit …` reads the log, end to end on a data directory.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyCheckpoint } from '../../audit/checkpoint.js';
import { encodeAuditEntry } from '../../audit/entry.js';
import { leafHash } from '../../audit/merkle.js';
import { verifyInclusion } from '../../audit/merkle-verify.js';
import { loadNodeVerifier } from '../../audit/node-key.js';
import { openStore } from '../../store/open.js';
import { auditEntries, auditEntry } from '../../test-support/audit.js';
import type { CommandContext } from '../context.js';
import { runAudit } from './audit.js';
import { runInit } from './init.js';

interface Captured { out: string[]; err: string[] }

function context(dataDir: string): CommandContext & { captured: Captured } {
  const captured: Captured = { out: [], err: [] };
  return { dataDir, databaseUrl: undefined, captured, output: { isTTY: false, out: (l) => captured.out.push(l), err: (l) => captured.err.push(l) } };
}

interface ProofJson { leafIndex: number; treeSize: number; leafHash: string; proof: string[]; root: string; checkpoint: string; consistency?: { toSize: number }; verified: boolean }

describe('yima audit', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'yima-audit-'));
    await runInit(context(dataDir), { region: '440300' });
    const store = await openStore({ dataDir });
    try {
      for (const [start, n] of [[0, 10], [10, 15], [25, 15]] as const) await store.appendAudit(auditEntries(start, n));
    } finally {
      await store.close();
    }
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the latest checkpoint, signed by the key init made', async () => {
    const ctx = context(dataDir);
    expect(await runAudit(ctx, 'checkpoint', {})).toBe(0);
    const note = `${ctx.captured.out.join('\n')}\n`;
    const { name, publicKey } = loadNodeVerifier(dataDir);
    expect(name).toMatch(/^yima\.440300\.[0-9a-f]{8}$/);
    expect(verifyCheckpoint(note, name, publicKey)).toMatchObject({ ok: true, checkpoint: { origin: name, size: 40 } });
  });

  it('proves an entry at the latest size and at an unsigned earlier size, checking the proof', async () => {
    const ctx = context(dataDir);
    expect(await runAudit(ctx, 'prove', { index: 13 })).toBe(0);
    const proof = JSON.parse(ctx.captured.out.join('\n')) as ProofJson;
    expect(proof).toMatchObject({ leafIndex: 13, treeSize: 40, verified: true });
    const leaf = leafHash(encodeAuditEntry(auditEntry(13)));
    expect(proof.leafHash).toBe(leaf.toString('base64'));
    // Checked here from the JSON alone, as an outside auditor would.
    const b = (s: string) => Buffer.from(s, 'base64');
    expect(verifyInclusion(13, 40, leaf, proof.proof.map(b), b(proof.root))).toBe(true);
    expect(verifyInclusion(14, 40, leaf, proof.proof.map(b), b(proof.root))).toBe(false);

    const earlier = context(dataDir);
    expect(await runAudit(earlier, 'prove', { index: 13, size: 17 })).toBe(0);
    expect(JSON.parse(earlier.captured.out.join('\n'))).toMatchObject({ treeSize: 17, consistency: { toSize: 40 }, verified: true });
    await expect(runAudit(context(dataDir), 'prove', { index: 40 })).rejects.toThrow(/no such proof/);
    await expect(runAudit(context(dataDir), 'prove', {})).rejects.toThrow(/missing --index/);
  });

  it('verifies the untouched log, then names the entry a DBA changed', async () => {
    const ctx = context(dataDir);
    expect(await runAudit(ctx, 'verify', {})).toBe(0);
    expect(ctx.captured.out.join('\n')).toMatch(/审计日志完好：40 条记录，3 个检查点/);

    const db = new BetterSqlite3(join(dataDir, 'yima.db'));
    db.exec('drop trigger audit_entries_no_update');
    db.prepare('update audit_entries set entry = ? where idx = 31').run(encodeAuditEntry(auditEntry(31, { actor: 'intruder' })));
    db.close();
    const after = context(dataDir);
    expect(await runAudit(after, 'verify', {})).toBe(1);
    expect(after.captured.err.join('\n')).toMatch(/第 31 条审计记录已被改动.*audit entry 31 was altered/);
    // The proof command refuses too: the entry no longer hashes to its leaf.
    const prove = context(dataDir);
    expect(await runAudit(prove, 'prove', { index: 31 })).toBe(1);
  });

  it('refuses a second init of the same data directory and keeps the key', async () => {
    const before = loadNodeVerifier(dataDir);
    await expect(runInit(context(dataDir), { region: '440300' })).rejects.toThrow(/initialised before/);
    expect(loadNodeVerifier(dataDir).publicKey.equals(before.publicKey)).toBe(true);
  });
});
