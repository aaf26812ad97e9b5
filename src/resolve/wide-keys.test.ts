// An incremental batch asks the store for the wide key families (surname, given name or id region
// with a birth date: matching/blocking.ts, wideFamilies) second, and only for the records that what
// the other families found does not link already: a record linked by its id brings no strangers
// who share its surname and birthday.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../ingest/pipeline.js';
import { loadMapping } from '../ingest/load-mapping.js';
import { familyOf, matchKey, wideFamilies } from '../matching/index.js';
import { residentId } from '../matching/fixtures.js';
import { makeTempDir, type TempDir } from '../test-support/files.js';
import { storeFactories, type TestStore } from '../test-support/stores.js';
import { resolvePending } from './resolve.js';

let dir: TempDir;
const id = residentId('440305', '19900101', 123);
beforeAll(() => {
  dir = makeTempDir('yima-wide-keys-');
  const people = { source: 'people', kind: 'health', department: 'test', encoding: 'utf-8', record_id: 'id', roles: { subject: { name: 'name', id_number: 'idno', birth_date: 'birth' } } };
  writeFileSync(join(dir.path, 'people.json'), JSON.stringify(people));
  const stranger = `b,张伟,${residentId('440305', '19900101', 457)},19900101\n`;
  writeFileSync(join(dir.path, 'people-1.csv'), `id,name,idno,birth\na,张三丰,${id},19900101\n${stranger}e,李建国,${residentId('440305', '19850505', 335)},19850505\n`);
  // c carries a's id; d has no id, so only the wide families may find his person.
  writeFileSync(join(dir.path, 'people-2.csv'), `id,name,idno,birth\nc,张三丰,${id},19900101\nd,李健果,,19850505\n`);
}, 60_000);
afterAll(() => dir.remove());

const options = { nodeId: 'N', jurisdiction: '440300', now: () => new Date('2025-07-01T00:00:00Z') };
const isWide = (key: string): boolean => wideFamilies.has(familyOf(key));

for (const factory of storeFactories) {
  describe.skipIf(!factory.available)(`wide key families in an incremental batch, on ${factory.name}`, () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await factory.open();
    });
    afterAll(async () => {
      await t.dispose();
    });

    it('asks them second, for the records not linked by the others', async () => {
      const { store } = t;
      const ingest = async (file: string): Promise<void> => {
        await ingestFiles(store, await loadMapping(join(dir.path, 'people.json')), [join(dir.path, file)]);
      };
      const personOf = async (key: string): Promise<string | undefined> => {
        const [source = '', recordId = '', role = ''] = key.split('/');
        return (await store.resolution.personsOfRecords([matchKey(source, recordId, role)])).values().next().value;
      };
      await ingest('people-1.csv');
      await resolvePending(store.resolution, options);
      const rs = store.resolution;
      const asked: string[][] = [];
      const findKnown = rs.findKnown.bind(rs);
      rs.findKnown = async (keys, cap) => {
        asked.push([...keys]);
        return findKnown(keys, cap);
      };
      await ingest('people-2.csv');
      await resolvePending(rs, options);
      expect(await personOf('people/c/subject')).toBe(await personOf('people/a/subject'));
      // First the narrow families of both records, then the wide ones of d alone (born 1985-05-05).
      expect(asked.length).toBe(2);
      expect(asked[0]!.some(isWide)).toBe(false);
      expect(asked[0]!.some((k) => k.includes('1990-01-01'))).toBe(true);
      expect(asked[1]!.length).toBeGreaterThan(0);
      expect(asked[1]!.every((k) => isWide(k) && k.includes('1985-05-05'))).toBe(true);
    }, 60_000);
  });
}
