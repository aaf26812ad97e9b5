// Reads a mapping file from disk into a validated Mapping, with errors that name the file.

import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../errors.js';
import { parseMapping, type Mapping } from '../standard/mapping.js';

export interface LoadedMapping {
  mapping: Mapping;
  /** The mapping's canonical JSON, stored with the source. */
  text: string;
}

export async function loadMapping(path: string): Promise<LoadedMapping> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new AppError('bad_mapping', `无法读取映射文件 ${basename(path)}`, `cannot read mapping file ${basename(path)}`, String(error));
  }
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new AppError('bad_mapping', `映射文件 ${basename(path)} 不是有效的 JSON：${why}`, `mapping file ${basename(path)} is not valid JSON: ${why}`);
  }
  const mapping = parseMapping(document, basename(path));
  return { mapping, text: JSON.stringify(document) };
}
