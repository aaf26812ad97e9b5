// The Store interface: everything the platform keeps, behind one contract with two implementations
// (SQLite embedded, PostgreSQL in production) and one test suite run against both.

import type { AuditEntry } from '../audit/entry.js';
import type { AuditAppendResult, AuditReader } from '../audit/log-store.js';

export type { AuditAppendResult, AuditReader } from '../audit/log-store.js';

import type { ResolutionStore } from './resolution/resolution-store.js';
import type { AccessStore } from './access/access-store.js';
import type { PersonReader } from './persons/person-reader.js';

export type Dialect = 'sqlite' | 'postgres';

export interface NodeInfo {
  nodeId: string;
  region: string;
  name: string;
  createdAt: string;
}

export interface SourceInfo {
  source: string;
  kind: string;
  department: string | null;
  mapping: string;
  mappingHash: string;
  updatedAt: string;
}

export type RunStatus = 'running' | 'completed';

export interface RunCounts {
  rowsRead: number;
  accepted: number;
  quarantined: number;
  valuesTotal: number;
  valuesStandard: number;
}

export interface IngestRun extends RunCounts {
  runId: string;
  source: string;
  fileName: string;
  fileHash: string;
  mappingHash: string;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  /** The file's column names, in the order its records' raw rows give their values (null: rows keep their names). */
  columns: readonly string[] | null;
}

export interface SourceSummary {
  source: string;
  kind: string;
  department: string | null;
  records: number;
  rowsRead: number;
  accepted: number;
  quarantined: number;
  valuesTotal: number;
  valuesStandard: number;
  runs: number;
  lastIngestAt: string | null;
}

export interface StoredPerson {
  role: string;
  name: string | null;
  namePinyin: string | null;
  idNumber: string | null;
  idValid: boolean;
  sex: string | null;
  birthDate: string | null;
  phone: string | null;
  hukouRegion: string | null;
  residenceRegion: string | null;
  /** The normalised PersonRecord packed by standard/person-codec (per field: raw, standard value, flag). */
  fields: string;
}

export interface StoredRecord {
  source: string;
  recordId: string;
  runId: string;
  line: number;
  contentHash: string;
  observedAt: string | null;
  ingestedAt: string;
  facts: string;
  relations: string;
  raw: string;
  valuesTotal: number;
  valuesStandard: number;
  persons: StoredPerson[];
}

/** Where a record's current version came from, to tell a re-run from an update or a duplicate. */
export interface RecordVersion {
  runId: string;
  line: number;
  contentHash: string;
}

export interface QuarantineEntry {
  source: string;
  fileHash: string;
  fileName: string;
  line: number;
  runId: string;
  recordId: string | null;
  reason: string;
  detail: string;
  raw: string;
}

export interface RecordBatch {
  /** New records. */
  insert: StoredRecord[];
  /** Records whose source sent a new version: replaces the old one and its persons. */
  replace: StoredRecord[];
  /** Quarantined rows; a row already quarantined (same source, file, line) is left as it is. */
  quarantine: QuarantineEntry[];
  /** Audit entries for this batch, appended (and a checkpoint signed) in the same transaction. */
  audit?: AuditEntry[];
}

export interface Store {
  readonly dialect: Dialect;
  /** Entity resolution's tables: links, blocking keys, golden records, reviews, models. */
  readonly resolution: ResolutionStore;
  /** Accounts, sessions and service codes. */
  readonly access: AccessStore;
  /** Person search and the records behind one person, for the API. */
  readonly persons: PersonReader;
  /** Creates or upgrades the schema; safe to call on every start. */
  migrate(): Promise<void>;
  /** How another thread opens this same store for reading (see `openReader`). */
  readerLocation(): ReaderLocation;
  close(): Promise<void>;

  findNode(): Promise<NodeInfo | undefined>;
  /** Records the node's identity once; a second call fails. */
  initNode(node: NodeInfo): Promise<void>;

  saveSource(source: SourceInfo): Promise<void>;
  findSource(source: string): Promise<SourceInfo | undefined>;
  listSources(): Promise<SourceSummary[]>;

  findRun(source: string, fileHash: string): Promise<IngestRun | undefined>;
  startRun(run: IngestRun): Promise<void>;
  finishRun(runId: string, counts: RunCounts, finishedAt: string): Promise<void>;
  listRuns(source?: string): Promise<IngestRun[]>;

  findRecordVersions(source: string, recordIds: readonly string[]): Promise<Map<string, RecordVersion>>;
  writeBatch(batch: RecordBatch): Promise<void>;
  countRecords(): Promise<{ records: number; persons: number; quarantined: number }>;
  /** Quarantined rows in (source, file, line) order, streamed. */
  streamQuarantine(): AsyncIterable<QuarantineEntry>;
  /** Stored records in (source, record id) order, streamed with their persons. */
  streamRecords(source?: string): AsyncIterable<StoredRecord>;

  /**
   * Appends audit entries in a transaction of their own and signs a checkpoint for the new size.
   * Operations that change data pass their entries with the data instead (RecordBatch.audit).
   * Throws AppError `unavailable` when the store was opened without the node's audit key.
   */
  appendAudit(entries: readonly AuditEntry[]): Promise<AuditAppendResult>;
  /** Reads the audit log: head, checkpoints, entries by index range, tree nodes. */
  readonly auditReader: AuditReader;
}

/**
 * Enough to open a second, read-only handle on a store from another thread: the file of a SQLite
 * store, or the database URL and schema of a PostgreSQL one. It may hold a password: it is passed
 * between threads of one process, never logged or written.
 */
export type ReaderLocation =
  | { readonly dialect: 'sqlite'; readonly file: string; readonly cacheMiB?: number }
  | { readonly dialect: 'postgres'; readonly url: string; readonly schema: string };
