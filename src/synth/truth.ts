// Ground truth for scoring: truth.jsonl has one line per (source, record_id, role) naming the
// true person and the deliberate changes made to that row; persons.jsonl has one line per person
// with what the indicators need (floating, registered, evidence, worker, contract, ...), counted
// from the rows actually written, so a test can recompute every indicator's expected value.

import { cityToday, isoDay } from './dates.js';
import type { Household, Person } from './people.js';
import type { Plan } from './plan.js';
import type { Evidence, SourceKind } from './source.js';
import { LineWriter } from './writers.js';

/** What the written rows show about one person (identifiable rows only). */
export interface Seen {
  readonly kinds: Set<SourceKind>;
  readonly evidence: Set<Evidence>;
  rows: number;
}

export interface TruthLink {
  readonly source: string;
  readonly recordId: string;
  readonly role: string;
  readonly person: string;
  readonly noise: readonly string[];
  readonly identifiable: boolean;
}

export class TruthWriter {
  private readonly links: LineWriter;
  private readonly persons: LineWriter;

  constructor(linksPath: string, personsPath: string) {
    this.links = new LineWriter(linksPath, 'utf-8');
    this.persons = new LineWriter(personsPath, 'utf-8');
  }

  link(link: TruthLink): void {
    const line: Record<string, unknown> = { source: link.source, record_id: link.recordId, role: link.role, person: link.person };
    if (link.noise.length > 0) line.noise = link.noise;
    if (!link.identifiable) line.identifiable = false;
    this.links.add(JSON.stringify(line) + '\n');
  }

  household(household: Household, plans: ReadonlyMap<Person, Plan>, seen: ReadonlyMap<Person, Seen>): void {
    for (const p of household.members) {
      const plan = plans.get(p);
      const s = seen.get(p);
      const has = (kind: SourceKind): boolean => s?.kinds.has(kind) ?? false;
      const age = Math.floor((cityToday - p.birth) / 365.25);
      const line = {
        person: p.key,
        household: household.index,
        role: p.role,
        name: p.name.full,
        sex: p.sex,
        birth_date: isoDay(p.birth),
        ethnicity: p.ethnicity,
        id_type: p.idType,
        id_number: p.id,
        nationality: p.nationality,
        floating: p.floating,
        foreign: p.foreign,
        hukou_region: p.hukou?.county ?? null,
        residence_region: household.home.county,
        urban_village: household.home.isVillage,
        registered: has('residence_registration'),
        evidence: [...(s?.evidence ?? [])].sort(),
        worker: s?.evidence.has('working') ?? false,
        employed: p.work !== null,
        self_employed: p.work?.selfEmployed ?? false,
        child: age < 18,
        has_contract: has('labor_contract'),
        work_injury_insured: has('social_insurance') && (plan?.insurance?.workInjury ?? false),
        local_medical_insured: has('social_insurance') && (plan?.insurance?.medical ?? false),
        medical_filed: has('medical_insurance'),
        housing_type: has('housing') ? (plan?.housing?.type ?? null) : null,
        school_type: has('education') && plan?.school ? plan.school.type : null,
        health_record: has('health'),
        family_doctor_signed: has('health') && (plan?.health?.familyDoctor ?? false),
        phones: p.phones.map((ph) => ph.number),
        phone_of: p.phoneOf?.key ?? null,
        guardian: p.guardian?.key ?? null,
        same_name_as: p.sameNameAs,
        hard: p.hard,
        rows: s?.rows ?? 0,
      };
      this.persons.add(JSON.stringify(line) + '\n');
    }
  }

  async drain(): Promise<void> {
    await this.links.drain();
    await this.persons.drain();
  }

  async close(): Promise<void> {
    await this.links.close();
    await this.persons.close();
  }
}
