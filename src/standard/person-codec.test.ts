import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMapping } from './mapping.js';
import { normalizeRow } from './normalize-row.js';
import { decodeFacts, decodePerson, encodeFacts, encodePerson, factTexts } from './person-codec.js';

const mapping = parseMapping(
  {
    source: 's',
    kind: 'grid_collection',
    roles: {
      subject: { name: 'n', id_number: 'i', id_type: 't', sex: 'x', birth_date: 'b', phone: 'p', hukou_address: 'h', residence_address: 'r', employer_name: 'e', employer_credit_code: 'c', ethnicity: 'eth' },
    },
  },
  'm.json',
);

describe('person codec', () => {
  it('round-trips every normalised person exactly, whatever the cells hold', () => {
    const cell = fc.oneof(fc.constantFrom('', '张三', '張偉', 'ZHANG Wei', '11010519491231002X', '440524188001010014', '11010519491231002x', '护照', '男', '2', '1990/1/2', '2023-02-30', '+86 138 0013 8000', '0755-88886666', '广东省深圳市南山区科技园', '杭州西湖区', '91440300MA5D000015', '汉'), fc.string());
    fc.assert(
      fc.property(fc.record({ n: cell, i: cell, t: cell, x: cell, b: cell, p: cell, h: cell, r: cell, e: cell, c: cell, eth: cell }), (cells) => {
        const row = normalizeRow(mapping, { line: 1, cells }, { fallbackRecordId: 'x', jurisdiction: '440300' });
        if (row.outcome !== 'accepted') return;
        for (const person of row.persons) expect(decodePerson(encodePerson(person))).toEqual(person);
      }),
      { numRuns: 400 },
    );
  });

  it('is shorter than plain JSON', () => {
    const row = normalizeRow(mapping, { line: 1, cells: { n: '张三', i: '11010519491231002X', t: '', x: '男', b: '1949-12-31', p: '13800138000', h: '北京市朝阳区', r: '广东省深圳市南山区科技园', e: '深圳某某科技有限公司', c: '', eth: '汉族' } }, { fallbackRecordId: 'x' });
    if (row.outcome !== 'accepted') throw new Error('expected accepted');
    const person = row.persons[0]!;
    expect(encodePerson(person).length).toBeLessThan(JSON.stringify(person).length * 0.7);
  });
});

describe('fact codec', () => {
  const withFacts = parseMapping({ source: 's', kind: 'labor_contract', roles: { subject: { name: 'n' } }, facts: { contract_start: 'a', industry: 'b', monthly_wage: 'c' } }, 'm.json');

  it('round-trips every row\'s facts exactly, whatever the cells hold', () => {
    const cell = fc.oneof(fc.constantFrom('', '20250405', '2025-02-30', '制造业', '4500', '=1+1', '{"raw":1}', '[0,null,1]'), fc.string());
    fc.assert(
      fc.property(fc.record({ a: cell, b: cell, c: cell }), (cells) => {
        const row = normalizeRow(withFacts, { line: 1, cells: { n: '张三', ...cells } }, { fallbackRecordId: 'x' });
        if (row.outcome !== 'accepted') return;
        expect(decodeFacts(encodeFacts(row.facts))).toEqual(row.facts);
      }),
      { numRuns: 300 },
    );
  });

  it('writes a raw value only where it differs from the standard one', () => {
    const text = encodeFacts({ contract_start: { raw: '20250405', value: '2025-04-05', ok: true }, industry: { raw: '制造业', value: '制造业', ok: true } });
    expect(text).toBe('{"contract_start":["20250405","2025-04-05",1],"industry":[0,"制造业",1]}');
  });

  it('reads facts stored by earlier versions as plain objects', () => {
    const old = '{"registered_at":{"raw":"2017/6/7","value":"2017-06-07","ok":true},"reason":{"raw":"x","value":null,"ok":false,"issue":"bad"}}';
    expect(decodeFacts(old)).toEqual({ registered_at: { raw: '2017/6/7', value: '2017-06-07', ok: true }, reason: { raw: 'x', value: null, ok: false, issue: 'bad' } });
  });

  it('gives nothing for text that is not facts, and never throws', () => {
    for (const text of ['', 'null', '[1,2]', '"x"', '{"a":[1,2,3],"b":null,"c":7}', '{']) expect(decodeFacts(text)).toEqual({});
    expect(decodeFacts('{"grid_id":"G1"}')).toEqual({ grid_id: { raw: 'G1', value: 'G1', ok: true } });
    fc.assert(fc.property(fc.json(), (text) => void decodeFacts(text)));
  });

  it('shows each fact as its standard value, or its raw text where it has none', () => {
    expect(factTexts(encodeFacts({ a: { raw: '20250405', value: '2025-04-05', ok: true }, b: { raw: '2025-02-30', value: null, ok: false } }))).toEqual({ a: '2025-04-05', b: '2025-02-30' });
  });
});
