// The CPU half of ingest: read rows normalised into stored records and quarantine entries. It
// touches no store, so it runs in the ingest worker thread as well as in process.

import type { Mapping } from '../standard/mapping.js';
import { normalizeRow } from '../standard/normalize-row.js';
import type { QuarantineEntry, StoredRecord } from '../store/types.js';
import type { PreparedSink } from './batch-wire.js';
import type { BadRow, DataRow } from './readers/types.js';
import { toQuarantineEntry, toStoredRecord, type FileContext } from './to-stored.js';

export interface PreparedBatch {
  rowsRead: number;
  accepted: StoredRecord[];
  quarantine: QuarantineEntry[];
}

/** One row, prepared into `sink` (a batch in memory, or a packer that sends it to another thread). */
export function prepareRowInto(mapping: Mapping, ctx: FileContext, row: DataRow | BadRow, sink: PreparedSink): void {
  if (row.kind === 'bad') {
    sink.addQuarantine(toQuarantineEntry({ line: row.line, recordId: null, reason: row.reason, detail: row.detail, raw: row.raw }, ctx));
    return;
  }
  const normalized = normalizeRow(mapping, row, { fallbackRecordId: `${ctx.fileHash.slice(0, 16)}:${row.line}`, jurisdiction: ctx.jurisdiction });
  if (normalized.outcome === 'quarantined') sink.addQuarantine(toQuarantineEntry(normalized, ctx));
  else sink.addAccepted(toStoredRecord(normalized, ctx));
}

/** Prepares `rows` onto the end of `batch` (which may hold rows prepared elsewhere) and returns it. */
export function prepareOnto(batch: PreparedBatch, mapping: Mapping, ctx: FileContext, rows: readonly (DataRow | BadRow)[]): PreparedBatch {
  const sink: PreparedSink = { addAccepted: (r) => batch.accepted.push(r), addQuarantine: (q) => batch.quarantine.push(q) };
  batch.rowsRead += rows.length;
  for (const row of rows) prepareRowInto(mapping, ctx, row, sink);
  return batch;
}

export function prepareBatch(mapping: Mapping, ctx: FileContext, rows: readonly (DataRow | BadRow)[]): PreparedBatch {
  return prepareOnto({ rowsRead: 0, accepted: [], quarantine: [] }, mapping, ctx, rows);
}
