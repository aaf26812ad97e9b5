// Shapes of the yima API as the console reads them (docs/API.md).
import type { HistoryItem, PresentedRecord as SourceRecord } from '../../../src/access/wire-types.js';

export type Role = 'admin' | 'auditor' | 'analyst' | 'officer' | 'grid_worker' | 'clerk' | 'resident';
export const ROLES: readonly Role[] = ['admin', 'auditor', 'analyst', 'officer', 'grid_worker', 'clerk', 'resident'];

export type Permission = 'kpis' | 'persons' | 'reveal' | 'codes' | 'verify_code' | 'revoke_code' | 'own_code' | 'sources' | 'ingest' | 'reviews' | 'conflicts' | 'unregistered' | 'audit' | 'users';

export interface User {
  username: string;
  role: Role;
  department: string | null;
  region: string | null;
  region_name: string | null;
  /** A resident's own person; null for staff. */
  person_id: string | null;
}

export interface Me {
  user: User;
  permissions: string[];
}

export interface LoginReply {
  token: string;
  expires_at: string;
  user: User;
}

export type Floating = 'floating' | 'local' | 'unknown';

export interface PersonSummary {
  person_id: string;
  code_id: string | null;
  name: string | null;
  id_number: string | null;
  sex: string | null;
  birth_date: string | null;
  phone: string | null;
  residence_region: string | null;
  residence_region_name: string | null;
  floating: Floating;
  sources: string[];
  masked: string[];
}

export const GOLDEN_FIELDS = ['name', 'id_number', 'sex', 'birth_date', 'ethnicity', 'phone', 'hukou_region', 'hukou_detail', 'residence_region', 'residence_detail', 'employer'] as const;
export type GoldenField = (typeof GOLDEN_FIELDS)[number];

export interface GoldenValue {
  value: string | null;
  source: string;
  record_key: string;
  observed_at: string | null;
  rule: string;
  masked?: boolean;
  region_name?: string | null;
}

// The server's own shapes, imported as types only (erased from the bundle).
export type { HistoryItem, PresentedRecord as SourceRecord } from '../../../src/access/wire-types.js';

export interface PersonView {
  person_id: string;
  code_id: string | null;
  floating: Floating;
  sources: string[];
  masked: string[];
  withheld: string[];
  golden: Partial<Record<GoldenField, GoldenValue | null>>;
  history: { phone: HistoryItem[]; residence: HistoryItem[]; hukou: HistoryItem[]; employer: HistoryItem[] };
  conflicts: { field: string; values: { value: string | null; sources: string[] }[] }[];
  relations: { type: string; role: string; other_role: string; other_person_id: string | null; other_name: string | null }[];
  records: SourceRecord[];
  records_withheld?: number;
}

export const PURPOSES = ['registration_check', 'public_service', 'rights_protection', 'statistics', 'law_enforcement'] as const;
export type Purpose = (typeof PURPOSES)[number];

export interface RevealReply {
  field: string;
  value: string | null;
  audit_index: number;
}

export interface CodeReply {
  code: string;
  code_id: string;
  expires_at: string;
  qr_png_base64: string;
}

export interface VerifyReply {
  valid: boolean;
  reason?: string;
  person?: PersonSummary;
  expires_at?: string;
}

export interface Indicator {
  id: string;
  name_zh: string;
  name_en: string;
  district: string | null;
  district_name?: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  target: number | null;
  met: boolean | null;
  unit: 'rate' | 'days';
}

export interface TrendPoint {
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface SourceSummary {
  source: string;
  kind?: string;
  department?: string;
  records?: number;
  standardization_rate: number | null;
  last_ingest_at: string | null;
  freshness_days: number | null;
  [key: string]: unknown;
}

export interface IngestRun {
  [key: string]: unknown;
}

export interface QuarantineItem {
  file: string;
  line: number;
  record_id: string | null;
  reason: string;
}

export interface IngestJob {
  status: 'running' | 'done' | 'failed';
  rows_read: number;
  accepted: number;
  quarantined: number;
  source?: string;
  error?: { code: string; message: string; message_zh: string } | null;
}

export interface ReviewSide {
  record_key: string;
  source: string;
  record_id?: string;
  role?: string;
  person_id?: string | null;
  fields: Record<string, string | null>;
}

export interface ReviewPair {
  a: ReviewSide;
  b: ReviewSide;
  probability: number;
  score: number;
  levels: Record<string, unknown>;
  created_at?: string;
}

export interface ConflictItem {
  person_id: string;
  name: string | null;
  field: string;
  values: (string | null)[];
  sources: string[][];
}

export interface UnregisteredItem {
  person_id: string;
  name: string | null;
  id_number: string | null;
  phone: string | null;
  district: string | null;
  district_name: string | null;
  grid_id: string | null;
  evidence: string[];
}

export interface Region {
  code: string;
  name: string | null;
  /** Pinyin with an English suffix (Luohu District), for the English console. */
  name_en: string | null;
}

export interface Regions {
  jurisdiction: Region;
  districts: Region[];
}

export interface Checkpoint {
  origin: string;
  size: number;
  root_hash: string;
  signature: string;
  note: string;
  public_key: string;
  signed_at?: string;
}

export interface AuditEntry {
  time: string;
  actor: string;
  role: string;
  action: string;
  objectIds: string[];
  purpose?: string | null;
  outcome: string;
  requestId: string;
  details?: unknown;
}

export interface AuditItem {
  index: number;
  leaf_hash: string;
  entry: AuditEntry;
}

export interface InclusionProof {
  index: number;
  size: number;
  leaf_hash: string;
  proof: string[];
  root_hash: string;
}

export interface AccessLogItem {
  time: string;
  role: string;
  action: string;
  purpose: string;
  outcome: string;
}
