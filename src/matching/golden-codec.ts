// The stored form of a golden record: the same record in about a third of the bytes of its plain
// JSON. In plain JSON every chosen value repeats its provenance (source, record key, observation
// time, rule), and a person's few records are named again and again; here each record key and each
// origin (record, time, source) is written once and the values point at them. Every golden rebuild
// rewrites a person's row, so these bytes are what a 1,000-record batch commits. Lossless; a record
// in the plain form (stores written before this form) is read as it is.

import type { Conflict, GoldenRecord, GoldenValue, HistoryEntry, Provenance, SurvivorshipRule } from './golden.js';

const formatVersion = 2;

/** Single-letter rule codes; a rule without one is written out. */
const ruleCodes: Readonly<Record<SurvivorshipRule, string>> = { valid_id: 'i', from_id: 'd', most_common: 'c', most_recent: 'r', reviewer: 'v' };
const rulesByCode: ReadonlyMap<string, SurvivorshipRule> = new Map(Object.entries(ruleCodes).map(([rule, code]) => [code, rule as SurvivorshipRule]));

const valueFields = ['name', 'idNumber', 'sex', 'birthDate', 'phone', 'hukouRegion', 'hukouDetail', 'residenceRegion', 'residenceDetail', 'employer'] as const;
type ValueField = (typeof valueFields)[number];

/** [key index, observed at, source when it is not the key's own] */
type PackedOrigin = [number, string | null] | [number, string | null, string];
/** [value, origin index, rule code] */
type PackedValue = [string, number, string];
/** [value, first seen, last seen, sources] */
type PackedHistory = [string, string | null, string | null, string[]];
/** [field, [value, sources, key indexes][]] */
type PackedConflict = [string, [string, string[], number[]][]];

interface PackedGolden {
  v: typeof formatVersion;
  id: string;
  /** Record keys. */
  k: string[];
  /** Origins of chosen values. */
  o: PackedOrigin[];
  /** Chosen values by field (absent: none). */
  f: Partial<Record<ValueField, PackedValue>>;
  /** History: phone, residence, hukou, employer. */
  h: [PackedHistory[], PackedHistory[], PackedHistory[], PackedHistory[]];
  c: PackedConflict[];
  /** Floating: status, hukou region, basis. */
  l: [GoldenRecord['floating']['status'], string | null, GoldenRecord['floating']['basis']];
  s: string[];
  n: string[];
}

class Interner {
  readonly items: string[] = [];
  private readonly index = new Map<string, number>();
  of(item: string): number {
    let i = this.index.get(item);
    if (i === undefined) {
      i = this.items.length;
      this.items.push(item);
      this.index.set(item, i);
    }
    return i;
  }
}

/** The source a record key names (its first part, as `matchKey` writes it). */
const keySource = (recordKey: string): string => recordKey.split('\u0001', 1)[0] ?? '';

const packHistory = (entries: readonly HistoryEntry[]): PackedHistory[] => entries.map((e) => [e.value, e.firstSeen, e.lastSeen, e.sources]);
const unpackHistory = (entries: readonly PackedHistory[]): HistoryEntry[] => entries.map(([value, firstSeen, lastSeen, sources]) => ({ value, firstSeen, lastSeen, sources }));

export function encodeGolden(golden: GoldenRecord): string {
  const keys = new Interner();
  const origins: PackedOrigin[] = [];
  const originIndex = new Map<string, number>();
  const originOf = (p: Provenance): number => {
    const key = keys.of(p.recordKey);
    const own = keySource(p.recordKey) === p.source;
    const id = `${key}\u0001${p.observedAt ?? '\u0000'}\u0001${own ? '' : p.source}`;
    let i = originIndex.get(id);
    if (i === undefined) {
      i = origins.length;
      origins.push(own ? [key, p.observedAt] : [key, p.observedAt, p.source]);
      originIndex.set(id, i);
    }
    return i;
  };
  const f: PackedGolden['f'] = {};
  for (const field of valueFields) {
    const v = golden[field];
    if (v !== null) f[field] = [v.value, originOf(v.provenance), ruleCodes[v.provenance.rule] ?? v.provenance.rule];
  }
  const packed: PackedGolden = {
    v: formatVersion,
    id: golden.personId,
    k: keys.items,
    o: origins,
    f,
    h: [packHistory(golden.history.phone), packHistory(golden.history.residence), packHistory(golden.history.hukou), packHistory(golden.history.employer)],
    c: golden.conflicts.map((c) => [c.field, c.values.map((v) => [v.value, v.sources, v.recordKeys.map((k) => keys.of(k))])]),
    l: [golden.floating.status, golden.floating.hukouRegion, golden.floating.basis],
    s: golden.sources,
    n: golden.kinds,
  };
  return JSON.stringify(packed);
}

/** A stored golden record, in either form. Throws on text that is neither (a damaged row). */
export function decodeGolden(text: string): GoldenRecord {
  const parsed = JSON.parse(text) as PackedGolden | GoldenRecord;
  if (!('v' in parsed) || parsed.v !== formatVersion) return parsed as GoldenRecord;
  const keyAt = (i: number): string => {
    const key = parsed.k[i];
    if (key === undefined) throw new Error(`golden record ${parsed.id}: no record key #${i}`);
    return key;
  };
  const valueOf = (field: ValueField): GoldenValue | null => {
    const p = parsed.f[field];
    if (p === undefined) return null;
    const origin = parsed.o[p[1]];
    if (origin === undefined) throw new Error(`golden record ${parsed.id}: no origin #${p[1]}`);
    const recordKey = keyAt(origin[0]);
    const source = origin.length === 3 ? origin[2] : keySource(recordKey);
    return { value: p[0], provenance: { source, recordKey, observedAt: origin[1], rule: rulesByCode.get(p[2]) ?? (p[2] as SurvivorshipRule) } };
  };
  const [phone = [], residence = [], hukou = [], employer = []] = parsed.h;
  return {
    personId: parsed.id,
    name: valueOf('name'),
    idNumber: valueOf('idNumber'),
    sex: valueOf('sex'),
    birthDate: valueOf('birthDate'),
    phone: valueOf('phone'),
    hukouRegion: valueOf('hukouRegion'),
    hukouDetail: valueOf('hukouDetail'),
    residenceRegion: valueOf('residenceRegion'),
    residenceDetail: valueOf('residenceDetail'),
    employer: valueOf('employer'),
    history: { phone: unpackHistory(phone), residence: unpackHistory(residence), hukou: unpackHistory(hukou), employer: unpackHistory(employer) },
    conflicts: parsed.c.map(([field, values]) => ({ field: field as Conflict['field'], values: values.map(([value, sources, keys]) => ({ value, sources, recordKeys: keys.map(keyAt) })) })),
    floating: { status: parsed.l[0], hukouRegion: parsed.l[1], basis: parsed.l[2] },
    sources: parsed.s,
    kinds: parsed.n,
  };
}
