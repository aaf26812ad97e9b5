import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeIdCheckChar } from '../identity/id-number.js';
import { type CityManifest, generateCity } from './city.js';
import { districtRates, populationRates } from './rates.js';
import { countiesIn } from './regions.js';
import type { SourceMapping } from './source.js';

interface TruthPerson {
  person: string; household: number; name: string; sex: string; birth_date: string; id_type: string; id_number: string;
  floating: boolean; foreign: boolean; residence_region: string; registered: boolean; evidence: string[]; employed: boolean;
  self_employed: boolean; child: boolean; has_contract: boolean; school_type: string | null; phones: string[];
  phone_of: string | null; guardian: string | null; same_name_as: string | null; hard: string[];
}
interface TruthLink { source: string; record_id: string; role: string; person: string; noise?: string[]; identifiable?: boolean }
interface City { dir: string; manifest: CityManifest; persons: Map<string, TruthPerson>; links: TruthLink[] }

let root: string;
let small: City;
let large: City;

const jsonLines = async <T>(path: string): Promise<T[]> =>
  (await readFile(path, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);

async function makeCity(name: string, persons: number): Promise<City> {
  const dir = join(root, name);
  const manifest = await generateCity({ seed: 99, persons, outDir: dir });
  const people = await jsonLines<TruthPerson>(join(dir, manifest.personsFile));
  return { dir, manifest, persons: new Map(people.map((p) => [p.person, p])), links: await jsonLines<TruthLink>(join(dir, manifest.truthFile)) };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'yima-truth-'));
  small = await makeCity('small', 2000);
  large = await makeCity('large', 20_000);
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const passes = (id: string): boolean => /^\d{17}[\dX]$/.test(id) && computeIdCheckChar(id.slice(0, 17)) === id[17];
const cleanId = (id: string): string =>
  id.replace(/\s/g, '').replace(/[\uff10-\uff19]/g, (d) => String(d.charCodeAt(0) - 0xff10)).toUpperCase();

/** Rows of a CSV or JSON Lines source by record id. */
async function rowsOf(city: City, source: string): Promise<{ mapping: SourceMapping; rows: Map<string, Record<string, string>> }> {
  const entry = city.manifest.sources.find((s) => s.source === source)!;
  const mapping = JSON.parse(await readFile(join(city.dir, entry.mapping), 'utf8')) as SourceMapping;
  const bytes = await readFile(join(city.dir, entry.file));
  const text = mapping.encoding === 'gb18030' ? iconv.decode(bytes, 'gb18030') : bytes.toString('utf8');
  const records = entry.format === 'jsonl'
    ? text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, string>)
    : parse<Record<string, string>>(text, { columns: true, bom: true });
  return { mapping, rows: new Map(records.map((r) => [String(r[mapping.record_id]), r])) };
}

describe('ground truth of ids', () => {
  it('every true resident id passes the checksum', () => {
    const residents = [...large.persons.values()].filter((p) => p.id_type === 'resident_id');
    expect(residents.length).toBeGreaterThan(19_000);
    for (const p of residents) expect(passes(p.id_number), p.person).toBe(true);
    expect(new Set(residents.map((p) => p.id_number)).size).toBe(residents.length);
  });

  it('every written id is the true id unless the truth names the deliberate change', async () => {
    let checked = 0;
    const seenNoise = new Set<string>();
    for (const entry of small.manifest.sources.filter((s) => s.format !== 'xlsx')) {
      const { mapping, rows } = await rowsOf(small, entry.source);
      for (const link of small.links.filter((l) => l.source === entry.source)) {
        const column = mapping.roles[link.role]?.id_number;
        if (typeof column !== 'string') continue;
        const written = rows.get(link.record_id)?.[column] ?? '';
        const truth = small.persons.get(link.person)!;
        const noise = link.noise ?? [];
        noise.forEach((n) => seenNoise.add(n));
        checked++;
        if (noise.includes('id_missing') || noise.includes('id_not_recorded')) expect(written).toBe('');
        else if (noise.includes('parent_id')) expect(written).toBe(small.persons.get(truth.guardian!)!.id_number);
        else if (noise.includes('id_typo') || noise.includes('id_swap')) {
          expect(passes(written)).toBe(false);
          expect([...written].sort().join('') === [...truth.id_number].sort().join('') || noise.includes('id_typo')).toBe(true);
        } else if (noise.includes('id_legacy15')) expect(written).toBe(truth.id_number.slice(0, 6) + truth.id_number.slice(8, 17));
        else if (noise.includes('id_format')) expect(cleanId(written)).toBe(truth.id_number);
        else expect(written, `${entry.source} ${link.record_id}`).toBe(truth.id_number);
      }
    }
    expect(checked).toBeGreaterThan(3000);
    for (const n of ['parent_id', 'id_typo', 'id_swap', 'id_legacy15', 'id_format', 'id_missing']) expect(seenNoise, n).toContain(n);
  });
});

