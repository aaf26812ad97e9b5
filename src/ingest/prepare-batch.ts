// The CPU half of ingest: a batch of read rows normalised into stored records and quarantine
// entries. It touches no store, so it runs in the ingest worker thread as well as in process.

import type { Mapping } from '../standard/mapping.js';
import { normalizeRow } from '../standard/normalize-row.js';
import type { QuarantineEntry, StoredRecord } from '../store/types.js';
import type { BadRow, DataRow } from './readers/types.js';
import { toQuarantineEntry, toStoredRecord, type FileContext } from './to-stored.js';

export interface PreparedBatch {
  rowsRead: number;
  accepted: StoredRecord[];
  quarantine: QuarantineEntry[];
}

export function prepareBatch(mapping: Mapping, ctx: FileContext, rows: readonly (DataRow | BadRow)[]): PreparedBatch {
  const batch: PreparedBatch = { rowsRead: rows.length, accepted: [], quarantine: [] };
  for (const row of rows) {
    if (row.kind === 'bad') {
      batch.quarantine.push(toQuarantineEntry({ line: row.line, recordId: null, reason: row.reason, detail: row.detail, raw: row.raw }, ctx));
      continue;
    }
    const normalized = normalizeRow(mapping, row, { fallbackRecordId: `${ctx.fileHash.slice(0, 16)}:${row.line}`, jurisdiction: ctx.jurisdiction });
    if (normalized.outcome === 'quarantined') batch.quarantine.push(toQuarantineEntry(normalized, ctx));
    else batch.accepted.push(toStoredRecord(normalized, ctx));
  }
  return batch;
}
