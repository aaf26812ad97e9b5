// Turns a normalised row into what the store keeps: the accepted record with its persons, or a
// quarantine entry. Raw values travel with every row so nothing read is ever lost.

import { hash } from 'node:crypto';
import { encodeFacts, encodePerson } from '../standard/person-codec.js';
import type { AcceptedRow, QuarantinedRow } from '../standard/record.js';
import type { QuarantineEntry, StoredRecord } from '../store/types.js';

export interface FileContext {
  source: string;
  runId: string;
  fileName: string;
  fileHash: string;
  ingestedAt: string;
  jurisdiction: string | undefined;
  /** The run's column names: a row whose cells follow them exactly is stored as its values alone. */
  columns: readonly string[];
}

/**
 * A row's cells as stored: their values alone (a JSON array) when they follow the run's columns
 * exactly, as a file's rows do; else the cells by name (a JSONL object with a key first seen late,
 * or column names a JavaScript object cannot keep in order, such as "2024"). Lossless either way.
 */
export function packRaw(cells: Readonly<Record<string, string>>, columns: readonly string[]): string {
  const values: string[] = [];
  for (const key in cells) {
    if (key !== columns[values.length]) return JSON.stringify(cells);
    values.push(cells[key] ?? '');
  }
  return values.length === columns.length ? JSON.stringify(values) : JSON.stringify(cells);
}

/**
 * The cells of a stored raw row again, by column name: the run's columns name the values of the
 * array form (null for runs from before they were kept: such rows are objects). Values that no
 * column names (a damaged list) are named by position, `#1`, `#2`...; nothing is dropped.
 */
export function rawCells(raw: string, columns: readonly string[] | null): Record<string, string> {
  const cells: Record<string, string> = Object.create(null) as Record<string, string>;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    cells['#raw'] = raw;
    return cells;
  }
  if (Array.isArray(value)) {
    const named = columns !== null && columns.length === value.length;
    value.forEach((v, i) => {
      cells[named ? (columns[i] ?? `#${i + 1}`) : `#${i + 1}`] = typeof v === 'string' ? v : JSON.stringify(v);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) cells[k] = typeof v === 'string' ? v : JSON.stringify(v);
  } else {
    cells['#raw'] = raw;
  }
  return cells;
}

export function toStoredRecord(row: AcceptedRow, ctx: FileContext): StoredRecord {
  const raw = packRaw(row.raw, ctx.columns);
  return {
    source: ctx.source,
    recordId: row.recordId,
    runId: ctx.runId,
    line: row.line,
    contentHash: hash('sha1', raw, 'base64url'),
    observedAt: row.observedAt,
    ingestedAt: ctx.ingestedAt,
    facts: encodeFacts(row.facts),
    relations: JSON.stringify(row.relations),
    raw,
    valuesTotal: row.valuesTotal,
    valuesStandard: row.valuesStandard,
    persons: row.persons.map((p) => ({
      role: p.role,
      name: p.name,
      namePinyin: p.namePinyin.length === 0 ? null : p.namePinyin.join(' '),
      idNumber: p.idNumber,
      idValid: p.idValid,
      sex: p.sex,
      birthDate: p.birthDate,
      phone: p.phone,
      hukouRegion: p.hukouRegion,
      residenceRegion: p.residenceRegion,
      // The whole normalised person (raw, standard value and flag per field; derived values), packed.
      fields: encodePerson(p),
    })),
  };
}

export function toQuarantineEntry(row: Pick<QuarantinedRow, 'line' | 'recordId' | 'reason' | 'detail' | 'raw'>, ctx: FileContext): QuarantineEntry {
  return {
    source: ctx.source,
    fileHash: ctx.fileHash,
    fileName: ctx.fileName,
    line: row.line,
    runId: ctx.runId,
    recordId: row.recordId,
    reason: row.reason,
    detail: row.detail,
    raw: typeof row.raw === 'string' ? row.raw : JSON.stringify(row.raw),
  };
}
