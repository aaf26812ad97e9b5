// Pages read in key order seek to the key where the last page ended. The condition "after (source,
// record_id)" written as an OR of columns made SQLite seek on the first column only and scan each
// source from its start on every page: quadratic in a source's rows (31 ms a page at 300k persons,
// 15 s of a first resolution). Written as a row-value comparison, the planner seeks on the whole key.
// This suite reads the plans SQLite chooses for the statements the paging methods run.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSigner } from '../test-support/stores.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { QuarantineEntry, StoredRecord } from './types.js';

interface Ran {
  sql: string;
  args: unknown[];
}

type Method = 'all' | 'get' | 'iterate' | 'run';

/** Records every statement run on any better-sqlite3 database while `fn` runs. */
async function statementsOf(fn: () => Promise<unknown>): Promise<Ran[]> {
  const probe = new BetterSqlite3(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<Method, (...args: unknown[]) => unknown>;
  probe.close();
  const ran: Ran[] = [];
  const originals = new Map<Method, (...args: unknown[]) => unknown>();
  for (const m of ['all', 'get', 'iterate', 'run'] as const) {
    const original = proto[m];
    originals.set(m, original);
    proto[m] = function (this: { source: string }, ...args: unknown[]) {
      // Kysely passes the parameters as one array.
      ran.push({ sql: this.source, args: args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args });
      return original.apply(this, args);
    };
  }
  try {
    await fn();
  } finally {
    for (const [m, original] of originals) proto[m] = original;
  }
  return ran;
}

function record(n: number): StoredRecord {
  const id = `R${String(n).padStart(6, '0')}`;
  return {
    source: 'police', recordId: id, runId: 'run-1', line: n, contentHash: `h${n}`, observedAt: null, ingestedAt: '2025-01-03T00:00:00Z',
    facts: '{}', relations: '[]', raw: '[]', valuesTotal: 1, valuesStandard: 1,
    persons: [{ role: 'subject', name: '张三', namePinyin: 'zhang san', idNumber: null, idValid: false, sex: null, birthDate: null, phone: null, hukouRegion: null, residenceRegion: null, fields: '{}' }],
  };
}

function quarantined(line: number): QuarantineEntry {
  return { source: 'police', fileHash: 'f1', fileName: 'a.csv', line, runId: 'run-1', recordId: null, reason: 'malformed_row', detail: 'x', raw: 'a,b' };
}

describe('keyset pages on SQLite', () => {
  let dir: string;
  let file: string;
  let store: SqliteStore;
  // Past one page of the streams (2,000 rows), so they ask for a second page after a key.
  const rows = 2100;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yima-keyset-'));
    file = join(dir, 'yima.db');
    store = SqliteStore.open(file, { signer: testSigner });
    await store.migrate();
    const all = Array.from({ length: rows }, (_, i) => i + 1);
    await store.writeBatch({ insert: all.map(record), replace: [], quarantine: all.map(quarantined) });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The plan of each statement that continued a page after a key, one text per statement. */
  function plansAfterKey(ran: readonly Ran[]): string[] {
    const db = new BetterSqlite3(file, { readonly: true });
    try {
      return ran
        .filter((r) => /\blimit\b/i.test(r.sql) && r.args.length > 1)
        .map((r) => (db.prepare(`explain query plan ${r.sql}`).all(...r.args) as { detail: string }[]).map((p) => p.detail).join(' | '));
    } finally {
      db.close();
    }
  }

  const seeksOnWholeKey = /\(\w+,\w+(,\w+)?\)>\(\?,\?(,\?)?\)/;

  it('reads every record in order, each page seeking to the last key of the one before', async () => {
    const seen: string[] = [];
    const ran = await statementsOf(async () => {
      for await (const r of store.streamRecords()) seen.push(r.recordId);
    });
    expect(seen).toHaveLength(rows);
    expect(seen).toEqual([...seen].sort());
    const plans = plansAfterKey(ran).filter((p) => p.includes('records'));
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) expect(plan).toMatch(seeksOnWholeKey);
  });

  it('reads the quarantine the same way', async () => {
    let count = 0;
    const ran = await statementsOf(async () => {
      for await (const q of store.streamQuarantine()) count += q.line > 0 ? 1 : 0;
    });
    expect(count).toBe(rows);
    const plans = plansAfterKey(ran).filter((p) => p.includes('quarantine'));
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) expect(plan).toMatch(seeksOnWholeKey);
  });

  it('pages record keys and pending records for resolution the same way', async () => {
    const after = { source: 'police', recordId: 'R001000' };
    let refs: { recordId: string }[] = [];
    let pending: { recordId: string }[] = [];
    const ran = await statementsOf(async () => {
      refs = await store.resolution.recordRefsAfter(after, 10);
      pending = await store.resolution.pendingRecords(after, 10);
    });
    expect(refs[0]?.recordId).toBe('R001001');
    expect(pending[0]?.recordId).toBe('R001001');
    const plans = plansAfterKey(ran);
    expect(plans).toHaveLength(2);
    for (const plan of plans) expect(plan).toMatch(seeksOnWholeKey);
  });
});
