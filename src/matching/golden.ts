// The golden record of one person (一人一档): one value per field chosen by a survivorship rule and
// kept with its provenance, the full history of values that change (phones, addresses,
// employers), the conflicts where sources disagree after normalisation, and the floating status
// (hukou outside the node's region, from the hukou address or else the id's region code).

import { deriveIdInfo, isWithinRegion, nameComparableKey } from '../identity/index.js';
import { extractFeatures } from './features.js';
import type { MatchInput } from './types.js';

export type SurvivorshipRule = 'valid_id' | 'from_id' | 'most_common' | 'most_recent' | 'reviewer';

export interface Provenance {
  source: string;
  recordKey: string;
  observedAt: string | null;
  rule: SurvivorshipRule;
}

export interface GoldenValue {
  value: string;
  provenance: Provenance;
}

export interface HistoryEntry {
  value: string;
  firstSeen: string | null;
  lastSeen: string | null;
  sources: string[];
}

export interface Conflict {
  field: 'name' | 'id_number' | 'sex' | 'birth_date';
  values: { value: string; sources: string[]; recordKeys: string[] }[];
}

export interface GoldenRecord {
  personId: string;
  name: GoldenValue | null;
  idNumber: GoldenValue | null;
  sex: GoldenValue | null;
  birthDate: GoldenValue | null;
  phone: GoldenValue | null;
  hukouRegion: GoldenValue | null;
  hukouDetail: GoldenValue | null;
  residenceRegion: GoldenValue | null;
  residenceDetail: GoldenValue | null;
  employer: GoldenValue | null;
  history: { phone: HistoryEntry[]; residence: HistoryEntry[]; hukou: HistoryEntry[]; employer: HistoryEntry[] };
  conflicts: Conflict[];
  floating: { status: 'floating' | 'local' | 'unknown'; hukouRegion: string | null; basis: 'hukou_address' | 'id_number' | null };
  sources: string[];
  kinds: string[];
}

interface Observation {
  value: string;
  record: MatchInput;
}

function observe(records: readonly MatchInput[], pick: (r: MatchInput) => string | null): Observation[] {
  const out: Observation[] = [];
  for (const record of records) {
    const value = pick(record);
    if (value !== null && value !== '') out.push({ value, record });
  }
  return out;
}

/** Later observation first; records without a time count as oldest, then input order decides. */
function recency(x: Observation, y: Observation): number {
  const a = x.record.observedAt ?? '';
  const b = y.record.observedAt ?? '';
  return a === b ? 0 : a < b ? 1 : -1;
}

function chosen(o: Observation, rule: SurvivorshipRule): GoldenValue {
  return { value: o.value, provenance: { source: o.record.source, recordKey: o.record.key, observedAt: o.record.observedAt, rule } };
}

function mostRecent(observations: Observation[]): GoldenValue | null {
  if (observations.length === 0) return null;
  const sorted = observations.map((o, i) => ({ o, i })).sort((x, y) => recency(x.o, y.o) || y.i - x.i);
  return chosen(sorted[0]!.o, 'most_recent');
}

function mostCommon(observations: Observation[], rule: SurvivorshipRule = 'most_common'): GoldenValue | null {
  if (observations.length === 0) return null;
  const counts = new Map<string, number>();
  for (const o of observations) counts.set(o.value, (counts.get(o.value) ?? 0) + 1);
  const ranked = observations
    .map((o, i) => ({ o, i }))
    .sort((x, y) => counts.get(y.o.value)! - counts.get(x.o.value)! || recency(x.o, y.o) || y.i - x.i);
  return chosen(ranked[0]!.o, rule);
}

