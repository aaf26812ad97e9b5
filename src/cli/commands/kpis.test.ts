// `yima kpis` in-process: the ingest refreshes the cache, the JSON has exactly the contract's
// fields, the table says no data in both languages, and a city's own definitions file is used
// (or refused with a clear message).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../../test-support/files.js';
import { runYima, validIdNumber } from '../../test-support/cli.js';

const run = runYima;
const idOf = validIdNumber;

const mapping = {
  source: 'police', kind: 'residence_registration', record_id: 'no', observed_at: 'reg',
  roles: { subject: { name: 'name', id_number: 'id', residence_address: 'home' } },
  facts: { registered_at: 'reg' },
};

describe('yima kpis', () => {
  let dir: TempDir;
  let data: string;
  beforeAll(async () => {
    dir = makeTempDir('yima-kpis-cli-');
    data = `${dir.path}/data`;
    expect((await run('init', '--region', '440300', '--data', data)).code).toBe(0);
    const csv = dir.write('police.csv', [
      'no,name,id,home,reg',
      `R1,张伟,${idOf('110105', '19900512', '011')},广东省深圳市南山区科技园路1号,2025-03-10`,
      `R2,李娜,${idOf('420102', '19850308', '022')},广东省深圳市福田区福华路2号,2025-03-11`,
    ].join('\n'));
    const ingest = await run('ingest', '--mapping', dir.write('police.json', JSON.stringify(mapping)), csv, '--data', data);
    expect(ingest.code).toBe(0);
    expect(ingest.out).toContain('指标已更新 indicators refreshed');
  }, 60_000);
  afterAll(() => dir.remove());

  it('prints the contract JSON: fractions, null district for the jurisdiction, null where no data', async () => {
    const { code, out } = await run('kpis', '--format', 'json', '--data', data);
    expect(code).toBe(0);
    const rows = JSON.parse(out) as Record<string, unknown>[];
    expect(rows).toHaveLength(14);
    for (const row of rows) expect(Object.keys(row)).toEqual(['id', 'name_zh', 'name_en', 'district', 'value', 'numerator', 'denominator', 'target', 'met']);
    expect(rows.find((r) => r.id === 'missed_registration_rate')).toEqual({
      id: 'missed_registration_rate', name_zh: '漏登率', name_en: 'Missed registration rate', district: null,
      value: 0, numerator: 0, denominator: 2, target: 0.03, met: true,
    });
    expect(rows.find((r) => r.id === 'public_school_rate')).toMatchObject({ value: null, numerator: 0, denominator: 0, target: 0.9, met: null });
  });

  it('prints one district as CSV and as a bilingual table', async () => {
    const csv = await run('kpis', '--district', '440305', '--format', 'csv', '--data', data);
    const [header, ...lines] = csv.out.split('\n');
    expect(header).toBe('id,name_zh,name_en,district,value,numerator,denominator,target,met');
    expect(lines).toContain('missed_registration_rate,漏登率,Missed registration rate,440305,0,0,1,0.03,true');
    const table = await run('kpis', '--district', '440305', '--data', data);
    expect(table.out).toMatch(/漏登率 Missed registration rate\s+0\.0%\s+0\/1\s+≤ 3\.0%\s+是 yes/);
    expect(table.out).toMatch(/随迁子女公办学校就读率 Migrant children in public schools\s+无数据 no data\s+0\/0\s+≥ 90\.0%\s+-/);
  });

  it('computes a city’s own indicator from <data>/indicators.json, and refuses a bad one', async () => {
    const own = [{
      id: 'registered_share', name_zh: '登记人口占比', name_en: 'Registered share', unit: 'rate', target: { op: 'none' }, direction: 'up',
      formula: { type: 'ratio', numerator: { population: 'all', where: [{ has_kind: 'residence_registration' }] }, denominator: { population: 'all' } },
    }];
    dir.write('data/indicators.json', JSON.stringify(own));
    const result = await run('kpis', '--format', 'json', '--data', data);
    expect(result.err).toContain('indicators recomputed');
    const rows = JSON.parse(result.out) as Record<string, unknown>[];
    expect(rows.at(-1)).toEqual({ id: 'registered_share', name_zh: '登记人口占比', name_en: 'Registered share', district: null, value: 1, numerator: 2, denominator: 2, target: null, met: null });
    const bad = dir.write('bad.json', JSON.stringify([{ ...own[0], target: { op: '>=', value: 95 } }]));
    const refused = await run('kpis', '--definitions', bad, '--data', data);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('指标定义 bad.json: [0] (registered_share).target.value：比率目标应写成小数');
    expect(refused.err).toContain('a rate target is a fraction (0.98, not 98)');
  });

  it('refuses an unknown format', async () => {
    expect((await run('kpis', '--format', 'xml', '--data', data)).code).toBe(2);
  });

  it('counts only the persons a later delivery changed, and says so (last: it adds a person)', async () => {
    const csv = dir.write('police-2.csv', ['no,name,id,home,reg', `R3,王芳,${idOf('420102', '19880720', '042')},广东省深圳市南山区科技园路1号,2025-03-12`].join('\n'));
    const ingest = await run('ingest', '--mapping', dir.write('police.json', JSON.stringify(mapping)), csv, '--data', data);
    expect(ingest.code).toBe(0);
    expect(ingest.out).toMatch(/指标已更新 indicators refreshed: .*增量 incremental, 1 人 persons changed/);
    const { out } = await run('kpis', '--format', 'json', '--data', data);
    expect((JSON.parse(out) as Record<string, unknown>[]).find((r) => r.id === 'missed_registration_rate')).toMatchObject({ numerator: 0, denominator: 3 });
  });
});
