// How a prepared batch crosses from the ingest worker to the thread that stores it: every string
// of the batch concatenated into one text, and every number and string length in one Int32Array
// whose buffer is transferred, not copied. Cloning the batch as objects cost more than a tenth of
// an ingest row's CPU (the clone walks every record and person on both threads, and the garbage
// follows); one text is copied as a single block, and the receiving side cuts it into slices
// without copying. The values the file's context already holds (source, run, times) do not travel.
// Batches are packed one row at a time as rows are read (BatchPacker, RowPacker), so no row's
// objects outlive it: what survives a young-generation collection is only packed text.

import type { QuarantineEntry, StoredPerson, StoredRecord } from '../store/types.js';
import type { PreparedBatch } from './prepare-batch.js';
import { emptyCells } from './readers/row-builders.js';
import type { BadRow, BadRowReason, DataRow } from './readers/types.js';
import type { FileContext } from './to-stored.js';

export interface WireBatch {
  rowsRead: number;
  accepted: number;
  quarantined: number;
  /** The strings, concatenated into chunks; no string spans two chunks. */
  texts: string[];
  /** Numbers, and string lengths (-1 for null), in the order they were written. */
  numbers: Int32Array<ArrayBuffer>;
}

/** Strings pending in `parts` are joined into one chunk past this many characters: fewer, larger
 *  survivors of a young-generation collection, and a handful of strings to send, not thousands.
 *  16K characters keeps a chunk (two bytes a character once it holds any Chinese) under V8's
 *  large-object size (128 KiB): each larger chunk was a fresh mapping of its own, page-faulted in and
 *  unmapped again, on both threads. */
const CHUNK_CHARS = 16 * 1024;

class WireWriter {
  private parts: string[] = [];
  private readonly chunks: string[] = [];
  private pendingChars = 0;
  readonly numbers: number[] = [];

  str(value: string | null): void {
    if (value === null) {
      this.numbers.push(-1);
      return;
    }
    this.numbers.push(value.length);
    this.parts.push(value);
    this.pendingChars += value.length;
    if (this.pendingChars >= CHUNK_CHARS) this.flush();
  }

  num(value: number): void {
    this.numbers.push(value);
  }

  private flush(): void {
    // Empty strings add nothing: a chunk of them alone would be an empty chunk the reader never enters.
    if (this.pendingChars > 0) this.chunks.push(this.parts.join(''));
    this.parts = [];
    this.pendingChars = 0;
  }

  /** The chunks, sent as they are: joining them into one text would copy every string again. */
  texts(): string[] {
    this.flush();
    return this.chunks;
  }
}

class WireReader {
  private at = 0;
  private chunk = 0;
  private offset = 0;

  constructor(
    private readonly texts: readonly string[],
    private readonly numbers: Int32Array,
  ) {}

  private next(): number {
    const value = this.numbers[this.at++];
    if (value === undefined) throw new Error('ingest batch ended early');
    return value;
  }

