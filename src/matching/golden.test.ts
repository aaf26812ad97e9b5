import { describe, expect, it } from 'vitest';
import { input, residentId } from './fixtures.js';
import { buildGoldenRecord, unregisteredEvidence } from './golden.js';

const id = residentId('430104', '19880305', 222); // hukou-region code of the id: 430104 (长沙 岳麓区)

describe('buildGoldenRecord', () => {
  const records = [
    input('1', { source: 'police', name: '刘洋', id, phone: '13800138000', residence: '广东省深圳市南山区科技园路1号', observedAt: '2021-03-01' }),
    input('2', { source: 'health', name: '劉洋', phone: '13900139000', observedAt: '2024-05-01', birth: '1988-03-05' }),
    input('3', { source: 'hrss', name: '刘洋', id: id.slice(0, 16) + (id.charAt(16) === '9' ? '8' : '9') + id.charAt(17), observedAt: '2023-01-01', employer: '深圳市某某科技有限公司' }),
  ];
  const golden = buildGoldenRecord('P9', records, '440300');

  it('chooses each field by a rule and says where it came from', () => {
    expect(golden.idNumber).toEqual({ value: id, provenance: { source: 'police', recordKey: records[0]!.key, observedAt: '2021-03-01', rule: 'valid_id' } });
    expect(golden.birthDate?.value).toBe('1988-03-05');
    expect(golden.birthDate?.provenance.rule).toBe('from_id');
    expect(golden.sex?.value).toBe('F');
    expect(golden.name?.value).toBe('刘洋');
    expect(golden.name?.provenance.rule).toBe('most_common');
    expect(golden.phone).toMatchObject({ value: '13900139000', provenance: { source: 'health', rule: 'most_recent' } });
  });

  it('names the person in hanzi when any record does, however many pinyin rosters spell it', () => {
    const rosters = buildGoldenRecord('P1', [input('1', { name: 'LI XINYU' }), input('2', { name: 'Li Xinyu' }), input('3', { name: 'LI XINYU' }), input('4', { name: '李欣雨' })], '440300');
    expect(rosters.name?.value).toBe('李欣雨');
    expect(buildGoldenRecord('P2', [input('1', { name: 'LI XINYU' })], '440300').name?.value).toBe('LI XINYU');
  });

  it("never takes a number its record contradicts as the person's id (a parent's id in a child's row)", () => {
    const parentId = residentId('445222', '19761012', 14);
    const child = buildGoldenRecord('P3', [input('1', { name: '王睿志', id: parentId, birth: '2009-07-09' }), input('2', { name: '王睿志', birth: '2009-07-09' })], '440300');
    expect(child.idNumber).toBeNull();
    expect(child.birthDate?.value).toBe('2009-07-09');
    const typo = buildGoldenRecord('P4', [input('1', { name: '王睿志', id: `${parentId.slice(0, 17)}${parentId.endsWith('1') ? '2' : '1'}` })], '440300');
    expect(typo.idNumber?.value).toBeDefined();
  });

  it('keeps the history of changing values', () => {
    expect(golden.history.phone.map((h) => [h.value, h.firstSeen, h.sources])).toEqual([
      ['13800138000', '2021-03-01', ['police']],
      ['13900139000', '2024-05-01', ['health']],
    ]);
  });

  it('reports conflicts after normalisation, not formatting differences', () => {
    // 劉洋 is 刘洋 after simplification: no name conflict. The id with a slip is a conflict.
    expect(golden.conflicts.map((c) => c.field)).toEqual(['id_number']);
    expect(golden.conflicts[0]!.values.map((v) => v.sources)).toEqual([['police'], ['hrss']]);
    const roster = buildGoldenRecord('P1', [input('1', { name: 'LIU Yang' }), input('2', { name: '刘洋' })], '440300');
    expect(roster.conflicts).toEqual([]);
    const twoNames = buildGoldenRecord('P1', [input('1', { name: '刘洋', sex: 'M' }), input('2', { name: '刘阳', sex: 'F' })], '440300');
    expect(twoNames.conflicts.map((c) => c.field)).toEqual(['name', 'sex']);
  });

  it('calls a person floating when the hukou lies outside the node, from the id when no hukou address is known', () => {
    expect(golden.floating).toEqual({ status: 'floating', hukouRegion: '430104', basis: 'id_number' });
    const local = buildGoldenRecord('P2', [input('1', { name: '刘洋', id, hukou: '广东省深圳市福田区华强北路100号' })], '440300');
    expect(local.floating).toEqual({ status: 'local', hukouRegion: '440304', basis: 'hukou_address' });
    expect(buildGoldenRecord('P3', [input('1', { name: '刘洋' })], '440300').floating.status).toBe('unknown');
  });
});

describe('unregisteredEvidence', () => {
  it('lists the evidence of floating persons without a residence registration', () => {
    const tenant = [input('1', { name: '刘洋', id, kind: 'housing' }), input('2', { source: 't', name: '刘洋', id, kind: 'labor_contract' })];
    expect(unregisteredEvidence(buildGoldenRecord('P1', tenant, '440300'))).toEqual(['housing', 'labor_contract']);
    const registered = [...tenant, input('3', { source: 'police', name: '刘洋', id, kind: 'residence_registration' })];
    expect(unregisteredEvidence(buildGoldenRecord('P1', registered, '440300'))).toBeNull();
    expect(unregisteredEvidence(buildGoldenRecord('P1', [input('1', { name: '刘洋', id, kind: 'civil_affairs' })], '440300'))).toBeNull();
  });
});
