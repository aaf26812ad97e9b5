// Validates a city's own indicator definitions (<dataDir>/indicators.json or --definitions): every
// error names the file, the place in it and the problem, in Chinese and English, so the officer
// who wrote the file can fix it without reading code.

import { AppError } from '../errors.js';
import { builtinDefinitions } from './builtin.js';
import {
  measures,
  personFlags,
  type Condition,
  type Formula,
  type IndicatorDefinition,
  type Measure,
  type PersonFlag,
  type Population,
  type StartRef,
  type Target,
  type Unit,
} from './definition.js';

const idPattern = /^[a-z][a-z0-9_]{0,63}$/;
const namePattern = /^[A-Za-z0-9_]{1,64}$/;
const definitionKeys = new Set(['id', 'name_zh', 'name_en', 'unit', 'target', 'direction', 'baseline', 'formula']);
/** Nesting of all/any/not beyond this is a mistake, not a need, and would make evaluation deep. */
const maxDepth = 8;

function fail(where: string, zh: string, en: string): never {
  throw new AppError('bad_file', `指标定义 ${where}：${zh}`, `indicator definitions ${where}: ${en}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyKeys(obj: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(obj)) if (!allowed.includes(key)) fail(`${where}.${key}`, '未知的键', 'unknown key');
}

function text(obj: Record<string, unknown>, key: string, where: string): string {
  const value = obj[key];
  if (typeof value !== 'string' || value.trim() === '') fail(`${where}.${key}`, '应为非空字符串', 'must be a non-empty string');
  return value.trim();
}

function name(obj: Record<string, unknown>, key: string, where: string, what: [string, string]): string {
  const value = text(obj, key, where);
  if (!namePattern.test(value)) fail(`${where}.${key}`, `${what[0]}只能含字母、数字、下划线`, `${what[1]} may hold letters, digits and underscores only`);
  return value;
}

function parseCondition(value: unknown, where: string, depth: number): Condition {
  if (depth > maxDepth) fail(where, `嵌套超过 ${maxDepth} 层`, `nested deeper than ${maxDepth}`);
  if (!isRecord(value)) fail(where, '条件应为对象', 'a condition must be an object');
  const keys = Object.keys(value);
  const list = (key: 'all' | 'any'): Condition[] => {
    const items = value[key];
    if (!Array.isArray(items) || items.length === 0) fail(`${where}.${key}`, '应为非空条件数组', 'must be a non-empty array of conditions');
    return items.map((c: unknown, i) => parseCondition(c, `${where}.${key}[${i}]`, depth + 1));
  };
  if ('has_kind' in value) {
    onlyKeys(value, ['has_kind'], where);
    return { has_kind: name(value, 'has_kind', where, ['数据源类型', 'a kind']) };
  }
  if ('fact' in value) {
    onlyKeys(value, ['fact', 'equals'], where);
    return { fact: name(value, 'fact', where, ['事实名', 'a fact name']), equals: text(value, 'equals', where) };
  }
  if ('flag' in value) {
    onlyKeys(value, ['flag'], where);
    const flag = value.flag;
    if (typeof flag !== 'string' || !(personFlags as readonly string[]).includes(flag)) {
      fail(`${where}.flag`, `应为 ${personFlags.join('、')} 之一`, `must be one of ${personFlags.join(', ')}`);
    }
    return { flag: flag as PersonFlag };
  }
  if ('age' in value) {
    onlyKeys(value, ['age'], where);
    if (value.age !== 'child' && value.age !== 'adult') fail(`${where}.age`, '应为 child（未满18岁）或 adult', 'must be child (under 18) or adult');
    return { age: value.age };
  }
  if ('min_sources' in value) {
    onlyKeys(value, ['min_sources'], where);
    const n = value.min_sources;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) fail(`${where}.min_sources`, '应为正整数', 'must be a positive integer');
    return { min_sources: n };
  }
  if ('all' in value) {
    onlyKeys(value, ['all'], where);
    return { all: list('all') };
  }
  if ('any' in value) {
    onlyKeys(value, ['any'], where);
    return { any: list('any') };
  }
  if ('not' in value) {
    onlyKeys(value, ['not'], where);
    return { not: parseCondition(value.not, `${where}.not`, depth + 1) };
  }
  return fail(where, `未知的条件 ${JSON.stringify(keys)}（可用 has_kind、fact+equals、flag、age、min_sources、all、any、not）`,
    `unknown condition ${JSON.stringify(keys)} (use has_kind, fact+equals, flag, age, min_sources, all, any, not)`);
}

function parsePopulation(value: unknown, where: string): Population {
  if (!isRecord(value)) fail(where, '应为 {population, where} 对象', 'must be an object {population, where}');
  onlyKeys(value, ['population', 'where'], where);
  const population = value.population;
  if (population !== 'all' && population !== 'floating') fail(`${where}.population`, '应为 all 或 floating', 'must be all or floating');
  const conditions = value.where ?? [];
  if (!Array.isArray(conditions)) fail(`${where}.where`, '应为条件数组', 'must be an array of conditions');
  return { population, where: conditions.map((c: unknown, i) => parseCondition(c, `${where}.where[${i}]`, 1)) };
}

function parseMeasure(value: unknown, where: string): Measure {
  if (typeof value !== 'string' || !(measures as readonly string[]).includes(value)) {
    fail(where, `应为 ${measures.join('、')} 之一`, `must be one of ${measures.join(', ')}`);
  }
  return value as Measure;
}

function parseStart(value: unknown, where: string): StartRef {
  if (isRecord(value) && 'fact' in value) {
    onlyKeys(value, ['fact'], where);
    return { fact: name(value, 'fact', where, ['事实名', 'a fact name']) };
  }
  if (isRecord(value) && value.first_evidence === true) {
    onlyKeys(value, ['first_evidence'], where);
    return { first_evidence: true };
  }
  return fail(where, '应为 {fact} 或 {first_evidence: true}', 'must be {fact} or {first_evidence: true}');
}

function parseFormula(value: unknown, where: string, unit: Unit): Formula {
  if (!isRecord(value)) fail(where, '应为对象', 'must be an object');
  const type = value.type;
  const needUnit = (wanted: Unit): void => {
    if (unit !== wanted) fail(`${where}.type`, `${String(type)} 的 unit 应为 ${wanted}`, `${String(type)} needs unit ${wanted}`);
  };
  switch (type) {
    case 'ratio':
      onlyKeys(value, ['type', 'numerator', 'denominator'], where);
      needUnit('rate');
      return { type, numerator: parsePopulation(value.numerator, `${where}.numerator`), denominator: parsePopulation(value.denominator, `${where}.denominator`) };
    case 'sum_ratio':
      onlyKeys(value, ['type', 'population', 'numerator', 'denominator'], where);
      needUnit('rate');
      return {
        type,
        population: parsePopulation(value.population, `${where}.population`),
        numerator: parseMeasure(value.numerator, `${where}.numerator`),
        denominator: parseMeasure(value.denominator, `${where}.denominator`),
      };
    case 'median_working_days': {
      onlyKeys(value, ['type', 'population', 'end', 'start'], where);
      needUnit('days');
      const end = value.end;
      if (!isRecord(end)) fail(`${where}.end`, '应为 {kind, fact} 对象', 'must be an object {kind, fact}');
      onlyKeys(end, ['kind', 'fact'], `${where}.end`);
      const start = value.start;
      if (!Array.isArray(start) || start.length === 0) fail(`${where}.start`, '应为非空数组', 'must be a non-empty array');
      return {
        type,
        population: parsePopulation(value.population, `${where}.population`),
        end: { kind: name(end, 'kind', `${where}.end`, ['数据源类型', 'a kind']), fact: name(end, 'fact', `${where}.end`, ['事实名', 'a fact name']) },
        start: start.map((s: unknown, i) => parseStart(s, `${where}.start[${i}]`)),
      };
    }
    case 'max_source_age_days':
      onlyKeys(value, ['type'], where);
      needUnit('days');
      return { type };
    default:
      return fail(`${where}.type`, '应为 ratio、sum_ratio、median_working_days 或 max_source_age_days', 'must be ratio, sum_ratio, median_working_days or max_source_age_days');
  }
}

function parseTarget(value: unknown, where: string, unit: Unit): Target {
  if (!isRecord(value)) fail(where, '应为 {op, value} 对象', 'must be an object {op, value}');
  onlyKeys(value, ['op', 'value'], where);
  const { op } = value;
  if (op === 'none') {
    if (value.value !== undefined && value.value !== null) fail(`${where}.value`, 'op 为 none 时不应有目标值', 'must be absent when op is none');
    return { op, value: null };
  }
  if (op !== '>=' && op !== '<=') fail(`${where}.op`, '应为 >=、<= 或 none', 'must be >=, <= or none');
  const target = value.value;
  if (typeof target !== 'number' || !Number.isFinite(target) || target < 0) fail(`${where}.value`, '应为非负数', 'must be a non-negative number');
  if (unit === 'rate' && target > 1) fail(`${where}.value`, '比率目标应写成小数（如 0.98，而不是 98）', 'a rate target is a fraction (0.98, not 98)');
  return { op, value: target };
}

function parseDefinition(value: unknown, where: string): IndicatorDefinition {
  if (!isRecord(value)) fail(where, '应为 JSON 对象', 'must be a JSON object');
  for (const key of Object.keys(value)) if (!definitionKeys.has(key)) fail(`${where}.${key}`, '未知的键', 'unknown key');
  const id = text(value, 'id', where);
  if (!idPattern.test(id)) fail(`${where}.id`, '应为小写字母开头的 snake_case（≤64）', 'must be snake_case starting with a letter (at most 64)');
  const at = `${where} (${id})`;
  const unit = value.unit;
  if (unit !== 'rate' && unit !== 'days') fail(`${at}.unit`, '应为 rate 或 days', 'must be rate or days');
  const direction = value.direction;
  if (direction !== 'up' && direction !== 'down') fail(`${at}.direction`, '应为 up（越高越好）或 down', 'must be up (higher is better) or down');
  const baseline = value.baseline;
  if (baseline !== undefined && (typeof baseline !== 'number' || !Number.isFinite(baseline) || baseline < 0)) fail(`${at}.baseline`, '应为非负数', 'must be a non-negative number');
  const definition: IndicatorDefinition = {
    id,
    name_zh: text(value, 'name_zh', at),
    name_en: text(value, 'name_en', at),
    unit,
    target: parseTarget(value.target, `${at}.target`, unit),
    direction,
    formula: parseFormula(value.formula, `${at}.formula`, unit),
  };
  if (baseline !== undefined) definition.baseline = baseline;
  return definition;
}

/**
 * Parses a definitions document: an array of definitions, or `{ "indicators": [...] }`. `name`
 * (the file) is used in messages. The ids of kpis.md are the contract's and cannot be redefined.
 */
export function parseDefinitions(document: unknown, name: string): IndicatorDefinition[] {
  const list = isRecord(document) && Object.keys(document).length === 1 && Array.isArray(document.indicators) ? document.indicators : document;
  if (!Array.isArray(list)) fail(name, '应为定义数组，或 {"indicators": [...]}', 'must be an array of definitions, or {"indicators": [...]}');
  const reserved = new Set(builtinDefinitions.map((d) => d.id));
  const seen = new Set<string>();
  return list.map((item: unknown, i) => {
    const definition = parseDefinition(item, `${name}: [${i}]`);
    if (reserved.has(definition.id)) fail(`${name}: [${i}].id`, `${definition.id} 是 kpis.md 的内置指标，请换一个 id`, `${definition.id} is a built-in indicator of kpis.md: choose another id`);
    if (seen.has(definition.id)) fail(`${name}: [${i}].id`, `重复的 id ${definition.id}`, `duplicate id ${definition.id}`);
    seen.add(definition.id);
    return definition;
  });
}

/** Parses JSON text first, so a syntax error is reported like any other problem of the file. */
export function parseDefinitionsText(textContent: string, name: string): IndicatorDefinition[] {
  let document: unknown;
  try {
    document = JSON.parse(textContent);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(name, `不是有效的 JSON（${reason}）`, `is not valid JSON (${reason})`);
  }
  return parseDefinitions(document, name);
}
