// Streaming XML for the parts of an .xlsx package: one part (a zip entry) fed through saxes in
// chunks, UTF-8 decoded across chunk boundaries, with elements and attributes by their local name
// (producers differ in the prefixes they write: <x:row> is <row>).

import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { Readable } from 'node:stream';

export interface XmlHandlers {
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** An attribute by its local name, whatever prefix the producer gave it (r:id, ns1:id). */
export function attribute(attributes: Record<string, string>, name: string): string | undefined {
  const plain = attributes[name];
  if (plain !== undefined) return plain;
  for (const key in attributes) if (localName(key) === name) return attributes[key];
  return undefined;
}

/** Parses one part, calling the handlers as elements open and close. Yields between chunks. */
export async function* streamXml(input: Readable, handlers: XmlHandlers): AsyncGenerator<void> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    // Attributes keep their names: SpreadsheetML's own are unqualified (r, s, t); the one
    // qualified attribute read here (r:id) is found by attribute().
    handlers.open(localName(tag.name), tag.attributes);
    if (tag.isSelfClosing) handlers.close(localName(tag.name));
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    if (!tag.isSelfClosing) handlers.close(localName(tag.name));
  });
  parser.on('text', (text) => handlers.text(text));
  parser.on('cdata', (text) => handlers.text(text));
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of input as AsyncIterable<Buffer>) {
    parser.write(decoder.decode(chunk, { stream: true }));
    yield;
  }
  parser.write(decoder.decode());
  parser.close();
}

/** Parses a whole (small) part. */
export async function parseXml(input: Readable, handlers: XmlHandlers): Promise<void> {
  for await (const _ of streamXml(input, handlers)) {
    // each chunk is handled by the callbacks
  }
}
