// The ingest pipeline: mapping ▶ reader ▶ normaliser ▶ quarantine ▶ store, one file at a time, in
// batches. Every row read ends accepted or quarantined (the counts reconcile per file); a bad
// mapping or unreadable file fails before anything is written; a re-run of the same file adds
// nothing, and a re-run after a crash finishes what the crashed run began.

import { createHash, randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { checkHeader, type Mapping } from '../standard/mapping.js';
import type { RecordBatch, RunCounts, Store } from '../store/types.js';
import { hashFile } from './file-hash.js';
import type { LoadedMapping } from './load-mapping.js';
import { openRows } from './readers/index.js';
import type { ReadOptions, RowSource } from './readers/types.js';
import type { PreparedBatch } from './prepare-batch.js';
import { isWorkerAvailable, isWorkerWarm, preparedInProcess, preparedInWorker, startWorker } from './prepared-stream.js';
import { rawCells, toQuarantineEntry, type FileContext } from './to-stored.js';

export interface IngestProgress {
  fileStarted(file: string, index: number, total: number): void;
  rowsDone(file: string, rows: number): void;
  fileDone(summary: FileSummary): void;
}

export interface FileSummary extends RunCounts {
  file: string;
  source: string;
  runId: string;
  /** `skipped`: this exact file was ingested before, nothing was read again. */
  status: 'ingested' | 'resumed' | 'skipped';
  /** Rows whose record was already stored unchanged (a re-run) or replaced by a new version. */
  unchanged: number;
  updated: number;
  reasons: Record<string, number>;
}

export interface IngestOptions {
  /** The clock is passed in so runs are reproducible in tests. */
  now?: () => Date;
  batchRows?: number;
  progress?: IngestProgress;
  /** Prepare batches in a worker thread (default: when the compiled worker is available). */
  worker?: boolean;
  /** Who runs the ingest, for the audit log (default: the operating-system user). */
  actor?: string;
}

interface OpenedFile {
  path: string;
  hash: string;
  rows: RowSource;
  readOptions: ReadOptions;
}

/** Opens and checks every file first: a bad file or header fails the whole call before any write. */
async function openAll(mapping: Mapping, paths: readonly string[]): Promise<OpenedFile[]> {
  const opened: OpenedFile[] = [];
  try {
    for (const path of paths) {
      const readOptions: ReadOptions = { encoding: mapping.encoding, ...(mapping.sheet === null ? {} : { sheet: mapping.sheet }) };
      const rows = await openRows(path, readOptions);
      const file: OpenedFile = { path, hash: '', rows, readOptions };
      opened.push(file);
      checkHeader(mapping, rows.header, basename(path));
      file.hash = await hashFile(path);
    }
  } catch (error) {
    for (const file of opened) await file.rows.close();
    throw error;
  }
  return opened;
}

/** Files at least this large are prepared in a worker thread (when the compiled worker exists). */
const workerMinBytes = 8 * 1024 * 1024;

/**
 * Whether a file of `bytes` is prepared in the worker thread. The thread pays ~0.5 s once to start;
 * below a few MiB a file is read faster in process, unless the worker is already running.
 * YIMA_INGEST_WORKER=1 or 0 overrides the size rule (tests of the worker path, troubleshooting).
 */
function wantsWorker(options: IngestOptions, bytes: number): boolean {
  const forced = process.env.YIMA_INGEST_WORKER;
  if (!isWorkerAvailable()) return false;
  return options.worker ?? (forced === '1' ? true : forced === '0' ? false : isWorkerWarm() || bytes >= workerMinBytes);
}

/** Sizes of the files that exist (a missing one is reported when it is opened). */
async function sizesOf(paths: readonly string[]): Promise<number[]> {
  return Promise.all(paths.map(async (path) => (await stat(path).catch(() => null))?.size ?? 0));
}

export async function ingestFiles(store: Store, loaded: LoadedMapping, paths: readonly string[], options: IngestOptions = {}): Promise<FileSummary[]> {
  const { mapping } = loaded;
  const now = options.now ?? (() => new Date());
  // The worker starts while the files are opened and hashed, not after.
  const sizes = await sizesOf(paths);
  if (sizes.some((bytes) => wantsWorker(options, bytes))) startWorker();
  const files = await openAll(mapping, paths);
  const mappingHash = createHash('sha256').update(loaded.text).digest('hex');
  await store.saveSource({ source: mapping.source, kind: mapping.kind, department: mapping.department, mapping: loaded.text, mappingHash, updatedAt: now().toISOString() });
  const summaries: FileSummary[] = [];
  for (const [index, file] of files.entries()) {
    options.progress?.fileStarted(basename(file.path), index, files.length);
    const summary = await ingestOne(store, mapping, mappingHash, file, sizes[index] ?? 0, now, options);
    options.progress?.fileDone(summary);
    summaries.push(summary);
  }
  return summaries;
}

async function ingestOne(store: Store, mapping: Mapping, mappingHash: string, file: OpenedFile, bytes: number, now: () => Date, options: IngestOptions): Promise<FileSummary> {
  const fileName = basename(file.path);
  const previous = await store.findRun(mapping.source, file.hash);
  const counts: RunCounts = { rowsRead: 0, accepted: 0, quarantined: 0, valuesTotal: 0, valuesStandard: 0 };
  const base = { file: fileName, source: mapping.source, unchanged: 0, updated: 0, reasons: {} as Record<string, number> };
  if (previous?.status === 'completed') {
    return { ...base, ...previous, runId: previous.runId, status: 'skipped' };
  }
  const runId = previous?.runId ?? randomUUID();
  // The header as it is before any row is read (a JSONL reader appends keys it meets later). A
  // resumed run keeps the columns it started with: the same file, so the same header.
  const columns = previous === undefined ? [...file.rows.header] : (previous.columns ?? []);
  if (previous === undefined) {
    await store.startRun({ runId, source: mapping.source, fileName, fileHash: file.hash, mappingHash, startedAt: now().toISOString(), finishedAt: null, status: 'running', columns, ...counts });
  }
  const jurisdiction = (await store.findNode())?.region;
  const ctx: FileContext = { source: mapping.source, runId, fileName, fileHash: file.hash, ingestedAt: now().toISOString(), jurisdiction, columns };
  const summary: FileSummary = { ...base, ...counts, runId, status: previous === undefined ? 'ingested' : 'resumed' };
  // 1,000 rows a batch (a transaction, an audit entry): larger batches leave more garbage alive
  // between collections and grow both threads' heaps (1M rows: 25 s and 1.0 GB peak RSS at 5,000
  // rows a batch; 24 s and 0.8 GB at 1,000; 500 is slower again). PostgreSQL, whose COPY pays a
  // round trip per batch, keeps the same size: 54 s and 0.76 GB against 51 s and 1.0 GB at 5,000.
  const batchRows = options.batchRows ?? 1000;
  const useWorker = wantsWorker(options, bytes);
  let batches: AsyncIterable<PreparedBatch>;
  if (useWorker) {
    // The header is checked; the worker opens the file again and reads it all.
    await file.rows.close();
    batches = preparedInWorker(file.path, file.readOptions, mapping, ctx, batchRows);
  } else {
    batches = preparedInProcess(file.rows, mapping, ctx, batchRows);
  }
  const actor = auditActor(options.actor);
  for await (const batch of batches) {
    await storeBatch(store, ctx, batch, summary, actor, now);
    options.progress?.rowsDone(fileName, summary.rowsRead);
  }
  await store.finishRun(runId, summary, now().toISOString());
  return summary;
}

function countReason(summary: FileSummary, reason: string): void {
  summary.quarantined += 1;
  summary.reasons[reason] = (summary.reasons[reason] ?? 0) + 1;
}

/** Tells new records from re-runs, updates and duplicates, and writes the batch in one transaction. */
async function storeBatch(store: Store, ctx: FileContext, prepared: PreparedBatch, summary: FileSummary, actor: string, now: () => Date): Promise<void> {
  summary.rowsRead += prepared.rowsRead;
  const before = { accepted: summary.accepted, quarantined: summary.quarantined };
  const batch: RecordBatch = { insert: [], replace: [], quarantine: [...prepared.quarantine] };
  for (const q of prepared.quarantine) countReason(summary, q.reason);
  const accepted = prepared.accepted;
  const versions = await store.findRecordVersions(ctx.source, accepted.map((r) => r.recordId));
  const seenInBatch = new Map<string, number>();
  for (const record of accepted) {
    const stored = versions.get(record.recordId);
    const earlierLine = seenInBatch.get(record.recordId);
    const isDuplicate = earlierLine !== undefined || (stored !== undefined && stored.runId === ctx.runId && stored.line !== record.line);
    if (isDuplicate) {
      const line = earlierLine ?? stored?.line ?? 0;
      batch.quarantine.push(toQuarantineEntry({ line: record.line, recordId: record.recordId, reason: 'duplicate_record_id', detail: `record id already on line ${line} of this file`, raw: rawCells(record.raw, ctx.columns) }, ctx));
      countReason(summary, 'duplicate_record_id');
      continue;
    }
    seenInBatch.set(record.recordId, record.line);
    summary.accepted += 1;
    summary.valuesTotal += record.valuesTotal;
    summary.valuesStandard += record.valuesStandard;
    if (stored === undefined) batch.insert.push(record);
    else if (stored.contentHash === record.contentHash) summary.unchanged += 1;
    else if (stored.runId === ctx.runId) summary.unchanged += 1;
    else {
      batch.replace.push(record);
      summary.updated += 1;
    }
  }
  // The batch's own audit entry commits with it: no write of personal data escapes the log.
  batch.audit = [
    {
      time: now().toISOString(),
      actor,
      role: 'data_officer',
      action: 'ingest',
      objectIds: [ctx.runId],
      purpose: 'ingest',
      outcome: 'ok',
      requestId: ctx.runId,
      details: { source: ctx.source, file_sha256: ctx.fileHash, rows: prepared.rowsRead, accepted: summary.accepted - before.accepted, quarantined: summary.quarantined - before.quarantined, inserted: batch.insert.length, replaced: batch.replace.length },
    },
  ];
  await store.writeBatch(batch);
}

/** A token the audit log accepts: the given actor, else the OS user, else `cli`. */
function auditActor(given: string | undefined): string {
  const name = given ?? process.env.USER ?? process.env.USERNAME ?? 'cli';
  return /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/.test(name) ? name : 'cli';
}
