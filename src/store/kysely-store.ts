// The part of the Store that is the same on every dialect, written once with Kysely. Dialects
// subclass it for their bulk paths (prepared statements on SQLite, COPY on PostgreSQL).

import { sql, type Kysely, type Selectable } from 'kysely';
import { AppError } from '../errors.js';
import { ResolutionStore } from './resolution/resolution-store.js';
import { AccessStore } from './access/access-store.js';
import { PersonReader } from './persons/person-reader.js';
import { migrateToLatest, type Database, type IngestRunsTable, type RecordPersonsTable, type RecordsTable } from './schema.js';
import type { AuditEntry } from '../audit/entry.js';
import type {
  AuditAppendResult,
  AuditReader,
  Dialect,
  IngestRun,
  NodeInfo,
  QuarantineEntry,
  ReaderLocation,
  RecordBatch,
  RecordVersion,
  RunCounts,
  SourceInfo,
  SourceSummary,
  Store,
  StoredPerson,
  StoredRecord,
} from './types.js';

const nodeKeys = ['node_id', 'region', 'name', 'created_at'] as const;
/** Rows fetched per round trip when streaming large tables. */
const pageSize = 2000;

/** A run's column names as stored; anything but a list of texts reads as none (rows then keep their names). */
function parseColumns(text: string | null): string[] | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((c) => typeof c === 'string') ? value : null;
  } catch {
    return null;
  }
}

export function toRun(row: Selectable<IngestRunsTable>): IngestRun {
  return {
    runId: row.run_id,
    source: row.source,
    fileName: row.file_name,
    fileHash: row.file_hash,
    mappingHash: row.mapping_hash,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    status: row.status === 'completed' ? 'completed' : 'running',
    columns: parseColumns(row.columns),
    rowsRead: Number(row.rows_read),
    accepted: Number(row.accepted),
    quarantined: Number(row.quarantined),
    valuesTotal: Number(row.values_total),
    valuesStandard: Number(row.values_standard),
  };
}

export function toPerson(row: Selectable<RecordPersonsTable>): StoredPerson {
  return {
    role: row.role,
    name: row.name,
    namePinyin: row.name_pinyin,
    idNumber: row.id_number,
    idValid: Number(row.id_valid) === 1,
    sex: row.sex,
    birthDate: row.birth_date,
    phone: row.phone,
    hukouRegion: row.hukou_region,
    residenceRegion: row.residence_region,
    fields: row.fields,
  };
}

function toRecord(row: Selectable<RecordsTable>, persons: StoredPerson[]): StoredRecord {
  return {
    source: row.source,
    recordId: row.record_id,
    runId: row.run_id,
    line: Number(row.line),
    contentHash: row.content_hash,
    observedAt: row.observed_at,
    ingestedAt: row.ingested_at,
    facts: row.facts,
    relations: row.relations,
    raw: row.raw,
    valuesTotal: Number(row.values_total),
    valuesStandard: Number(row.values_standard),
    persons,
  };
}

export abstract class KyselyStore implements Store {
  abstract readonly dialect: Dialect;

  readonly resolution: ResolutionStore;
  readonly access: AccessStore;
  readonly persons: PersonReader;

  protected constructor(protected readonly db: Kysely<Database>) {
    this.resolution = new ResolutionStore(db);
    this.access = new AccessStore(db);
    this.persons = new PersonReader(db);
  }

  abstract writeBatch(batch: RecordBatch): Promise<void>;
  abstract close(): Promise<void>;
  abstract readerLocation(): ReaderLocation;
  // The audit log is dialect code: its append must join each dialect's own transaction.
  abstract appendAudit(entries: readonly AuditEntry[]): Promise<AuditAppendResult>;
  abstract readonly auditReader: AuditReader;

  /** The schema migrations are tracked in (PostgreSQL); none on SQLite. */
  protected migrationSchema: string | undefined;

  async migrate(): Promise<void> {
    await migrateToLatest(this.db, this.migrationSchema);
  }

  async findNode(): Promise<NodeInfo | undefined> {
    const rows = await this.db.selectFrom('meta').selectAll().where('key', 'in', [...nodeKeys]).execute();
    const values = new Map(rows.map((r) => [r.key, r.value]));
    const nodeId = values.get('node_id');
    if (nodeId === undefined) return undefined;
    return {
      nodeId,
      region: values.get('region') ?? '',
      name: values.get('name') ?? '',
      createdAt: values.get('created_at') ?? '',
    };
  }

