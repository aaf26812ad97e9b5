// A source row after mapping and normalisation: the unit that is stored, matched and counted.

import type { IdType, PersonField } from './fields.js';

/** One field value: as read, its standard form (null when it would not normalise), and whether it normalised. */
export interface FieldValue {
  raw: string;
  value: string | null;
  ok: boolean;
  issue?: string;
}

/** One person as a row describes them under one role (subject, guardian, spouse...). */
export interface PersonRecord {
  role: string;
  fields: Partial<Record<PersonField, FieldValue>>;
  /** Derived, ready for matching and search. Null where the field is missing or not standard. */
  name: string | null;
  /** Toneless pinyin syllables of the name (hanzi in surname mode; latin names split into pinyin). */
  namePinyin: string[];
  idNumber: string | null;
  idType: IdType;
  /** True when idNumber is an 18-character resident id that passes the checksum. */
  idValid: boolean;
  sex: 'M' | 'F' | null;
  birthDate: string | null;
  phone: string | null;
  hukouRegion: string | null;
  hukouDetail: string | null;
  residenceRegion: string | null;
  residenceDetail: string | null;
  employer: string | null;
  employerCreditCode: string | null;
}

export interface RelationRecord {
  type: string;
  from: string;
  to: string;
}

/** A row that passed: its persons, relations and facts. */
export interface AcceptedRow {
  outcome: 'accepted';
  line: number;
  recordId: string;
  observedAt: string | null;
  persons: PersonRecord[];
  relations: RelationRecord[];
  facts: Record<string, FieldValue>;
  /** Non-empty mapped values, and how many of them normalised (the standardisation rate). */
  valuesTotal: number;
  valuesStandard: number;
  /** The row exactly as read, by column: nothing is lost. The reader's own cells, not a copy. */
  raw: Readonly<Record<string, string>>;
}

export interface QuarantinedRow {
  outcome: 'quarantined';
  line: number;
  recordId: string | null;
  reason: string;
  detail: string;
  raw: Record<string, string> | string;
}

export type NormalizedRow = AcceptedRow | QuarantinedRow;
