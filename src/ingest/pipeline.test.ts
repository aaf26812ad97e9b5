// The ingest pipeline end to end on real stores: every bad input of spec §3, reconciliation,
// idempotent re-runs and the all-or-nothing failure of a bad mapping or file.

import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../test-support/files.js';
import { storeFactories, type TestStore } from '../test-support/stores.js';
import type { Store, StoredRecord } from '../store/types.js';
import { decodePerson } from '../standard/person-codec.js';
import { loadMapping } from './load-mapping.js';
import { ingestFiles, type FileSummary } from './pipeline.js';
import { rawCells } from './to-stored.js';

const mapping = {
  source: 'police_residence',
  kind: 'residence_registration',
  department: '市公安局',
  record_id: '登记编号',
  observed_at: '登记日期',
  roles: {
    subject: { name: '姓名', id_number: '公民身份号码', sex: '性别', birth_date: '出生日期', phone: '联系电话', hukou_address: '户籍地址', residence_address: '现住址' },
  },
  facts: { registered_at: '登记日期', residence_reason: '居住事由' },
};
const header = '登记编号,姓名,公民身份号码,性别,出生日期,联系电话,户籍地址,现住址,登记日期,居住事由';

function row(id: string, name: string, extra: Partial<Record<'idn' | 'sex' | 'birth' | 'phone' | 'date', string>> = {}): string {
  return [id, name, extra.idn ?? '11010519491231002X', extra.sex ?? '男', extra.birth ?? '1949-12-31', extra.phone ?? '13800138000', '北京市朝阳区', '广东省深圳市南山区科技园', extra.date ?? '2025/3/1', '务工'].join(',');
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** A stored record's raw row by column name, through its run's columns. */
async function rawOf(store: Store, record: StoredRecord): Promise<Record<string, string>> {
  const run = (await store.listRuns()).find((r) => r.runId === record.runId);
  return rawCells(record.raw, run?.columns ?? null);
}

function reconciles(s: FileSummary): boolean {
  return s.rowsRead === s.accepted + s.quarantined;
}

const fixedNow = () => new Date('2025-06-01T00:00:00Z');

for (const factory of storeFactories) {
  describe.skipIf(!factory.available)(`ingest on ${factory.name}`, () => {
    let t: TestStore;
    let store: Store;
    let dir: TempDir;
    let mappingPath: string;
    beforeEach(async () => {
      t = await factory.open();
      store = t.store;
      dir = makeTempDir();
      mappingPath = dir.write('police.json', JSON.stringify(mapping));
    });
    afterEach(async () => {
      await t.dispose();
      dir.remove();
    });

    async function ingest(...files: string[]): Promise<FileSummary[]> {
      return ingestFiles(store, await loadMapping(mappingPath), files, { now: fixedNow, batchRows: 3 });
    }

    it('accepts good rows, keeps raw beside normalised values and counts what is standard', async () => {
      const file = dir.write('a.csv', [header, row('A1', '张三', { phone: '+86 138-0013-8000', birth: '1949年12月31日' }), row('A2', '李四', { birth: '2023-02-30' })].join('\r\n'));
      const [summary] = await ingest(file);
      expect(summary).toMatchObject({ rowsRead: 2, accepted: 2, quarantined: 0, status: 'ingested' });
      const records = await collect(store.streamRecords());
      const a1 = records.find((r) => r.recordId === 'A1')!;
      expect(a1.persons[0]).toMatchObject({ name: '张三', phone: '13800138000', birthDate: '1949-12-31', idValid: true, residenceRegion: '440305', hukouRegion: '110105' });
      // The raw row is kept whole: every column of the file, by name, exactly as read.
      expect({ ...(await rawOf(store, a1)) }).toEqual({ 登记编号: 'A1', 姓名: '张三', 公民身份号码: '11010519491231002X', 性别: '男', 出生日期: '1949年12月31日', 联系电话: '+86 138-0013-8000', 户籍地址: '北京市朝阳区', 现住址: '广东省深圳市南山区科技园', 登记日期: '2025/3/1', 居住事由: '务工' });
      // ...stored once as values, the column names kept with the run.
      expect(JSON.parse(a1.raw)).toEqual(expect.arrayContaining(['A1', '张三', '+86 138-0013-8000']));
      const a2 = records.find((r) => r.recordId === 'A2')!;
      // An impossible date does not reject its row: kept raw, flagged, left out of matching.
      expect(a2.persons[0]?.birthDate).toBeNull();
      const person = decodePerson(a2.persons[0]!.fields);
      expect(person.fields.birth_date).toMatchObject({ raw: '2023-02-30', ok: false });
      expect(a2.valuesStandard).toBe(a2.valuesTotal - 1);
    });

    it('quarantines each bad row with its reason and the counts reconcile', async () => {
      const long = '长'.repeat(400);
      const lines = [
        header,
        row('B1', '王五'),
        'B2,only,three',
        row('B3', ''), // no name, but an id: accepted
        ['B4', '', '', '男', '1990-01-01', '13800138000', '', '', '2025-01-01', '务工'].join(','), // no name, no id
        row('B5', '赵六').replace('广东省深圳市南山区科技园', long),
        row('B1', '王五重复'),
        '"B6,"broken quote,x',
        row('B7', "Robert'); DROP TABLE records;--"),
        row('B8', '"=HYPERLINK(""http://x"")"'),
        row('B9', '孙\u0007七\u0000'),
      ];
      const file = dir.write('b.csv', lines.join('\n'));
      const [s] = await ingest(file);
      expect(reconciles(s!)).toBe(true);
      expect(s!.rowsRead).toBe(10);
      expect(s!.reasons).toMatchObject({ malformed_row: 2, no_identity: 1, 'field_too_long:residence_address': 1, duplicate_record_id: 1 });
      expect(s!.accepted).toBe(5);
      const q = await collect(store.streamQuarantine());
      expect(q.map((x) => x.reason).sort()).toEqual(['duplicate_record_id', 'field_too_long:residence_address', 'malformed_row', 'malformed_row', 'no_identity']);
      expect(q.every((x) => x.raw.length > 0 && x.fileName === 'b.csv')).toBe(true);
      // A duplicate's raw row names its columns in the quarantine, as every quarantined row does.
      expect(JSON.parse(q.find((x) => x.reason === 'duplicate_record_id')!.raw)).toMatchObject({ 登记编号: 'B1', 姓名: '王五重复' });
      const records = await collect(store.streamRecords());
      const names = records.map((r) => r.persons[0]?.name);
      // Hostile text is data: stored exactly in the raw row, never executed.
      const raws = await Promise.all(records.map((r) => rawOf(store, r)));
      expect(raws.map((r) => r['姓名'])).toContain("Robert'); DROP TABLE records;--");
      expect(raws.map((r) => r['姓名'])).toContain('=HYPERLINK("http://x")');
      expect(names).toContain('孙七');
      expect(await store.countRecords()).toMatchObject({ records: 5, quarantined: 5 });
    });

    it('adds nothing when the same file is ingested again', async () => {
      const file = dir.write('c.csv', [header, row('C1', '张三'), row('C2', '李四'), 'C3,bad'].join('\n'));
      await ingest(file);
      const before = await store.countRecords();
      const [again] = await ingest(file);
      expect(again?.status).toBe('skipped');
      expect(await store.countRecords()).toEqual(before);
      expect(await store.listRuns()).toHaveLength(1);
    });

    it('replaces a record when a later file carries a new version of it', async () => {
      await ingest(dir.write('d1.csv', [header, row('D1', '张三', { phone: '13800138000' })].join('\n')));
      const [s] = await ingest(dir.write('d2.csv', [header, row('D1', '张三', { phone: '13900139000' }), row('D2', '李四')].join('\n')));
      expect(s).toMatchObject({ accepted: 2, updated: 1 });
      const records = await collect(store.streamRecords());
      expect(records.map((r) => [r.recordId, r.persons[0]?.phone])).toEqual([['D1', '13900139000'], ['D2', '13800138000']]);
    });

    it('finishes an interrupted run on re-run, ending where one clean run ends', async () => {
      const lines = [header, ...Array.from({ length: 20 }, (_, i) => row(`E${i}`, `张${'一二三四五六七八九十'[i % 10]!}`)), 'E-bad,x'];
      const file = dir.write('e.csv', lines.join('\n'));
      const loaded = await loadMapping(mappingPath);
      let writes = 0;
      const crashing: Store = Object.create(store) as Store;
      crashing.writeBatch = async (batch) => {
        writes += 1;
        if (writes === 3) throw new Error('simulated crash');
        await store.writeBatch(batch);
      };
      await expect(ingestFiles(crashing, loaded, [file], { now: fixedNow, batchRows: 4 })).rejects.toThrow('simulated crash');
      expect((await store.countRecords()).records).toBe(8);
      const [resumed] = await ingestFiles(store, loaded, [file], { now: fixedNow, batchRows: 4 });
      expect(resumed).toMatchObject({ status: 'resumed', rowsRead: 21, accepted: 20, quarantined: 1 });
      expect(await store.countRecords()).toEqual({ records: 20, persons: 20, quarantined: 1 });
      expect(await store.listRuns()).toHaveLength(1);
    });

    it('changes nothing when the mapping names a column the file lacks, or a file is missing', async () => {
      const good = dir.write('f1.csv', [header, row('F1', '张三')].join('\n'));
      const bad = dir.write('f2.csv', ['登记编号,姓名', 'F2,李四'].join('\n'));
      await expect(ingest(good, bad)).rejects.toThrow(/公民身份号码/);
      await expect(ingest(good, dir.path + '/missing.csv')).rejects.toThrow();
      expect(await store.countRecords()).toEqual({ records: 0, persons: 0, quarantined: 0 });
      expect(await store.listSources()).toEqual([]);
    });

    it('refuses a bad mapping with the key named', async () => {
      const broken = dir.write('broken.json', JSON.stringify({ ...mapping, roles: { subject: { nmae: '姓名' } } }));
      await expect(loadMapping(broken)).rejects.toThrow(/roles\.subject\.nmae.*unknown standard field/);
      const notJson = dir.write('nojson.json', '{ "source": ');
      await expect(loadMapping(notJson)).rejects.toThrow(/not valid JSON/);
      const kind = dir.write('kind.json', JSON.stringify({ ...mapping, kind: 'weather' }));
      await expect(loadMapping(kind)).rejects.toThrow(/unknown kind weather/);
    });

    it('reads gb18030 files and refuses a gb18030 file declared as utf-8', async () => {
      const text = [header, row('G1', '欧阳娜娜'), row('G2', '䶮')].join('\r\n');
      const file = dir.write('g.csv', iconv.encode(text, 'gb18030'));
      await expect(ingest(file)).rejects.toThrow(/gb18030/);
      expect(await store.countRecords()).toMatchObject({ records: 0 });
      mappingPath = dir.write('police-gb.json', JSON.stringify({ ...mapping, encoding: 'gb18030' }));
      const [s] = await ingest(file);
      expect(s).toMatchObject({ accepted: 2 });
      const names = (await collect(store.streamRecords())).map((r: StoredRecord) => r.persons[0]?.name);
      expect(names).toEqual(['欧阳娜娜', '䶮']);
    });
  });
}