describe('hard cases in a 2,000-person city', () => {
  const people = (): TruthPerson[] => [...small.persons.values()];

  it('twins: same parents, birth date and home, similar names, different ids', () => {
    const twins = people().filter((p) => p.hard.includes('twin'));
    expect(twins.length).toBeGreaterThanOrEqual(2);
    for (const t of twins) {
      const sibling = twins.find((o) => o !== t && o.household === t.household && o.birth_date === t.birth_date);
      expect(sibling, t.person).toBeDefined();
      expect(sibling!.id_number).not.toBe(t.id_number);
      expect(sibling!.name).not.toBe(t.name);
      expect(sibling!.name[0]).toBe(t.name[0]);
    }
  });

  it('strangers with the same name and birthday in other households', () => {
    const copies = people().filter((p) => p.same_name_as);
    expect(copies.length).toBeGreaterThanOrEqual(1);
    for (const p of copies) {
      const other = small.persons.get(p.same_name_as!)!;
      expect([other.name, other.birth_date]).toEqual([p.name, p.birth_date]);
      expect(other.id_number).not.toBe(p.id_number);
      expect(other.household).not.toBe(p.household);
    }
  });

  it('family members giving one phone', () => {
    const sharing = people().filter((p) => p.phone_of);
    expect(sharing.length).toBeGreaterThanOrEqual(10);
    for (const p of sharing) {
      const owner = small.persons.get(p.phone_of!)!;
      expect(owner.household).toBe(p.household);
      expect(p.phones).toEqual([]);
    }
  });

  it('every kind of deliberate error and habit appears', () => {
    const noise = new Set(small.links.flatMap((l) => l.noise ?? []));
    for (const n of ['name_homophone', 'name_lookalike', 'name_traditional', 'name_pinyin', 'name_pinyin_roster', 'name_missing',
      'parent_id', 'id_legacy15', 'duplicate', 'phone_old', 'birth_wrong', 'card_only']) {
      expect(noise, n).toContain(n);
    }
  });

  it('duplicates are the same person under another record id of the same source', () => {
    const dups = small.links.filter((l) => l.noise?.includes('duplicate'));
    for (const d of dups) {
      const first = small.links.find((l) => l.source === d.source && l.person === d.person && l.role === d.role && !l.noise?.includes('duplicate'));
      expect(first, `${d.source} ${d.record_id}`).toBeDefined();
      expect(first!.record_id).not.toBe(d.record_id);
    }
  });

  it('each (source, record_id, role) appears once in the truth', () => {
    const keys = new Set(small.links.map((l) => `${l.source}|${l.record_id}|${l.role}`));
    expect(keys.size).toBe(small.links.length);
  });
});

describe('configured rates', () => {
  const people = (): TruthPerson[] => [...large.persons.values()];

  it('about 20% of floating persons with evidence have no residence registration', () => {
    const withEvidence = people().filter((p) => p.floating && p.evidence.length > 0);
    expect(withEvidence.length).toBeGreaterThan(8000);
    const unregistered = withEvidence.filter((p) => !p.registered).length / withEvidence.length;
    expect(Math.abs(unregistered - populationRates.unregisteredShare)).toBeLessThan(0.02);
  });

  it('labour-contract coverage follows each district rate and districts differ', () => {
    const counties = countiesIn(large.manifest.region);
    const observed: number[] = [];
    for (const [i, county] of counties.entries()) {
      const employees = people().filter((p) => p.floating && p.employed && !p.self_employed && p.residence_region === county);
      if (employees.length < 400) continue;
      const rate = employees.filter((p) => p.has_contract).length / employees.length;
      expect(Math.abs(rate - districtRates(i, true).contract), county).toBeLessThan(0.06);
      observed.push(rate);
    }
    expect(observed.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...observed) - Math.min(...observed)).toBeGreaterThan(0.05);
  });

  it('most floating children at school are in public schools, not all', () => {
    const pupils = people().filter((p) => p.floating && p.school_type);
    const share = pupils.filter((p) => p.school_type === '公办').length / pupils.length;
    expect(share).toBeGreaterThan(0.78);
    expect(share).toBeLessThan(0.97);
  });
});
