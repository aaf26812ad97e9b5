// An incremental RFC 4180 record parser: decoded text goes in chunk by chunk, complete records
// come out with the physical line they start on. It is written for this reader rather than
// taken from csv-parse because ingest must account for every record: csv-parse's
// skip_records_with_error reports an error in the middle of a record (possibly several times,
// with only part of its text) and never says where the skipped record ends, and its
// max_record_size error throws away the rest of the chunk. Here a record is bad as a whole,
// is reported once, and parsing picks up again at the next line break.
//
// Rules: fields are separated by ',' and records by '\r\n', '\n' or '\r' (mixed in one file is
// fine). A field that starts with '"' is quoted: it may hold ',', line breaks and '""' (one
// quote). Spaces or tabs are allowed before an opening and after a closing quote. Faults make
// the record bad but never stop the file: a quote inside an unquoted field, text after a
// closing quote, a record larger than the size limit, or a quote still open at the end of the
// file (then the rest of the file is that one record). Tests compare it with csv-parse.

import { exceedsUtf8Bytes } from './row-builders.js';
import { RAW_TEXT_LIMIT } from './types.js';

export interface CsvRecord {
  /** 1-based physical line the record starts on. */
  line: number;
  /** Cell texts as written (not trimmed); empty when the record was too large to keep. */
  fields: string[];
  /** The record's text without its line break, cut to RAW_TEXT_LIMIT characters. */
  raw: string;
  /** A line holding nothing but spaces or tabs: not a record. */
  blank: boolean;
  /** Why the record is malformed, when it is. */
  problem?: string;
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** Just read a '"' inside a quoted field: either the closing quote or the first of '""'. */
  QuoteInQuoted,
  /** Spaces after a closing quote. */
  AfterQuote,
}

export class CsvRecordParser {
  private state = State.FieldStart;
  private line = 1;
  private previousWasCr = false;

  private isRecordOpen = false;
  private recordLine = 1;
  private quoteLine = 1;
  private fields: string[] = [];
  /** Text of the current field carried over from earlier chunks or earlier '""' escapes. */
  private fieldHead = '';
  private hasQuotedField = false;
  private problem: string | undefined;
  /** Start of the record (its raw text) and of the current field's pending text in the chunk. */
  private rawStart = 0;
  private segmentStart = 0;
  /** What earlier chunks held of the current record. */
  private rawHead = '';
  private carriedBytes = 0;
  private isOversized = false;

  private text = '';
  private out: CsvRecord[] = [];
  private endsWithLineBreak = false;

  constructor(private readonly maxRecordBytes: number) {}

