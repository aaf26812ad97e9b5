import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maskBirthDate, maskDetail, maskIdNumber, maskName, maskPhone } from './mask.js';
import { planSearch } from '../api/person-search.js';

describe('masking rules of spec/api.md', () => {
  it('id number: first 6 and last 4', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('110105491231002')).toBe('110105*****1002');
    expect(maskIdNumber('E12345678')).toBe('*******78');
  });
  it('phone: 138****1234; landlines keep area code and last four', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('0755-88886666')).toBe('075******6666');
    expect(maskPhone('12345')).toBe('*****');
  });
  it('name: surname kept, compound surnames whole, latin by initials', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳修远')).toBe('欧阳**');
    expect(maskName('买买提·艾力')).toBe('买*****');
    expect(maskName('王')).toBe('*');
    expect(maskName('ZHANG Wei')).toBe('Z**** W**');
  });
  it('birth date keeps its year only; a value not led by its year keeps no digit', () => {
    expect(maskBirthDate('1990-05-24')).toBe('1990-**-**');
    expect(maskBirthDate('1990年5月3日')).toBe('1990年*月*日');
    expect(maskBirthDate('19900524')).toBe('1990****');
    expect(maskBirthDate('5/3/1990')).toBe('*/*/****');
    expect(maskBirthDate('')).toBe('');
  });
  it('address detail keeps four characters', () => {
    expect(maskDetail('粤海街道科技园路12号')).toBe('粤海街道****');
  });
  it('never shows more than the rule keeps (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 30 }), (s) => {
        const id = maskIdNumber(s);
        expect([...id].length).toBe([...s].length);
        const visible = [...id].filter((c) => c !== '*').length;
        expect(visible).toBeLessThanOrEqual(10);
        expect([...maskPhone(s)].filter((c) => c !== '*').length).toBeLessThanOrEqual(7);
      }),
    );
  });
});

describe('search plans', () => {
  it('tells id numbers, phones, codes, hanzi and pinyin apart', () => {
    expect(planSearch('11010519491231002x')).toMatchObject({ kind: 'lookups', steps: [{ column: 'id_number', values: ['11010519491231002X'] }] });
    expect(planSearch('+86 138-1234-1234')).toMatchObject({ kind: 'lookups', steps: [{ column: 'phone', values: ['13812341234'] }] });
    expect(planSearch('ymabcdefghjkmnpqrs')).toMatchObject({ kind: 'code_id', codeId: 'YMABCDEFGHJKMNPQRS' });
    const hanzi = planSearch('張偉');
    expect(hanzi).toMatchObject({ kind: 'lookups', steps: [{ column: 'name', values: ['张伟'] }, { column: 'name_key' }, { column: 'name_prefix' }] });
    const pinyin = planSearch('Zhang Wei');
    expect(pinyin.kind === 'lookups' && pinyin.steps.map((s) => s.column)).toEqual(['name_key']);
    expect(planSearch('   ')).toEqual({ kind: 'nothing' });
    expect(planSearch("'; DROP TABLE persons; --").kind).not.toBe('code_token');
  });
  it('finds passports and permits by their number, cleaned and upper-cased', () => {
    expect(planSearch('s39283391')).toEqual({ kind: 'lookups', steps: [{ column: 'id_number', values: ['S39283391'], rank: 0 }] });
    expect(planSearch('H 1234-5678-01')).toEqual({ kind: 'lookups', steps: [{ column: 'id_number', values: ['H1234567801'], rank: 0 }] });
    // P12345678 has a person id's shape: both are tried.
    expect(planSearch('P12345678')).toEqual({ kind: 'lookups', steps: [{ column: 'person_id', values: ['P12345678'], rank: 0 }, { column: 'id_number', values: ['P12345678'], rank: 0 }] });
    const name = planSearch('Zhang Wei');
    expect(name.kind === 'lookups' && name.steps.map((s) => s.column)).toEqual(['name_key']);
  });
});
