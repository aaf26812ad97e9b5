// `yima export persons`: the floating column says true or false only when the person's hukou
// region is known (from a hukou address or an id number); a person with neither is left blank,
// not reported as local.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../../test-support/files.js';
import { runYima, validIdNumber } from '../../test-support/cli.js';

const run = runYima;
const idOf = validIdNumber;

const mapping = { source: 'grid', kind: 'grid_collection', record_id: 'no', roles: { subject: { name: 'name', id_number: 'id', phone: 'phone' } } };

describe('yima export persons', () => {
  let dir: TempDir;
  beforeAll(() => {
    dir = makeTempDir('yima-export-cli-');
  });
  afterAll(() => dir.remove());

  it('writes floating as true, false, or blank when the hukou region is unknown', async () => {
    const data = `${dir.path}/city`;
    expect((await run('init', '--region', '440300', '--data', data)).code).toBe(0);
    const rows = [
      'no,name,id,phone',
      `R1,张伟,${idOf('110105', '19900115', '101')},13800138001`,
      `R2,李娜,${idOf('440305', '19880220', '202')},13800138002`,
      'R3,王芳,,13800138003',
    ];
    const ingest = await run('ingest', '--mapping', dir.write('grid.json', JSON.stringify(mapping)), dir.write('grid.csv', rows.join('\n')), '--data', data);
    expect(ingest.code, ingest.err).toBe(0);
    const out = `${dir.path}/persons.csv`;
    expect((await run('export', 'persons', '--out', out, '--data', data)).code).toBe(0);
    const [header, ...lines] = readFileSync(out, 'utf8').trim().split('\r\n');
    const columns = header!.replace(/^\uFEFF/, '').split(',');
    const at = (name: string) => columns.indexOf(name);
    const byName = new Map(lines.map((l) => l.split(',')).map((cells) => [cells[at('name')], cells[at('floating')]]));
    expect(byName.get('张伟')).toBe('true');
    expect(byName.get('李娜')).toBe('false');
    expect(byName.get('王芳')).toBe('');
  });
});
