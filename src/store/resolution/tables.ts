// Kysely table shapes of migration 0003 (entity resolution).

export interface PersonLinksTable {
  source: string;
  record_id: string;
  role: string;
  person_id: string;
  content_hash: string;
  linked_at: string;
}

export interface MatchLinksTable {
  record_a: string;
  record_b: string;
  probability: number;
  score: number;
  rule: string;
  levels: string;
  created_at: string;
}

export interface BlockKeysTable {
  key: string;
  record_key: string;
}

export interface PersonsTable {
  person_id: string;
  name: string | null;
  name_key: string | null;
  id_number: string | null;
  sex: string | null;
  birth_date: string | null;
  phone: string | null;
  hukou_region: string | null;
  residence_region: string | null;
  floating: string;
  registered: number;
  evidence: string | null;
  sources: string;
  record_count: number;
  conflict_count: number;
  golden: string;
  updated_at: string;
}

export interface PersonConflictsTable {
  person_id: string;
  field: string;
  values: string;
  sources: string;
}

export interface ReviewQueueTable {
  record_a: string;
  record_b: string;
  probability: number;
  score: number;
  levels: string;
  status: string;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
}

export interface ResolutionEventsTable {
  event_id: string;
  type: string;
  person_id: string;
  other_person_id: string | null;
  reason: string;
  detail: string;
  created_at: string;
}

export interface MatchModelsTable {
  version: number;
  model: string;
  trained_at: string;
}

export interface ConflictResolutionsTable {
  person_id: string;
  field: string;
  value: string;
  decided_by: string;
  decided_at: string;
}

/** Migration 0010: a person's source records kept together for the person view (see person-records.ts). */
export interface PersonViewsTable {
  person_id: string;
  records: string;
  built_at: string;
}

/** Migration 0015: a person's records as the indicators read them (indicators/record-tally.ts), kept with the view. */
export interface PersonTalliesTable {
  person_id: string;
  tally: string;
}

/** Migration 0016: persons whose indicator rows changed since the saved tally, as it counted them (existed 0: new since). */
export interface IndicatorDirtyTable {
  person_id: string;
  existed: number;
  residence_region: string | null;
  floating: string | null;
  id_number: string | null;
  birth_date: string | null;
  conflict_count: number | null;
  tally: string | null;
}

export type ResolutionTables = {
  indicator_dirty: IndicatorDirtyTable;
  person_views: PersonViewsTable;
  person_tallies: PersonTalliesTable;
  conflict_resolutions: ConflictResolutionsTable;
  person_links: PersonLinksTable;
  match_links: MatchLinksTable;
  block_keys: BlockKeysTable;
  /** Keys filed by incremental runs, moved into block_keys in bulk (migration 0013). */
  block_keys_recent: BlockKeysTable;
  persons: PersonsTable;
  person_conflicts: PersonConflictsTable;
  review_queue: ReviewQueueTable;
  resolution_events: ResolutionEventsTable;
  match_models: MatchModelsTable;
};
