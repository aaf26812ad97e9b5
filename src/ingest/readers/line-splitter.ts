// Splits decoded text into physical lines ('\r\n', '\n' or '\r'), chunk by chunk, for the jsonl
// reader. A line over the size limit is not kept whole: only its start is kept for the report,
// so one enormous line cannot exhaust memory.

import { exceedsUtf8Bytes } from './row-builders.js';
import { RAW_TEXT_LIMIT } from './types.js';

export interface TextLine {
  /** 1-based line number. */
  line: number;
  /** The line without its break; only the first RAW_TEXT_LIMIT characters when oversized. */
  text: string;
  isOversized: boolean;
}

const LF = 0x0a;
const CR = 0x0d;

export class LineSplitter {
  private line = 1;
  private head = '';
  private headBytes = 0;
  private isOversized = false;
  private previousWasCr = false;

  constructor(private readonly maxLineBytes: number) {}

  push(text: string): TextLine[] {
    const lines: TextLine[] = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== LF && c !== CR) continue;
      if (c === LF && this.previousWasCr && i === start && this.head === '' && !this.isOversized) {
        // The '\n' of a '\r\n' whose '\r' ended the previous line.
        this.previousWasCr = false;
        start = i + 1;
        continue;
      }
      lines.push(this.finish(text.slice(start, i)));
      this.previousWasCr = c === CR;
      start = i + 1;
    }
    if (start < text.length) {
      this.previousWasCr = false;
      this.carry(text.slice(start));
    }
    return lines;
  }

  /** The last line, when the text does not end with a line break. */
  end(): TextLine[] {
    return this.head === '' && !this.isOversized ? [] : [this.finish('')];
  }

  private carry(piece: string): void {
    if (this.isOversized) return;
    this.headBytes += Buffer.byteLength(piece, 'utf8');
    this.head += piece;
    if (this.headBytes > this.maxLineBytes) {
      this.isOversized = true;
      this.head = this.head.slice(0, RAW_TEXT_LIMIT);
    }
  }

  private finish(tail: string): TextLine {
    let result: TextLine;
    if (this.isOversized) {
      result = { line: this.line, text: this.head, isOversized: true };
    } else {
      const text = this.head + tail;
      const isOversized = exceedsUtf8Bytes(tail, this.maxLineBytes - this.headBytes);
      result = { line: this.line, text: isOversized ? text.slice(0, RAW_TEXT_LIMIT) : text, isOversized };
    }
    this.line++;
    this.head = '';
    this.headBytes = 0;
    this.isOversized = false;
    return result;
  }
}