  push(text: string): CsvRecord[] {
    this.text = text;
    this.out = [];
    this.rawStart = 0;
    this.segmentStart = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (!this.isRecordOpen) {
        // The '\n' of a '\r\n' that ended the previous record.
        if (c === LF && this.previousWasCr) {
          this.previousWasCr = false;
          continue;
        }
        this.openRecord(i);
      }
      this.step(c, i);
      if (c === LF) {
        if (!this.previousWasCr) this.line++;
        this.previousWasCr = false;
      } else if (c === CR) {
        this.line++;
        this.previousWasCr = true;
      } else {
        this.previousWasCr = false;
      }
    }
    if (n > 0) this.endsWithLineBreak = isLineBreak(text.charCodeAt(n - 1));
    if (this.isRecordOpen) this.carryOver(n);
    return this.out;
  }

  /** Call once at the end of the input; returns the last record if the file does not end with a line break. */
  end(): CsvRecord[] {
    this.text = '';
    this.out = [];
    this.rawStart = 0;
    this.segmentStart = 0;
    if (this.isRecordOpen) {
      if (this.state === State.Quoted) {
        // Said even when another fault came first: this is the one the user must fix.
        this.problem =
          `unterminated quoted field: the quote opened on line ${this.quoteLine} runs to the end of the file ` +
          `(lines ${this.recordLine}-${this.endsWithLineBreak ? this.line - 1 : this.line})`;
      }
      this.endField(0);
      this.endRecord(0);
    }
    return this.out;
  }

  private step(c: number, i: number): void {
    switch (this.state) {
      case State.FieldStart:
        if (c === QUOTE) this.openQuote(i);
        else if (c === COMMA) this.endField(i);
        else if (c === LF || c === CR) this.endLine(i);
        else {
          this.state = State.Unquoted;
          this.segmentStart = i;
        }
        return;
      case State.Unquoted:
        if (c === COMMA) this.endField(i);
        else if (c === LF || c === CR) this.endLine(i);
        else if (c === QUOTE) {
          // Spaces before an opening quote are tolerated; any other text makes the quote stray.
          if (isSpaceOrTab(this.fieldHead + this.text.slice(this.segmentStart, i))) {
            this.openQuote(i);
          } else {
            this.fail(`quote inside an unquoted field (field ${this.fields.length + 1}, line ${this.line})`);
          }
        }
        return;
      case State.Quoted:
        if (c === QUOTE) {
          this.fieldHead += this.text.slice(this.segmentStart, i);
          this.state = State.QuoteInQuoted;
        }
        return;
      case State.QuoteInQuoted:
        if (c === QUOTE) {
          // '""': the second quote starts the next piece of the field, so one quote is kept.
          this.segmentStart = i;
          this.state = State.Quoted;
          return;
        }
        this.afterClosingQuote(c, i);
        return;
      case State.AfterQuote:
        this.afterClosingQuote(c, i);
        return;
    }
  }

  private afterClosingQuote(c: number, i: number): void {
    if (c === COMMA) this.endField(i);
    else if (c === LF || c === CR) this.endLine(i);
    else if (c === SPACE || c === TAB) this.state = State.AfterQuote;
    else {
      this.fail(`text after a closing quote (field ${this.fields.length + 1}, line ${this.line})`);
      // Read the rest as unquoted text so the record ends at the next line break.
      this.state = State.Unquoted;
      this.segmentStart = i;
    }
  }

  private openRecord(i: number): void {
    this.isRecordOpen = true;
    this.recordLine = this.line;
    this.rawStart = i;
    this.fields = [];
    this.fieldHead = '';
    this.hasQuotedField = false;
    this.problem = undefined;
    this.rawHead = '';
    this.carriedBytes = 0;
    this.isOversized = false;
  }

  private openQuote(i: number): void {
    this.state = State.Quoted;
    this.fieldHead = '';
    this.segmentStart = i + 1;
    this.hasQuotedField = true;
    this.quoteLine = this.line;
  }

  private fail(problem: string): void {
    this.problem ??= problem;
  }

  /** Ends the current field at position i (exclusive). */
  private endField(i: number): void {
    const pending = this.state === State.Unquoted || this.state === State.Quoted ? this.text.slice(this.segmentStart, i) : '';
    if (!this.isOversized) this.fields.push(this.fieldHead + pending);
    this.fieldHead = '';
    this.state = State.FieldStart;
    this.segmentStart = i + 1;
  }

  private endLine(i: number): void {
    this.endField(i);
    this.endRecord(i);
  }

  private endRecord(i: number): void {
    const tail = this.text.slice(this.rawStart, i);
    const raw = this.rawHead.length >= RAW_TEXT_LIMIT ? this.rawHead : (this.rawHead + tail).slice(0, RAW_TEXT_LIMIT);
    if (!this.isOversized && exceedsUtf8Bytes(tail, this.maxRecordBytes - this.carriedBytes)) {
      this.markOversized();
    }
    const fields = this.fields;
    const blank = this.problem === undefined && !this.hasQuotedField && fields.length === 1 && fields[0]!.trim() === '';
    const record: CsvRecord = { line: this.recordLine, fields, raw, blank };
    if (this.problem !== undefined) record.problem = this.problem;
    this.out.push(record);
    this.isRecordOpen = false;
    this.state = State.FieldStart;
    this.fields = [];
    this.fieldHead = '';
    this.rawHead = '';
  }

  /** The chunk ends inside a record: keep what the next chunk needs, within the size limit. */
  private carryOver(n: number): void {
    const tail = this.text.slice(this.rawStart);
    if (this.rawHead.length < RAW_TEXT_LIMIT) this.rawHead = (this.rawHead + tail).slice(0, RAW_TEXT_LIMIT);
    if (!this.isOversized) {
      this.carriedBytes += Buffer.byteLength(tail, 'utf8');
      if (this.carriedBytes > this.maxRecordBytes) this.markOversized();
      else if (this.state === State.Unquoted || this.state === State.Quoted) {
        this.fieldHead += this.text.slice(this.segmentStart, n);
      }
    }
    this.rawStart = 0;
    this.segmentStart = 0;
  }

  /** Stops keeping the record's cells so that one huge record cannot exhaust memory. */
  private markOversized(): void {
    this.isOversized = true;
    this.fields = [];
    this.fieldHead = '';
    this.fail(`record is larger than maxRecordBytes (${this.maxRecordBytes} bytes)`);
  }
}

function isLineBreak(c: number): boolean {
  return c === LF || c === CR;
}

function isSpaceOrTab(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== TAB) return false;
  }
  return true;
}
