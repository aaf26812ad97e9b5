// Traditional to simplified Chinese with opencc-js (Hong Kong, Taiwan and OpenCC-standard
// traditional forms all to mainland simplified). Conversion is costly and most text is already
// simplified, so a precomputed set of the characters that a conversion can change gates it: text
// without any of them is returned untouched, which is exactly what the converter would return.

import { ConverterBuilder, type ConverterFunction, type DictLike } from 'opencc-js/core';
import * as t2cn from 'opencc-js/preset/t2cn';

interface Converters {
  /** Bit per BMP code unit: 1 when the character can be changed by a conversion. */
  readonly changeableBmp: Uint8Array;
  readonly changeableAstral: ReadonlySet<number>;
  readonly steps: readonly ConverterFunction[];
}

let converters: Converters | null = null;

const CONFIGS = ['hk2s', 'tw2s'] as const;

function dictPairs(dict: DictLike): Array<readonly [string, string]> {
  if (typeof dict !== 'string') return dict.map(([from, to]) => [from, to] as const);
  const pairs: Array<readonly [string, string]> = [];
  for (const item of dict.split('|')) {
    const parts = item.split(' ');
    if (parts.length >= 2) pairs.push([parts[0] ?? '', parts[1] ?? '']);
  }
  return pairs;
}

function isDictLike(dict: unknown): dict is DictLike {
  return typeof dict === 'string' || Array.isArray(dict);
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

/**
 * Every dictionary a config reads, including the normalisation chain. The preset's declared types
 * do not resolve under NodeNext (extensionless relative imports), so the data is checked here.
 */
function configDicts(name: string): DictLike[] {
  const configs: unknown = t2cn.configs;
  if (typeof configs !== 'object' || configs === null) return [];
  const config: unknown = (configs as Record<string, unknown>)[name];
  if (typeof config !== 'object' || config === null) return [];
  const { conversionChain, normalizationChain } = config as { conversionChain?: unknown; normalizationChain?: unknown };
  return [...asList(conversionChain), ...asList(normalizationChain)].flatMap((group) => asList(group).filter(isDictLike));
}

function buildConverters(): Converters {
  const changeableBmp = new Uint8Array(0x10000);
  const changeableAstral = new Set<number>();
  const mark = (ch: string): void => {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp > 0xffff) changeableAstral.add(cp);
    else changeableBmp[cp] = 1;
  };
  for (const name of CONFIGS) {
    for (const dict of configDicts(name)) {
      for (const [from, to] of dictPairs(dict)) {
        const a = [...from];
        const b = [...to];
        // A character the entry maps to itself cannot start a change; only differing ones can.
        if (a.length !== b.length) a.forEach(mark);
        else a.forEach((ch, i) => ch !== b[i] && mark(ch));
      }
    }
  }
  const build = ConverterBuilder({ from: t2cn.from, to: t2cn.to, configs: t2cn.configs });
  return {
    changeableBmp,
    changeableAstral,
    steps: [build({ from: 'hk', to: 'cn' }), build({ from: 'tw', to: 'cn' })],
  };
}

function getConverters(): Converters {
  converters ??= buildConverters();
  return converters;
}

/** True when the text holds a character that traditional-to-simplified conversion may change. */
export function hasConvertibleChar(text: string): boolean {
  const { changeableBmp, changeableAstral } = getConverters();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const cp = text.codePointAt(i) ?? c;
      if (changeableAstral.has(cp)) return true;
      i++;
    } else if (changeableBmp[c] === 1) {
      return true;
    }
  }
  return false;
}

const SHORT_TEXT = 16;
const MEMO_LIMIT = 20_000;
const shortMemo = new Map<string, string>();

function convert(text: string): string {
  const { steps } = getConverters();
  let current = text;
  // Converting again must change nothing. One pass is enough unless the result still holds a
  // character the dictionaries touch (a variant that converts back and forth, 台 → 臺 → 台).
  for (let pass = 0; pass < 3; pass++) {
    let next = current;
    for (const step of steps) next = step(next);
    if (next === current) break;
    current = next;
    if (!hasConvertibleChar(current)) break;
  }
  return current;
}

/** Traditional (HK, TW or OpenCC standard) characters and phrases to mainland simplified. */
export function toSimplified(text: string): string {
  if (!hasConvertibleChar(text)) return text;
  if (text.length > SHORT_TEXT) return convert(text);
  // Short texts (names, ethnic groups, division names) repeat: remember them.
  let converted = shortMemo.get(text);
  if (converted === undefined) {
    converted = convert(text);
    if (shortMemo.size >= MEMO_LIMIT) shortMemo.clear();
    shortMemo.set(text, converted);
  }
  return converted;
}