function history(observations: Observation[]): HistoryEntry[] {
  const byValue = new Map<string, HistoryEntry>();
  for (const { value, record } of observations) {
    const at = record.observedAt;
    const entry = byValue.get(value);
    if (entry === undefined) {
      byValue.set(value, { value, firstSeen: at, lastSeen: at, sources: [record.source] });
      continue;
    }
    if (at !== null && (entry.firstSeen === null || at < entry.firstSeen)) entry.firstSeen = at;
    if (at !== null && (entry.lastSeen === null || at > entry.lastSeen)) entry.lastSeen = at;
    if (!entry.sources.includes(record.source)) entry.sources.push(record.source);
  }
  return [...byValue.values()].sort((a, b) => ((a.firstSeen ?? '') < (b.firstSeen ?? '') ? -1 : (a.firstSeen ?? '') > (b.firstSeen ?? '') ? 1 : 0));
}

function conflict(field: Conflict['field'], observations: Observation[]): Conflict | null {
  const byValue = new Map<string, { value: string; sources: string[]; recordKeys: string[] }>();
  for (const { value, record } of observations) {
    const entry = byValue.get(value) ?? { value, sources: [], recordKeys: [] };
    if (!entry.sources.includes(record.source)) entry.sources.push(record.source);
    entry.recordKeys.push(record.key);
    byValue.set(value, entry);
  }
  return byValue.size > 1 ? { field, values: [...byValue.values()] } : null;
}

/**
 * Names as compared for conflicts: a latin spelling that reads as one of the person's hanzi names
 * (`ZHANG Wei` beside 张伟) is that name, not a second one.
 */
function canonicalNames(records: readonly MatchInput[]): Observation[] {
  const names = observe(records, (r) => r.person.name);
  const hanziByKey = new Map<string, string>();
  for (const o of names) if (/^\p{Script=Han}/u.test(o.value)) hanziByKey.set(nameComparableKey(o.value), o.value);
  return names.map((o) => {
    if (/^\p{Script=Han}/u.test(o.value)) return o;
    const key = nameComparableKey(o.value);
    return { value: hanziByKey.get(key) ?? key, record: o.record };
  });
}

/** The most common name in hanzi; a latin spelling (a pinyin roster's `LI XINYU`) only when no record has one. */
function goldenName(records: readonly MatchInput[]): GoldenValue | null {
  const names = observe(records, (r) => r.person.name);
  const hanzi = names.filter((o) => /^\p{Script=Han}/u.test(o.value));
  return mostCommon(hanzi.length > 0 ? hanzi : names);
}

/** Builds the golden record of a person from all its records. `jurisdiction` is the node's GB/T 2260 code. */
export function buildGoldenRecord(personId: string, records: readonly MatchInput[], jurisdiction: string): GoldenRecord {
  const features = new Map(records.map((r) => [r.key, extractFeatures(r)]));
  const ownIds = observe(records, (r) => features.get(r.key)!.constraintId);
  // Failing that, an id as written; never one its record contradicts (a parent's id in a child's row
  // is somebody else's number).
  const writtenIds = observe(records, (r) => (features.get(r.key)!.idOwnerMismatch ? null : features.get(r.key)!.id18));
  const idNumber = ownIds.length > 0 ? mostCommon(ownIds, 'valid_id') : mostCommon(writtenIds);
  const fromId = idNumber?.provenance.rule === 'valid_id' ? records.find((r) => r.key === idNumber.provenance.recordKey)! : null;
  const idFacts = fromId === null ? null : deriveIdInfo(idNumber!.value);
  const derived = (value: string | null): GoldenValue | null =>
    value === null || fromId === null ? null : chosen({ value, record: fromId }, 'from_id');
  const hukou = mostRecent(observe(records, (r) => r.person.hukouRegion));
  const idRegion = idNumber?.provenance.rule === 'valid_id' ? idNumber.value.slice(0, 6) : null;
  const floatingCode = hukou?.value ?? idRegion;
  const conflicts = [
    conflict('name', canonicalNames(records)),
    conflict('id_number', observe(records, (r) => features.get(r.key)!.id18)),
    conflict('sex', observe(records, (r) => r.person.sex)),
    conflict('birth_date', observe(records, (r) => r.person.birthDate)),
  ].filter((c): c is Conflict => c !== null);
  return {
    personId,
    name: goldenName(records),
    idNumber,
    sex: derived(idFacts?.sex ?? null) ?? mostCommon(observe(records, (r) => r.person.sex)),
    birthDate: derived(idFacts?.birthDate ?? null) ?? mostCommon(observe(records, (r) => r.person.birthDate)),
    phone: mostRecent(observe(records, (r) => r.person.phone)),
    hukouRegion: hukou,
    hukouDetail: mostRecent(observe(records, (r) => r.person.hukouDetail)),
    residenceRegion: mostRecent(observe(records, (r) => r.person.residenceRegion)),
    residenceDetail: mostRecent(observe(records, (r) => r.person.residenceDetail)),
    employer: mostRecent(observe(records, (r) => r.person.employer)),
    history: {
      phone: history(observe(records, (r) => r.person.phone)),
      residence: history(observe(records, (r) => joinAddress(r.person.residenceRegion, r.person.residenceDetail))),
      hukou: history(observe(records, (r) => joinAddress(r.person.hukouRegion, r.person.hukouDetail))),
      employer: history(observe(records, (r) => r.person.employer)),
    },
    conflicts,
    floating: {
      status: floatingCode === null ? 'unknown' : isWithinRegion(floatingCode, jurisdiction) ? 'local' : 'floating',
      hukouRegion: floatingCode,
      basis: hukou !== null ? 'hukou_address' : idRegion !== null ? 'id_number' : null,
    },
    sources: [...new Set(records.map((r) => r.source))].sort(),
    kinds: [...new Set(records.map((r) => r.kind))].sort(),
  };
}

