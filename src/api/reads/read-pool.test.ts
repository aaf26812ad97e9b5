// The read pool against the in-process reader, on both stores: the same bytes for every role, the
// same refusals, the audit entry still written by the request thread, writes refused by a
// reader's handle, and a thread that dies failing only its own requests before being replaced.
// Threads load compiled code: the test uses the build that `npm test` makes first.

import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAuditEntry } from '../../audit/entry.js';
import { AppError } from '../../errors.js';
import { openReader } from '../../store/open.js';
import { fixtureAccounts, makeApiFixture, type ApiFixture } from '../../test-support/api.js';
import { makeTempDir } from '../../test-support/files.js';
import { storeFactories, testSigner } from '../../test-support/stores.js';
import { buildServer, type YimaServer } from '../server.js';
import { readPoolAvailable, ReadPool } from './read-pool.js';

const workerFile = join(import.meta.dirname, '..', '..', '..', 'dist', 'src', 'api', 'reads', 'read-worker.js');

describe.each(storeFactories)('read pool on $name', (factory) => {
  const run = factory.available && existsSync(workerFile);
  let f: ApiFixture;
  let pool: ReadPool;
  let pooled: YimaServer;
  let ids: { inside: string; outside: string };

  beforeAll(async () => {
    if (!run) return;
    f = await makeApiFixture(factory);
    pool = await ReadPool.start(f.store.readerLocation(), 2, { workerFile, retryMs: 50 });
    pooled = await buildServer({ store: f.store, node: f.node, dataDir: f.dir.path, codeKey: f.codeKey, clock: () => f.clock.now, auditVerifier: testSigner, viewer: pool });
    const inside = await f.store.resolution.kysely.selectFrom('persons').select('person_id').where('residence_region', '=', f.gridRegion).orderBy('person_id').executeTakeFirstOrThrow();
    const outside = await f.store.resolution.kysely.selectFrom('persons').select('person_id').where('residence_region', '=', f.otherRegion).orderBy('person_id').executeTakeFirstOrThrow();
    ids = { inside: inside.person_id, outside: outside.person_id };
  }, 180_000);
  afterAll(async () => {
    await pooled?.close();
    await f?.close();
  });

  it.runIf(run)('answers every role with the same bytes as the request thread, and the same refusals', async () => {
    expect(readPoolAvailable(workerFile)).toBe(true);
    for (const account of fixtureAccounts) {
      const headers = { authorization: `Bearer ${f.tokens[account.username]}` };
      for (const id of [ids.inside, ids.outside, 'P-no-such-person']) {
        const direct = await f.server.inject({ url: `/api/persons/${id}`, headers });
        const viaPool = await pooled.inject({ url: `/api/persons/${id}`, headers });
        expect(viaPool.statusCode, `${account.role} ${id}`).toBe(direct.statusCode);
        if (direct.statusCode === 200) {
          expect(viaPool.headers['content-type']).toBe('application/json; charset=utf-8');
          expect(viaPool.json()).toEqual(direct.json());
        } else expect(viaPool.json<{ error: { code: string } }>().error.code).toBe(direct.json<{ error: { code: string } }>().error.code);
      }
    }
  });

  it.runIf(run)('every view through the pool is audited by the request thread', async () => {
    const before = (await f.store.auditReader.head()).size;
    const clerk = { authorization: `Bearer ${f.tokens.clerk1}` };
    const replies = await Promise.all(Array.from({ length: 20 }, () => pooled.inject({ url: `/api/persons/${ids.inside}`, headers: clerk })));
    expect(replies.every((r) => r.statusCode === 200)).toBe(true);
    const entries = await f.store.auditReader.readEntries(before, 100);
    const reads = entries.map((e) => decodeAuditEntry(e.encoded)).filter((e) => e.action === 'person_read');
    expect(reads).toHaveLength(20);
    expect(reads.every((e) => e.objectIds.join() === ids.inside && e.actor === 'clerk1' && e.outcome === 'ok')).toBe(true);
  });

  it.runIf(run)("a reader's handle refuses writes", async () => {
    const reader = await openReader(f.store.readerLocation());
    try {
      await expect(reader.resolution.kysely.deleteFrom('persons').where('person_id', '=', ids.inside).execute()).rejects.toThrow(/read.?only/i);
    } finally {
      await reader.close();
    }
    expect(await f.store.persons.person(ids.inside)).toBeDefined();
  });

  it.runIf(run)('a reply read by the pool carries the security headers and no-store', async () => {
    const reply = await pooled.inject({ url: `/api/persons/${ids.inside}`, headers: { authorization: `Bearer ${f.tokens.clerk1}` } });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it.runIf(run)('a thread that dies fails its own requests with `unavailable` and is replaced', async () => {
    const who = { username: 'clerk1', role: 'clerk' as const, department: null, region: null, personId: null };
    const victim = pool.threads()[0]!;
    // Replies arrive on later turns of the event loop: all 100 are still pending when it is ended.
    const pending = Array.from({ length: 100 }, () => pool.view(ids.inside, who, '2026-11-29').then(() => 'ok', (e: unknown) => (e instanceof AppError ? e.code : 'other')));
    await victim.terminate();
    const outcomes = await Promise.all(pending);
    expect(outcomes).toContain('unavailable');
    expect(outcomes).toContain('ok');
    expect(outcomes.every((o) => o === 'ok' || o === 'unavailable')).toBe(true);
    await expect.poll(() => pool.size, { timeout: 20_000 }).toBe(2);
    expect(pool.threads()).not.toContain(victim);
    const again = await pool.view(ids.inside, who, '2026-11-29');
    expect(again.found).toBe(true);
  }, 30_000);
});

describe.runIf(existsSync(workerFile))('read pool start-up and failure', () => {
  const sqlite = storeFactories[0]!;
  const who = { username: 'clerk1', role: 'clerk' as const, department: null, region: null, personId: null };

  it('a thread that dies before it is ready fails the start, with no thread left running', async () => {
    const dir = makeTempDir('yima-pool-');
    try {
      const broken = join(dir.path, 'broken-worker.js');
      writeFileSync(broken, "throw new Error('cannot load');\n");
      const t = await sqlite.open();
      try {
        await expect(ReadPool.start(t.store.readerLocation(), 2, { workerFile: broken })).rejects.toMatchObject({ code: 'unavailable' });
      } finally {
        await t.dispose();
      }
    } finally {
      dir.remove();
    }
  });

  it('a store that cannot be read fails the start with a clear error', async () => {
    const dir = makeTempDir('yima-pool-');
    try {
      await expect(ReadPool.start({ dialect: 'sqlite', file: join(dir.path, 'missing.db') }, 1, { workerFile })).rejects.toThrow(/read thread could not start/);
    } finally {
      dir.remove();
    }
  });

  it('while no thread is ready, views are read by the fallback, and the pool keeps trying to start threads', async () => {
    const t = await sqlite.open();
    const calls: string[] = [];
    const fallback = { view: (id: string) => (calls.push(id), Promise.resolve({ found: false as const })), close: () => Promise.resolve() };
    const pool = await ReadPool.start(t.store.readerLocation(), 1, { workerFile, fallback, retryMs: 20 });
    try {
      // The store goes away under the thread: it dies, and replacements cannot open it until it is back.
      const location = t.store.readerLocation();
      expect(location.dialect).toBe('sqlite');
      const file = location.dialect === 'sqlite' ? location.file : '';
      renameSync(file, `${file}.away`);
      await pool.threads()[0]!.terminate();
      await expect.poll(() => pool.size).toBe(0);
      expect(await pool.view('P-any', who, '2026-11-29')).toEqual({ found: false });
      expect(calls).toEqual(['P-any']);
      renameSync(`${file}.away`, file);
      await expect.poll(() => pool.size, { timeout: 20_000 }).toBe(1);
    } finally {
      await pool.close();
      await t.dispose();
    }
  }, 30_000);
});
