// The background checkpointer: pages committed through the node's connection reach the database
// file without that connection checkpointing, the log stays bounded, and stopping it is clean.

import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test-support/files.js';
import { fallbackPages, sqliteDefaultPages, WalCheckpointer, type CheckpointRound } from './wal-checkpointer.js';
import { SqliteStore } from './sqlite-store.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('WAL checkpoints on a thread of their own', () => {
  it('copies committed pages into the database while the writer never checkpoints itself', async () => {
    const dir = makeTempDir();
    cleanups.push(() => dir.remove());
    const file = join(dir.path, 'db.sqlite');
    const db = new BetterSqlite3(file);
    cleanups.push(() => void db.close());
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('create table t (k integer primary key, v text)');
    const rounds: CheckpointRound[] = [];
    const checkpointer = WalCheckpointer.start(file, { intervalMs: 20, onCheckpoint: (r) => rounds.push(r) });
    cleanups.push(() => checkpointer.stop());
    const insert = db.prepare('insert into t (v) values (?)');
    db.transaction(() => {
      for (let i = 0; i < 5000; i++) insert.run('x'.repeat(200));
    })();
    const sizeBefore = statSync(file).size;
    for (let i = 0; i < 200 && rounds.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(rounds.length).toBeGreaterThan(0);
    expect(rounds[0]?.checkpointed).toBeGreaterThan(0);
    // The pages are in the database file now (it grew), though this connection never checkpointed.
    expect(statSync(file).size).toBeGreaterThan(sizeBefore);
    // Nothing read the log meanwhile, so the thread's checkpoint copied the whole of it.
    const last = rounds.at(-1);
    expect(last?.checkpointed).toBe(last?.log);
    await checkpointer.stop();
    await checkpointer.stop();
  });

  it('a serving store runs one, its own connection checkpointing only past the high mark; closing stops it', async () => {
    const dir = makeTempDir();
    cleanups.push(() => dir.remove());
    const file = join(dir.path, 'yima.db');
    const store = SqliteStore.open(file, { checkpointInBackground: true });
    await store.migrate();
    await store.initNode({ nodeId: 'T', region: '440305', name: 'test', createdAt: '2026-12-07T00:00:00.000Z' });
    expect(store['sqlite'].pragma('wal_autocheckpoint', { simple: true })).toBe(fallbackPages);
    const checkpointer = store['checkpointer'];
    expect(checkpointer).toBeDefined();
    await store.close();
    // Closing waited for the thread to end.
    const ended = await Promise.race([checkpointer?.['exited'].then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 50))]);
    expect(ended).toBe(true);
    // Reopened after close: everything is there.
    const again = SqliteStore.open(file);
    expect(again['sqlite'].pragma('wal_autocheckpoint', { simple: true })).toBe(sqliteDefaultPages);
    expect(again['checkpointer']).toBeUndefined();
    expect((await again.findNode())?.nodeId).toBe('T');
    await again.close();
  });

  it('gives the writer back SQLite\'s own checkpoints if the thread stops on its own', async () => {
    const dir = makeTempDir();
    cleanups.push(() => dir.remove());
    const store = SqliteStore.open(join(dir.path, 'yima.db'), { checkpointInBackground: true });
    cleanups.push(() => store.close());
    await store.migrate();
    expect(store['sqlite'].pragma('wal_autocheckpoint', { simple: true })).toBe(fallbackPages);
    const thread = store['checkpointer']?.['thread'];
    const exited = new Promise((resolve) => thread?.once('exit', resolve));
    await thread?.terminate();
    await exited;
    expect(store['sqlite'].pragma('wal_autocheckpoint', { simple: true })).toBe(sqliteDefaultPages);
  });

  // A process whose last work is closing the store must still end normally: the thread is
  // unreferenced while it runs, and stopping it must hold the event loop until it has gone (the
  // batch benchmark's child once ended with "unsettled top-level await" here). From the compiled code.
  const compiled = join(import.meta.dirname, '..', '..', '..', 'dist', 'src', 'store', 'sqlite', 'sqlite-store.js');
  it.runIf(existsSync(compiled))('lets a process that closes its store end normally', () => {
    const dir = makeTempDir();
    cleanups.push(() => dir.remove());
    const script = `import { SqliteStore } from ${JSON.stringify(compiled)};
      const store = SqliteStore.open(${JSON.stringify(join(dir.path, 'yima.db'))}, { checkpointInBackground: true });
      await store.migrate();
      await store.close();
      process.stdout.write('closed');`;
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })).toBe('closed');
  });
});
