// Reads a city's own indicator definitions from a file: `--definitions PATH`, or else
// `<dataDir>/indicators.json` when it exists. No file: the city adds nothing.

import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError } from '../errors.js';
import type { IndicatorDefinition } from './definition.js';
import { parseDefinitionsText } from './parse-definitions.js';

export const definitionsFileName = 'indicators.json';

export function loadCityDefinitions(dataDir: string, path?: string): IndicatorDefinition[] {
  const file = path ?? join(dataDir, definitionsFileName);
  if (path === undefined && !existsSync(file)) return [];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // The name only: a full path would tell the reader of a log about the machine.
    throw new AppError('bad_file', `无法读取指标定义文件 ${basename(file)}`, `cannot read the indicator definitions file ${basename(file)}`);
  }
  return parseDefinitionsText(text, basename(file));
}
