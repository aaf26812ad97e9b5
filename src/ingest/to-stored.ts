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
}

export function toStoredRecord(row: AcceptedRow, ctx: FileContext): StoredRecord {
  const raw = JSON.stringify(row.raw);
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