  async initNode(node: NodeInfo): Promise<void> {
    if ((await this.findNode()) !== undefined) {
      throw new AppError('conflict', '数据目录已初始化', 'the node is already initialised');
    }
    await this.db
      .insertInto('meta')
      .values([
        { key: 'node_id', value: node.nodeId },
        { key: 'region', value: node.region },
        { key: 'name', value: node.name },
        { key: 'created_at', value: node.createdAt },
      ])
      .execute();
  }

  async saveSource(source: SourceInfo): Promise<void> {
    const row = {
      source: source.source,
      kind: source.kind,
      department: source.department,
      mapping: source.mapping,
      mapping_hash: source.mappingHash,
      updated_at: source.updatedAt,
    };
    await this.db
      .insertInto('sources')
      .values(row)
      .onConflict((oc) => oc.column('source').doUpdateSet({ kind: row.kind, department: row.department, mapping: row.mapping, mapping_hash: row.mapping_hash, updated_at: row.updated_at }))
      .execute();
  }

  async findSource(source: string): Promise<SourceInfo | undefined> {
    const row = await this.db.selectFrom('sources').selectAll().where('source', '=', source).executeTakeFirst();
    if (row === undefined) return undefined;
    return { source: row.source, kind: row.kind, department: row.department, mapping: row.mapping, mappingHash: row.mapping_hash, updatedAt: row.updated_at };
  }

  async listSources(): Promise<SourceSummary[]> {
    const sources = await this.db.selectFrom('sources').selectAll().orderBy('source').execute();
    const runs = await this.db
      .selectFrom('ingest_runs')
      .select((eb) => [
        'source',
        eb.fn.count<string>('run_id').as('runs'),
        eb.fn.sum<string>('rows_read').as('rows_read'),
        eb.fn.sum<string>('accepted').as('accepted'),
        eb.fn.sum<string>('quarantined').as('quarantined'),
        eb.fn.max('finished_at').as('last'),
      ])
      .where('status', '=', 'completed')
      .groupBy('source')
      .execute();
    const records = await this.db
      .selectFrom('records')
      .select((eb) => ['source', eb.fn.count<string>('record_id').as('records'), eb.fn.sum<string>('values_total').as('vt'), eb.fn.sum<string>('values_standard').as('vs')])
      .groupBy('source')
      .execute();
    const runBy = new Map(runs.map((r) => [r.source, r]));
    const recBy = new Map(records.map((r) => [r.source, r]));
    return sources.map((s) => {
      const run = runBy.get(s.source);
      const rec = recBy.get(s.source);
      return {
        source: s.source,
        kind: s.kind,
        department: s.department,
        records: Number(rec?.records ?? 0),
        rowsRead: Number(run?.rows_read ?? 0),
        accepted: Number(run?.accepted ?? 0),
        quarantined: Number(run?.quarantined ?? 0),
        valuesTotal: Number(rec?.vt ?? 0),
        valuesStandard: Number(rec?.vs ?? 0),
        runs: Number(run?.runs ?? 0),
        lastIngestAt: run?.last ?? null,
      };
    });
  }

  async findRun(source: string, fileHash: string): Promise<IngestRun | undefined> {
    const row = await this.db
      .selectFrom('ingest_runs')
      .selectAll()
      .where('source', '=', source)
      .where('file_hash', '=', fileHash)
      .orderBy('started_at', 'desc')
      .executeTakeFirst();
    return row === undefined ? undefined : toRun(row);
  }

  async startRun(run: IngestRun): Promise<void> {
    await this.db
      .insertInto('ingest_runs')
      .values({
        run_id: run.runId,
        source: run.source,
        file_name: run.fileName,
        file_hash: run.fileHash,
        mapping_hash: run.mappingHash,
        started_at: run.startedAt,
        finished_at: run.finishedAt,
        status: run.status,
        rows_read: run.rowsRead,
        accepted: run.accepted,
        quarantined: run.quarantined,
        values_total: run.valuesTotal,
        values_standard: run.valuesStandard,
        columns: run.columns === null ? null : JSON.stringify(run.columns),
      })
      .execute();
  }