function joinAddress(region: string | null, detail: string | null): string | null {
  if (region === null && detail === null) return null;
  return `${region ?? ''} ${detail ?? ''}`.trim();
}

/** Source kinds that show a person lives, works or studies in the jurisdiction. */
const evidenceKinds: Readonly<Record<string, string>> = {
  housing: 'living',
  grid_collection: 'living',
  access_control: 'living',
  health: 'living',
  labor_contract: 'working',
  social_insurance: 'working',
  market: 'working',
  education: 'studying',
};

/**
 * For the unregistered list: the evidence (kinds of source) that a floating person lives, works
 * or studies here without a residence registration; null when the person does not belong on it.
 */
export function unregisteredEvidence(golden: GoldenRecord): string[] | null {
  if (golden.floating.status !== 'floating' || golden.kinds.includes('residence_registration')) return null;
  const evidence = golden.kinds.filter((k) => k in evidenceKinds);
  return evidence.length === 0 ? null : evidence;
}

/** A reviewer's choice among the conflicting values of one field of one person. */
export interface ConflictResolution {
  field: Conflict['field'];
  value: string;
  decidedAt: string;
}

const goldenKeyOf: Record<Conflict['field'], 'name' | 'idNumber' | 'sex' | 'birthDate'> = { name: 'name', id_number: 'idNumber', sex: 'sex', birth_date: 'birthDate' };

/**
 * The golden record with reviewers' choices applied: the chosen value survives (rule `reviewer`)
 * and its conflict is settled. A choice whose value no source holds any more is ignored, so a
 * later correction by the sources is never hidden by an old decision.
 */
export function applyResolutions(golden: GoldenRecord, resolutions: readonly ConflictResolution[]): GoldenRecord {
  let out = golden;
  for (const r of resolutions) {
    const conflict = out.conflicts.find((c) => c.field === r.field);
    const chosen = conflict?.values.find((v) => v.value === r.value);
    if (conflict === undefined || chosen === undefined) continue;
    const value: GoldenValue = { value: chosen.value, provenance: { source: chosen.sources[0] ?? '', recordKey: chosen.recordKeys[0] ?? '', observedAt: r.decidedAt, rule: 'reviewer' } };
    out = { ...out, [goldenKeyOf[r.field]]: value, conflicts: out.conflicts.filter((c) => c !== conflict) };
  }
  return out;
}