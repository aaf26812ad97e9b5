import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import { type CityManifest, generateCity } from './city.js';
import { type SourceMapping, sourceKinds, standardFields } from './source.js';

let root: string;
let manifest: CityManifest;
const cityDir = (): string => join(root, 'a');

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'yima-synth-'));
  manifest = await generateCity({ seed: 2024, persons: 2000, outDir: cityDir() });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function hashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length)] = createHash('sha256').update(await readFile(path)).digest('hex');
  }
  return out;
}

/** The header a reader of this source sees: CSV first line, xlsx first row, jsonl keys. */
async function headerOf(dir: string, source: CityManifest['sources'][number], mapping: SourceMapping): Promise<string[]> {
  const path = join(dir, source.file);
  if (source.format === 'xlsx') {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.getWorksheet(mapping.sheet ?? 'Sheet1');
    if (!sheet) throw new Error(`no sheet in ${source.file}`);
    return (sheet.getRow(1).values as unknown[]).filter((v): v is string => typeof v === 'string');
  }
  const bytes = await readFile(path);
  const text = mapping.encoding === 'gb18030' ? iconv.decode(bytes, 'gb18030') : bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (source.format === 'jsonl') {
    const keys = new Set<string>();
    for (const line of text.split('\n')) if (line) for (const k of Object.keys(JSON.parse(line) as object)) keys.add(k);
    return [...keys];
  }
  return (text.split(/\r?\n/, 1)[0] ?? '').split(',');
}

/** The structural rules of spec §2 that a mapping must keep; returns the problems found. */
function mappingProblems(mapping: SourceMapping, header: readonly string[]): string[] {
  const problems: string[] = [];
  const column = (c: string, where: string): void => {
    if (!header.includes(c)) problems.push(`${where}: column ${c} not in file`);
  };
  if (!(sourceKinds as readonly string[]).includes(mapping.kind)) problems.push(`unknown kind ${mapping.kind}`);
  if (!['utf-8', 'gb18030'].includes(mapping.encoding)) problems.push(`bad encoding ${mapping.encoding}`);
  column(mapping.record_id, 'record_id');
  if (mapping.observed_at) column(mapping.observed_at, 'observed_at');
  if (typeof mapping.roles !== 'object' || Object.keys(mapping.roles).length === 0) problems.push('no roles');
  for (const [role, fields] of Object.entries(mapping.roles)) {
    for (const [field, columns] of Object.entries(fields)) {
      if (!(standardFields as readonly string[]).includes(field)) problems.push(`${role}: unknown field ${field}`);
      for (const c of Array.isArray(columns) ? columns : [columns]) column(c, `${role}.${field}`);
    }
  }
  for (const r of mapping.relations) {
    if (!mapping.roles[r.from] || !mapping.roles[r.to]) problems.push(`relation ${r.type} names an unknown role`);
  }
  for (const [fact, c] of Object.entries(mapping.facts)) column(c, `fact ${fact}`);
  return problems;
}

describe('generateCity', () => {
  it('writes byte-identical files for the same seed, other files for another seed', async () => {
    // Wait past the zip's 2-second clock resolution so a wall-clock stamp would show.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await generateCity({ seed: 2024, persons: 2000, outDir: join(root, 'b') });
    await generateCity({ seed: 2025, persons: 2000, outDir: join(root, 'c') });
    const a = await hashes(cityDir());
    expect(Object.keys(a).length).toBeGreaterThan(25);
    expect(await hashes(join(root, 'b'))).toEqual(a);
    const c = await hashes(join(root, 'c'));
    expect(c['/police_residence.csv']).not.toBe(a['/police_residence.csv']);
  });

  it('has 10+ sources of many kinds, formats and encodings', () => {
    expect(manifest.sources.length).toBeGreaterThanOrEqual(10);
    expect(new Set(manifest.sources.map((s) => s.kind)).size).toBe(sourceKinds.length);
    const formats = manifest.sources.map((s) => s.format);
    expect(formats).toContain('xlsx');
    expect(formats).toContain('jsonl');
    expect(manifest.sources.some((s) => s.encoding === 'gb18030')).toBe(true);
    expect(manifest.persons).toBe(2000);
    expect(manifest.totalRows).toBe(manifest.sources.reduce((n, s) => n + s.rows, 0));
    for (const s of manifest.sources) expect(s.rows, s.source).toBeGreaterThan(0);
  });

  it('writes a mapping for each source that fits the standard and the file', async () => {
    for (const source of manifest.sources) {
      const mapping = JSON.parse(await readFile(join(cityDir(), source.mapping), 'utf8')) as SourceMapping;
      expect(mapping.source).toBe(source.source);
      expect(mappingProblems(mapping, await headerOf(cityDir(), source, mapping)), source.source).toEqual([]);
    }
  });

  it('the structural check catches a broken mapping', () => {
    const bad = { source: 'x', kind: 'tax', encoding: 'utf-8', record_id: 'id', roles: { subject: { nickname: 'n' } }, relations: [{ type: 'guardian_of', from: 'guardian', to: 'subject' }], facts: {} };
    expect(mappingProblems(bad as unknown as SourceMapping, ['id']).length).toBe(4);
  });

  it('joins a split address and composes split names in some mapping', async () => {
    const mappings = await Promise.all(manifest.sources.map(async (s) => JSON.parse(await readFile(join(cityDir(), s.mapping), 'utf8')) as SourceMapping));
    const roles = mappings.flatMap((m) => Object.values(m.roles));
    expect(roles.some((r) => Array.isArray(r.residence_address) && r.residence_address.length >= 3)).toBe(true);
    expect(roles.some((r) => r.surname && r.given_name && !r.name)).toBe(true);
    expect(mappings.some((m) => m.relations.some((r) => r.type === 'guardian_of'))).toBe(true);
  });

  it('writes gb18030 that decodes to the intended Chinese text and encodes back to the same bytes', async () => {
    const source = manifest.sources.find((s) => s.encoding === 'gb18030')!;
    const bytes = await readFile(join(cityDir(), source.file));
    expect(bytes.toString('utf8')).not.toContain('登记');
    const text = iconv.decode(bytes, 'gb18030');
    expect(iconv.encode(text, 'gb18030').equals(bytes)).toBe(true);
    const truthNames = new Map<string, string>();
    for (const line of (await readFile(join(cityDir(), 'persons.jsonl'), 'utf8')).split('\n')) {
      if (line) {
        const p: { person: string; name: string } = JSON.parse(line);
        truthNames.set(p.person, p.name);
      }
    }
    const links = (await readFile(join(cityDir(), 'truth.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { source: string; person: string; noise?: string[] });
    const clean = links.filter((l) => l.source === source.source && !l.noise);
    expect(clean.length).toBeGreaterThan(100);
    for (const link of clean.slice(0, 200)) expect(text).toContain(truthNames.get(link.person));
  });

  it('writes Excel serial dates as numbers in the workbook', async () => {
    const source = manifest.sources.find((s) => s.format === 'xlsx')!;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(cityDir(), source.file));
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount - 1).toBe(source.rows);
    const header = sheet.getRow(1).values as unknown[];
    const birthColumn = header.indexOf('出生日期');
    const serial = sheet.getRow(2).getCell(birthColumn).value;
    expect(typeof serial).toBe('number');
    expect(serial as number).toBeGreaterThan(10_000);
  });

  it('refuses an unknown region with a clear error', async () => {
    const error = await generateCity({ seed: 1, persons: 10, region: '999999', outDir: join(root, 'd') }).catch((e: unknown) => e);
    expect(isAppError(error)).toBe(true);
  });
});
