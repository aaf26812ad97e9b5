// A new node's store holds personal data from its first ingest: the data directory and the SQLite
// files (database, WAL, shared memory) are the owner's alone. Existing files keep their permissions.

import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../open.js';
import { makeTempDir, type TempDir } from '../../test-support/files.js';

const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe('store file permissions', () => {
  let dir: TempDir;
  beforeAll(() => {
    dir = makeTempDir('yima-perm-');
  });
  afterAll(() => dir.remove());

  it('a new data directory is 0700 and its database, WAL and shared-memory files 0600', async () => {
    const dataDir = join(dir.path, 'node');
    const store = await openStore({ dataDir, signer: null });
    try {
      await store.initNode({ nodeId: 'n', region: '440300', name: 'test', createdAt: '2026-12-07T00:00:00.000Z' });
      expect(modeOf(dataDir)).toBe(0o700);
      for (const file of ['yima.db', 'yima.db-wal', 'yima.db-shm']) expect(modeOf(join(dataDir, file)), file).toBe(0o600);
    } finally {
      await store.close();
    }
  });

  it('an existing database keeps the permissions its operator gave it', async () => {
    const dataDir = join(dir.path, 'shared');
    const first = await openStore({ dataDir, signer: null });
    await first.close();
    chmodSync(join(dataDir, 'yima.db'), 0o640);
    const again = await openStore({ dataDir, signer: null });
    await again.close();
    expect(modeOf(join(dataDir, 'yima.db'))).toBe(0o640);
  });
});
