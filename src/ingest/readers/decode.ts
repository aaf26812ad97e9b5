// Turns a text file into a stream of decoded string chunks, for the csv and jsonl readers.
// The start of the file is checked first so that a wrong encoding fails the whole file before
// anything is ingested; bytes that do not decode later in the file become U+FFFD, which the
// readers turn into bad_encoding rows.

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { asBadFile, badFile } from './file-errors.js';
import type { FileEncoding } from './types.js';

/** How much of the file the encoding check looks at; also the read chunk size. */
export const ENCODING_CHECK_BYTES = 64 * 1024;

/** Non-ASCII characters in valid UTF-8 needed before a "gb18030" file is called UTF-8. */
const UTF8_EVIDENCE_CHARS = 4;

export interface TextChunks {
  chunks: AsyncGenerator<string, void, undefined>;
  close(): Promise<void>;
}

/** Checks the encoding of the file's start (throws AppError bad_file), then streams it decoded. */
export async function openText(path: string, encoding: FileEncoding): Promise<TextChunks> {
  const head = await readHead(path);
  checkHead(path, head, encoding);
  const stream = createReadStream(path, { highWaterMark: ENCODING_CHECK_BYTES });
  const chunks = decodeChunks(path, stream, encoding);
  return {
    chunks,
    async close() {
      await chunks.return(undefined);
      stream.destroy();
    },
  };
}

async function readHead(path: string): Promise<{ bytes: Buffer; isWholeFile: boolean }> {
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(ENCODING_CHECK_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, ENCODING_CHECK_BYTES, 0);
      return { bytes: buffer.subarray(0, bytesRead), isWholeFile: bytesRead < ENCODING_CHECK_BYTES };
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw asBadFile(path, error);
  }
}

function checkHead(path: string, head: { bytes: Buffer; isWholeFile: boolean }, encoding: FileEncoding): void {
  const { bytes } = head;
  if (bytes.length === 0) throw badFile(path, '文件是空的', 'the file is empty');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw badFile(path, '文件是 UTF-16 编码，请另存为 UTF-8 或 GB18030', 'the file is UTF-16; save it as UTF-8 or GB18030');
  }
  const utf8Text = decodeUtf8Strict(bytes, !head.isWholeFile);
  if (encoding === 'utf-8' && utf8Text === undefined) {
    throw badFile(
      path,
      '文件不是 UTF-8 编码；如果是 GBK/GB18030 文件，请在映射中设置 "encoding": "gb18030"',
      'the file is not UTF-8; if it is GBK/GB18030, set "encoding": "gb18030" in the mapping',
    );
  }
  // GB18030 bytes of Chinese text are almost never valid UTF-8, so valid UTF-8 with real
  // non-ASCII text means the mapping names the wrong encoding and would ingest garbled names.
  const looksUtf8 =
    utf8Text !== undefined && (hasUtf8Bom(bytes) || countNonAscii(utf8Text, UTF8_EVIDENCE_CHARS) >= UTF8_EVIDENCE_CHARS);
  if (encoding === 'gb18030' && looksUtf8) {
    throw badFile(
      path,
      '映射设置了 "encoding": "gb18030"，但文件是 UTF-8 编码；请改为 "utf-8"',
      'the mapping says "encoding": "gb18030" but the file is UTF-8; set "utf-8" instead',
    );
  }
}

/** The decoded text, or undefined when the bytes are not valid UTF-8. A cut-off last character is
 *  allowed when the bytes are only the start of the file. */
function decodeUtf8Strict(bytes: Buffer, isPrefix: boolean): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: isPrefix });
  } catch {
    return undefined;
  }
}

function hasUtf8Bom(bytes: Buffer): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

function countNonAscii(text: string, enough: number): number {
  let count = 0;
  for (let i = 0; i < text.length && count < enough; i++) {
    if (text.charCodeAt(i) > 0x7f) count++;
  }
  return count;
}

interface ChunkDecoder {
  write(bytes: Buffer): string;
  end(): string;
}

function makeDecoder(encoding: FileEncoding): ChunkDecoder {
  if (encoding === 'gb18030') {
    const decoder = iconv.getDecoder('gb18030');
    return { write: (bytes) => decoder.write(bytes), end: () => decoder.end() ?? '' };
  }
  // Not fatal: past the checked start, a bad byte spoils only its own row (U+FFFD), not the file.
  const decoder = new TextDecoder('utf-8');
  return { write: (bytes) => decoder.decode(bytes, { stream: true }), end: () => decoder.decode() };
}

async function* decodeChunks(
  path: string,
  stream: AsyncIterable<Buffer | string>,
  encoding: FileEncoding,
): AsyncGenerator<string, void, undefined> {
  const decoder = makeDecoder(encoding);
  try {
    for await (const bytes of stream) {
      const text = decoder.write(typeof bytes === 'string' ? Buffer.from(bytes) : bytes);
      if (text !== '') yield text;
    }
  } catch (error) {
    throw asBadFile(path, error);
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
}
