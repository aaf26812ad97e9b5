// `yima model train` in-process: retrains from a sample of every stored record as the next model
// version, and refuses a store with nothing to train on, in both languages.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../../test-support/files.js';
import { runYima, validIdNumber } from '../../test-support/cli.js';

const run = runYima;
const idOf = validIdNumber;

const mapping = { source: 'police', kind: 'residence_registration', record_id: 'no', roles: { subject: { name: 'name', id_number: 'id', phone: 'phone' } } };

describe('yima model train', () => {
  let dir: TempDir;
  beforeAll(() => {
    dir = makeTempDir('yima-train-cli-');
  });
  afterAll(() => dir.remove());

  it('refuses a store with no records, in Chinese and English', async () => {
    const data = `${dir.path}/empty`;
    expect((await run('init', '--region', '440300', '--data', data)).code).toBe(0);
    const train = await run('model', 'train', '--data', data);
    expect(train.code).not.toBe(0);
    expect(train.err).toContain('没有可训练的记录');
    expect(train.err).toContain('no records to train on');
  });

  it('trains the next model version on the stored records', async () => {
    const data = `${dir.path}/city`;
    expect((await run('init', '--region', '440300', '--data', data)).code).toBe(0);
    const rows = ['no,name,id,phone'];
    for (let i = 0; i < 30; i++) rows.push(`R${i},张伟${i % 7},${idOf('110105', `1990${String((i % 12) + 1).padStart(2, '0')}15`, String(100 + i))},1380013${String(i).padStart(4, '0')}`);
    const ingest = await run('ingest', '--mapping', dir.write('police.json', JSON.stringify(mapping)), dir.write('police.csv', rows.join('\n')), '--data', data);
    expect(ingest.code).toBe(0);
    const train = await run('model', 'train', '--data', data);
    expect(train.err).toBe('');
    expect(train.code).toBe(0);
    expect(train.out).toMatch(/trained model v\d+ on 30 records/);
  });
});