  async finishRun(runId: string, counts: RunCounts, finishedAt: string): Promise<void> {
    await this.db
      .updateTable('ingest_runs')
      .set({
        status: 'completed',
        finished_at: finishedAt,
        rows_read: counts.rowsRead,
        accepted: counts.accepted,
        quarantined: counts.quarantined,
        values_total: counts.valuesTotal,
        values_standard: counts.valuesStandard,
      })
      .where('run_id', '=', runId)
      .execute();
  }

  async listRuns(source?: string): Promise<IngestRun[]> {
    let query = this.db.selectFrom('ingest_runs').selectAll().orderBy('started_at', 'desc');
    if (source !== undefined) query = query.where('source', '=', source);
    return (await query.execute()).map(toRun);
  }

  async findRecordVersions(source: string, recordIds: readonly string[]): Promise<Map<string, RecordVersion>> {
    const versions = new Map<string, RecordVersion>();
    for (let i = 0; i < recordIds.length; i += 500) {
      const chunk = recordIds.slice(i, i + 500);
      const rows = await this.db
        .selectFrom('records')
        .select(['record_id', 'run_id', 'line', 'content_hash'])
        .where('source', '=', source)
        .where('record_id', 'in', chunk)
        .execute();
      for (const r of rows) versions.set(r.record_id, { runId: r.run_id, line: Number(r.line), contentHash: r.content_hash });
    }
    return versions;
  }

  async countRecords(): Promise<{ records: number; persons: number; quarantined: number }> {
    const count = async (table: 'records' | 'record_persons' | 'quarantine'): Promise<number> => {
      const row = await this.db.selectFrom(table).select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    };
    return { records: await count('records'), persons: await count('record_persons'), quarantined: await count('quarantine') };
  }

  async *streamQuarantine(): AsyncIterable<QuarantineEntry> {
    let after: { source: string; fileHash: string; line: number } | null = null;
    for (;;) {
      let query = this.db.selectFrom('quarantine').selectAll().orderBy('source').orderBy('file_hash').orderBy('line').limit(pageSize);
      if (after !== null) {
        const a = after;
        // A row-value comparison seeks to the key; the same condition as an OR of columns made
        // SQLite scan the source from its start on every page (quadratic in a source's rows).
        query = query.where((eb) => eb(eb.refTuple('source', 'file_hash', 'line'), '>', eb.tuple(a.source, a.fileHash, a.line)));
      }
      const rows = await query.execute();
      for (const r of rows) {
        yield { source: r.source, fileHash: r.file_hash, fileName: r.file_name, line: Number(r.line), runId: r.run_id, recordId: r.record_id, reason: r.reason, detail: r.detail, raw: r.raw };
      }
      const last = rows.at(-1);
      if (last === undefined || rows.length < pageSize) return;
      after = { source: last.source, fileHash: last.file_hash, line: Number(last.line) };
    }
  }

  async *streamRecords(source?: string): AsyncIterable<StoredRecord> {
    let after: { source: string; recordId: string } | null = null;
    for (;;) {
      let query = this.db.selectFrom('records').selectAll().orderBy('source').orderBy('record_id').limit(pageSize);
      if (source !== undefined) query = query.where('source', '=', source);
      if (after !== null) {
        const a = after;
        query = query.where((eb) => eb(eb.refTuple('source', 'record_id'), '>', eb.tuple(a.source, a.recordId)));
      }
      const rows = await query.execute();
      const first = rows[0];
      const last = rows.at(-1);
      if (first === undefined || last === undefined) return;
      const persons = await this.db
        .selectFrom('record_persons')
        .selectAll()
        .where((eb) =>
          eb.or(
            [...new Set(rows.map((r) => r.source))].map((s) =>
              eb.and([eb('source', '=', s), eb('record_id', 'in', rows.filter((r) => r.source === s).map((r) => r.record_id))]),
            ),
          ),
        )
        .orderBy('role')
        .execute();
      const bySource = new Map<string, StoredPerson[]>();
      for (const p of persons) {
        const key = `${p.source}\u0001${p.record_id}`;
        const list = bySource.get(key) ?? [];
        list.push(toPerson(p));
        bySource.set(key, list);
      }
      for (const r of rows) yield toRecord(r, bySource.get(`${r.source}\u0001${r.record_id}`) ?? []);
      if (rows.length < pageSize) return;
      after = { source: last.source, recordId: last.record_id };
    }
  }
}
