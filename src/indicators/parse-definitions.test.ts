// A city's own definitions: the built-ins themselves pass the validator (under other ids), and
// each kind of mistake is refused with a message that names the place and says what is wrong.

import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { builtinDefinitions } from './builtin.js';
import { parseDefinitions, parseDefinitionsText } from './parse-definitions.js';

function caught(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

const good = {
  id: 'grid_worker_coverage',
  name_zh: '网格采集覆盖率',
  name_en: 'Grid collection coverage',
  unit: 'rate',
  target: { op: '>=', value: 0.9 },
  direction: 'up',
  formula: {
    type: 'ratio',
    numerator: { population: 'floating', where: [{ has_kind: 'grid_collection' }] },
    denominator: { population: 'floating' },
  },
};

describe('parseDefinitions', () => {
  it('accepts every built-in definition as data, once renamed', () => {
    const renamed = builtinDefinitions.map((d) => ({ ...d, id: `city_${d.id}` }));
    expect(parseDefinitions(JSON.parse(JSON.stringify(renamed)), 'indicators.json')).toEqual(renamed);
  });

  it('accepts an array or {indicators: [...]}, and fills an absent where', () => {
    const parsed = parseDefinitions({ indicators: [good] }, 'indicators.json');
    expect(parsed[0]?.formula).toEqual({ ...good.formula, denominator: { population: 'floating', where: [] } });
    expect(parseDefinitions([good], 'x.json')).toEqual(parsed);
  });

  it.each([
    ['not JSON at all', '{"id": ', /indicators\.json：不是有效的 JSON/, /is not valid JSON/],
    ['not an array', '{"id": "x"}', /应为定义数组/, /must be an array of definitions/],
  ])('refuses a file that is %s', (_what, text, zh, en) => {
    const error = caught(() => parseDefinitionsText(text, 'indicators.json'));
    expect(error.code).toBe('bad_file');
    expect(error.messageZh).toMatch(zh);
    expect(error.message).toMatch(en);
  });

  const cases: [string, (d: Record<string, unknown>) => unknown, string, string][] = [
    ['a built-in id', (d) => ({ ...d, id: 'missed_registration_rate' }), '[0].id', 'is a built-in indicator of kpis.md'],
    ['a bad id', (d) => ({ ...d, id: 'Grid Coverage' }), '[0].id', 'must be snake_case'],
    ['an unknown key', (d) => ({ ...d, colour: 'red' }), '[0].colour', 'unknown key'],
    ['a missing name', (d) => ({ ...d, name_zh: '' }), '.name_zh', 'must be a non-empty string'],
    ['a rate target as a percentage', (d) => ({ ...d, target: { op: '>=', value: 90 } }), '.target.value', 'a rate target is a fraction'],
    ['a bad target op', (d) => ({ ...d, target: { op: '>', value: 0.9 } }), '.target.op', 'must be >=, <= or none'],
    ['a bad direction', (d) => ({ ...d, direction: 'sideways' }), '.direction', 'must be up'],
    ['an unknown formula', (d) => ({ ...d, formula: { type: 'average' } }), '.formula.type', 'must be ratio, sum_ratio'],
    ['a ratio in days', (d) => ({ ...d, unit: 'days', target: { op: '<=', value: 7 } }), '.formula.type', 'ratio needs unit rate'],
    ['an unknown population', (d) => ({ ...d, formula: { ...good.formula, denominator: { population: 'migrants' } } }), '.formula.denominator.population', 'must be all or floating'],
    ['an unknown condition', (d) => ({ ...d, formula: { ...good.formula, numerator: { population: 'floating', where: [{ has_knd: 'x' }] } } }), '.formula.numerator.where[0]', 'unknown condition ["has_knd"]'],
    ['a fact without a value', (d) => ({ ...d, formula: { ...good.formula, numerator: { population: 'all', where: [{ fact: 'school_type' }] } } }), '.where[0].equals', 'must be a non-empty string'],
    ['an unknown flag', (d) => ({ ...d, formula: { ...good.formula, numerator: { population: 'all', where: [{ not: { flag: 'is_happy' } }] } } }), '.where[0].not.flag', 'must be one of has_golden'],
    ['an empty any', (d) => ({ ...d, formula: { ...good.formula, numerator: { population: 'all', where: [{ any: [] }] } } }), '.where[0].any', 'non-empty array'],
    ['a bad age', (d) => ({ ...d, formula: { ...good.formula, numerator: { population: 'all', where: [{ age: 'teen' }] } } }), '.where[0].age', 'must be child'],
    ['a bad measure', (d) => ({ ...d, formula: { type: 'sum_ratio', population: { population: 'all' }, numerator: 'rows', denominator: 'records' } }), '.formula.numerator', 'must be one of values_standard'],
  ];

  it.each(cases)('refuses %s, naming where and what, in both languages', (_what, change, where, en) => {
    const error = caught(() => parseDefinitions([change(good)], 'indicators.json'));
    expect(error.code).toBe('bad_file');
    expect(error.message).toContain('indicators.json: [0]');
    expect(error.message).toContain(where);
    expect(error.message).toContain(en);
    expect(error.messageZh).toMatch(/^指标定义 indicators\.json: \[0\]/);
    expect(error.messageZh).toContain(where);
  });

  it('refuses the same id twice', () => {
    expect(caught(() => parseDefinitions([good, good], 'indicators.json')).message).toContain('[1].id: duplicate id grid_worker_coverage');
  });

  it('refuses conditions nested without end', () => {
    let condition: unknown = { has_kind: 'health' };
    for (let i = 0; i < 12; i++) condition = { not: condition };
    const deep = { ...good, formula: { ...good.formula, numerator: { population: 'all', where: [condition] } } };
    expect(caught(() => parseDefinitions([deep], 'indicators.json')).message).toContain('nested deeper than 8');
  });
});