  str(): string | null {
    const length = this.next();
    if (length < 0) return null;
    let text = this.texts[this.chunk] ?? '';
    if (this.offset + length > text.length) {
      // A string never spans two chunks: this one starts the next.
      if (this.offset !== text.length) throw new Error('ingest batch: a text crosses a chunk');
      this.chunk += 1;
      this.offset = 0;
      text = this.texts[this.chunk] ?? '';
      if (length > text.length) throw new Error('ingest batch ended early');
    }
    const value = text.slice(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  required(): string {
    const value = this.str();
    if (value === null) throw new Error('ingest batch: a required text is missing');
    return value;
  }

  num(): number {
    return this.next();
  }

  end(): void {
    const last = this.texts.length === 0 ? 0 : this.texts.length - 1;
    if (this.at !== this.numbers.length || this.chunk !== last || this.offset !== (this.texts[last] ?? '').length) throw new Error('ingest batch has bytes left over');
  }
}

/** Where prepared rows go: a PreparedBatch in memory, or a BatchPacker. */
export interface PreparedSink {
  addAccepted(record: StoredRecord): void;
  addQuarantine(entry: QuarantineEntry): void;
}

/** Packs prepared records and quarantine entries one at a time, as they are made. */
export class BatchPacker implements PreparedSink {
  private readonly records = new WireWriter();
  private readonly quarantine = new WireWriter();
  private accepted = 0;
  private quarantined = 0;

  addAccepted(r: StoredRecord): void {
    const w = this.records;
    this.accepted += 1;
    w.str(r.recordId);
    w.num(r.line);
    w.str(r.contentHash);
    w.str(r.observedAt);
    w.str(r.facts);
    w.str(r.relations);
    w.str(r.raw);
    w.num(r.valuesTotal);
    w.num(r.valuesStandard);
    w.num(r.persons.length);
    for (const p of r.persons) {
      w.str(p.role);
      w.str(p.name);
      w.str(p.namePinyin);
      w.str(p.idNumber);
      w.num(p.idValid ? 1 : 0);
      w.str(p.sex);
      w.str(p.birthDate);
      w.str(p.phone);
      w.str(p.hukouRegion);
      w.str(p.residenceRegion);
      w.str(p.fields);
    }
  }

  addQuarantine(q: QuarantineEntry): void {
    const w = this.quarantine;
    this.quarantined += 1;
    w.num(q.line);
    w.str(q.recordId);
    w.str(q.reason);
    w.str(q.detail);
    w.str(q.raw);
  }

  finish(rowsRead: number): WireBatch {
    const [a, b] = [this.records.numbers, this.quarantine.numbers];
    const numbers = new Int32Array(a.length + b.length);
    numbers.set(a);
    numbers.set(b, a.length);
    return { rowsRead, accepted: this.accepted, quarantined: this.quarantined, texts: [...this.records.texts(), ...this.quarantine.texts()], numbers };
  }
}

/** Rows as read, for the other thread to prepare: each row's column names by index into one list. */
export interface WireRows {
  count: number;
  columns: string[];
  /** As in WireBatch. */
  texts: string[];
  numbers: Int32Array<ArrayBuffer>;
}

/** Packs read rows one at a time; each row's column names go by index into one list. */
export class RowPacker {
  private readonly w = new WireWriter();
  private readonly columns = new Map<string, number>();
  private count = 0;

  add(row: DataRow | BadRow): void {
    const w = this.w;
    this.count += 1;
    w.num(row.line);
    if (row.kind === 'bad') {
      w.num(-1);
      w.str(row.reason);
      w.str(row.detail);
      w.str(row.raw);
      return;
    }
    const names = Object.keys(row.cells);
    w.num(names.length);
    for (const name of names) {
      let index = this.columns.get(name);
      if (index === undefined) {
        index = this.columns.size;
        this.columns.set(name, index);
      }
      w.num(index);
      w.str(row.cells[name] ?? '');
    }
  }

  finish(): WireRows {
    return { count: this.count, columns: [...this.columns.keys()], numbers: Int32Array.from(this.w.numbers), texts: this.w.texts() };
  }
}

/** The rows again; their cells inherit nothing, as the readers make them. */
export function unpackRows(wire: WireRows): (DataRow | BadRow)[] {
  const r = new WireReader(wire.texts, wire.numbers);
  const rows: (DataRow | BadRow)[] = [];
  for (let i = 0; i < wire.count; i++) {
    const line = r.num();
    const cellCount = r.num();
    if (cellCount < 0) {
      rows.push({ kind: 'bad', line, reason: r.required() as BadRowReason, detail: r.required(), raw: r.required() });
      continue;
    }
    const cells = emptyCells();
    for (let c = 0; c < cellCount; c++) {
      const name = wire.columns[r.num()];
      if (name === undefined) throw new Error('ingest rows name an unknown column');
      cells[name] = r.required();
    }
    rows.push({ kind: 'row', line, cells });
  }
  r.end();
  return rows;
}

/** The batch again, with the file context's values filled back in. */
export function unpackBatch(wire: WireBatch, ctx: FileContext): PreparedBatch {
  const r = new WireReader(wire.texts, wire.numbers);
  const accepted: StoredRecord[] = [];
  for (let i = 0; i < wire.accepted; i++) {
    const recordId = r.required();
    const line = r.num();
    const contentHash = r.required();
    const observedAt = r.str();
    const facts = r.required();
    const relations = r.required();
    const raw = r.required();
    const valuesTotal = r.num();
    const valuesStandard = r.num();
    const persons: StoredPerson[] = [];
    for (let n = r.num(); n > 0; n--) {
      persons.push({
        role: r.required(),
        name: r.str(),
        namePinyin: r.str(),
        idNumber: r.str(),
        idValid: r.num() === 1,
        sex: r.str(),
        birthDate: r.str(),
        phone: r.str(),
        hukouRegion: r.str(),
        residenceRegion: r.str(),
        fields: r.required(),
      });
    }
    accepted.push({ source: ctx.source, recordId, runId: ctx.runId, line, contentHash, observedAt, ingestedAt: ctx.ingestedAt, facts, relations, raw, valuesTotal, valuesStandard, persons });
  }
  const quarantine: QuarantineEntry[] = [];
  for (let i = 0; i < wire.quarantined; i++) {
    const line = r.num();
    quarantine.push({ source: ctx.source, fileHash: ctx.fileHash, fileName: ctx.fileName, line, runId: ctx.runId, recordId: r.str(), reason: r.required(), detail: r.required(), raw: r.required() });
  }
  r.end();
  return { rowsRead: wire.rowsRead, accepted, quarantine };
}
