import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredRecord } from '../store/types.js';
import { BatchPacker, RowPacker, unpackBatch, unpackRows, type WireBatch, type WireRows } from './batch-wire.js';
import type { PreparedBatch } from './prepare-batch.js';
import type { BadRow, DataRow } from './readers/types.js';
import type { FileContext } from './to-stored.js';

function packBatch(batch: PreparedBatch): WireBatch {
  const packer = new BatchPacker();
  for (const r of batch.accepted) packer.addAccepted(r);
  for (const q of batch.quarantine) packer.addQuarantine(q);
  return packer.finish(batch.rowsRead);
}

function packRows(rows: readonly (DataRow | BadRow)[]): WireRows {
  const packer = new RowPacker();
  for (const row of rows) packer.add(row);
  return packer.finish();
}

const ctx: FileContext = { source: 'police', runId: 'run-1', fileName: '登记.csv', fileHash: 'abc', ingestedAt: '2025-06-30T00:00:00.000Z', jurisdiction: '440300', columns: ['姓名'] };

function record(recordId: string, text: string): StoredRecord {
  return {
    source: ctx.source,
    recordId,
    runId: ctx.runId,
    line: 7,
    contentHash: 'h-' + recordId,
    observedAt: null,
    ingestedAt: ctx.ingestedAt,
    facts: JSON.stringify({ note: text }),
    relations: '[]',
    raw: JSON.stringify({ 姓名: text }),
    valuesTotal: 3,
    valuesStandard: 2,
    persons: [
      { role: 'subject', name: text, namePinyin: null, idNumber: '11010519491231002X', idValid: true, sex: 'F', birthDate: '1949-12-31', phone: null, hukouRegion: '110105', residenceRegion: null, fields: '{}' },
      { role: 'guardian', name: null, namePinyin: 'wang wei', idNumber: null, idValid: false, sex: null, birthDate: null, phone: '13800000000', hukouRegion: null, residenceRegion: '440305', fields: '{"r":"guardian"}' },
    ],
  };
}

describe('the ingest batch wire', () => {
  it('carries a prepared batch whole: records, persons, nulls, empty texts and quarantine', () => {
    const batch: PreparedBatch = {
      rowsRead: 4,
      accepted: [record('A-1', '黄佳馨 \u0000\u202e=cmd|x'), { ...record('', ''), observedAt: '2017-06-06T16:00:00Z', persons: [] }],
      quarantine: [
        { source: ctx.source, fileHash: ctx.fileHash, fileName: ctx.fileName, line: 9, runId: ctx.runId, recordId: null, reason: 'malformed_row', detail: '字段数不符', raw: 'a,"b' },
        { source: ctx.source, fileHash: ctx.fileHash, fileName: ctx.fileName, line: 10, runId: ctx.runId, recordId: 'X', reason: 'no_identity', detail: '', raw: '{}' },
      ],
    };
    const wire = packBatch(batch);
    expect(unpackBatch(structuredClone(wire), ctx)).toEqual(batch);
  });

  it('round-trips any texts (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), { maxLength: 20 }), (texts) => {
        const batch: PreparedBatch = { rowsRead: texts.length, accepted: texts.map(([id, text]) => record(id, text)), quarantine: [] };
        expect(unpackBatch(packBatch(batch), ctx)).toEqual(batch);
      }),
    );
  });

  it('refuses a batch that was cut short or has bytes left over', () => {
    const wire = packBatch({ rowsRead: 1, accepted: [record('A', '王')], quarantine: [] });
    expect(() => unpackBatch({ ...wire, numbers: wire.numbers.slice(0, -3) }, ctx)).toThrow(/ended early/);
    expect(() => unpackBatch({ ...wire, texts: [...wire.texts, 'x'] }, ctx)).toThrow(/left over/);
  });

  it('carries a batch larger than one chunk, with empty texts at the seams', () => {
    const accepted = Array.from({ length: 300 }, (_, i) => record(i % 7 === 0 ? '' : `R${i}`, '张'.repeat(i % 5 === 0 ? 0 : 997)));
    const batch: PreparedBatch = { rowsRead: 300, accepted, quarantine: [{ source: ctx.source, fileHash: ctx.fileHash, fileName: ctx.fileName, line: 1, runId: ctx.runId, recordId: '', reason: 'no_identity', detail: '', raw: '' }] };
    const wire = packBatch(batch);
    expect(wire.texts.length).toBeGreaterThan(3);
    expect(unpackBatch(structuredClone(wire), ctx)).toEqual(batch);
  });

  it('carries read rows with their columns, bad rows, and cells without a prototype', () => {
    const cells = Object.create(null) as Record<string, string>;
    cells['姓名'] = '李四';
    cells['__proto__'] = 'p';
    cells['constructor'] = '';
    const other = Object.create(null) as Record<string, string>;
    other['新列'] = '值';
    const rows: (DataRow | BadRow)[] = [
      { kind: 'row', line: 2, cells },
      { kind: 'bad', line: 3, reason: 'bad_encoding', detail: 'not gb18030', raw: '\ufffd' },
      { kind: 'row', line: 4, cells: other },
    ];
    const back = unpackRows(structuredClone(packRows(rows)));
    expect(back).toHaveLength(3);
    const first = back[0] as DataRow;
    expect('toString' in first.cells).toBe(false);
    expect(Object.keys(first.cells)).toEqual(['姓名', '__proto__', 'constructor']);
    expect(first.cells['__proto__']).toBe('p');
    expect(back[1]).toEqual(rows[1]);
    const third = back[2] as DataRow;
    expect(third.cells['新列']).toBe('值');
    expect(third.cells['姓名']).toBeUndefined();
    expect('toString' in third.cells).toBe(false);
  });
});
