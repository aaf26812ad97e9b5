// The hard cases of entity resolution, each by name: the engine must get every one right.

import { describe, expect, it } from 'vitest';
import { Resolver } from './cluster.js';
import { idMinter, input, residentId, testModel, type InputSpec } from './fixtures.js';
import type { MatchInput } from './types.js';

function resolve(records: MatchInput[]): (record: MatchInput) => string {
  const r = new Resolver({ model: testModel(), mintPersonId: idMinter() });
  r.addBatch(records);
  return (record) => r.personOf(record.key)!;
}

const home = '广东省深圳市南山区科技园路1号3栋501';

describe('hard cases', () => {
  it('twins stay apart: same birthday, parents, home and surname, different given names and ids', () => {
    const mother = { name: '王芳', id: residentId('440305', '19850101', 222), phone: '13800138000' };
    const guardian = [{ type: 'guardian_of', direction: 'to' as const, other: mother }];
    const twin = (record: string, name: string, sequence: number, source: string): MatchInput =>
      input(record, { source, name, birth: '2016-05-20', sex: 'M', id: residentId('440305', '20160520', sequence), residence: home, related: guardian });
    const a1 = twin('1', '李子轩', 11, 'school');
    const b1 = twin('2', '李子涵', 13, 'school');
    const a2 = twin('3', '李子轩', 11, 'clinic');
    const b2 = twin('4', '李子涵', 13, 'clinic');
    const personOf = resolve([a1, b1, a2, b2]);
    expect(personOf(a1)).toBe(personOf(a2));
    expect(personOf(b1)).toBe(personOf(b2));
    expect(personOf(a1)).not.toBe(personOf(b1));
  });

  it('twins without id numbers stay apart too', () => {
    const guardian = [{ type: 'guardian_of', direction: 'to' as const, other: { name: '王芳', phone: '13800138000' } }];
    const a = input('1', { name: '李子轩', birth: '2016-05-20', residence: home, phone: '13800138000', related: guardian });
    const b = input('2', { name: '李子涵', birth: '2016-05-20', residence: home, phone: '13800138000', related: guardian });
    const personOf = resolve([a, b]);
    expect(personOf(a)).not.toBe(personOf(b));
  });

  it('a dropped character is a slip, not a twin: 钟梅 with her own valid id joins 钟梅涵, whose records include one without an id', () => {
    const id = residentId('360733', '19720918', 664);
    const police = input('1', { source: 'police', name: '钟梅涵', id, birth: '1972-09-18', sex: 'F', phone: '19822338309', residence: home });
    const healthNoId = input('2', { source: 'health', name: '钟梅涵', birth: '1972-09-18', sex: 'F', phone: '19822338309', residence: home });
    const grid = input('3', { source: 'grid', name: '钟梅', id, birth: '1972-09-18', phone: '19822338309', residence: home });
    const personOf = resolve([police, healthNoId, grid]);
    expect(personOf(healthNoId)).toBe(personOf(police));
    expect(personOf(grid)).toBe(personOf(police));
  });

  it("a record sharing a person's valid id is no twin of that person's records without one (谢明新 joins 谢新明 and 谢新铭)", () => {
    const id = residentId('440303', '19891125', 605);
    const insurance = input('1', { source: 'hrss', name: '谢新明', id, birth: '1989-11-25', sex: 'M', phone: '19902509434', residence: home });
    const healthNoId = input('2', { source: 'health', name: '谢新铭', birth: '1989-11-25', sex: 'M', phone: '19902509434', residence: home });
    const grid = input('3', { source: 'grid', name: '谢明新', id, birth: '1989-11-25', phone: '19902509434', residence: home });
    for (const order of [[insurance, healthNoId, grid], [insurance, grid, healthNoId], [grid, healthNoId, insurance]]) {
      const personOf = resolve(order);
      expect(personOf(healthNoId)).toBe(personOf(insurance));
      expect(personOf(grid)).toBe(personOf(insurance));
    }
  });

  it('strangers with the same name and birthday stay apart', () => {
    const a = input('1', { name: '张伟', birth: '1990-01-01', sex: 'M', id: residentId('440305', '19900101', 11), phone: '13800138000', residence: home });
    const b = input('2', { name: '张伟', birth: '1990-01-01', sex: 'M', id: residentId('110101', '19900101', 35), phone: '13900139000', residence: '北京市东城区东直门大街5号' });
    const personOf = resolve([a, b]);
    expect(personOf(a)).not.toBe(personOf(b));
  });

  it("a parent's id in a child's row does not merge the child into the parent", () => {
    const parentId = residentId('440305', '19850612', 101);
    const parent = input('1', { name: '张伟', id: parentId, birth: '1985-06-12', sex: 'M', phone: '13800138000' });
    const childWithParentId = input('2', { source: 'school', name: '张小明', id: parentId, birth: '2014-03-02', sex: 'M', phone: '13800138000' });
    const child = input('3', { source: 'clinic', name: '张小明', birth: '2014-03-02', sex: 'M', residence: home, phone: '13800138000' });
    const personOf = resolve([parent, childWithParentId, child]);
    expect(personOf(childWithParentId)).not.toBe(personOf(parent));
    expect(personOf(childWithParentId)).toBe(personOf(child));
  });

  it('a pinyin roster name (ZHANG Wei) is the same person as 张伟', () => {
    const roster = input('1', { source: 'roster', surname: 'ZHANG', given: 'Wei', name: 'ZHANG Wei', birth: '1990-01-01', phone: '13800138000' });
    const hanzi = input('2', { name: '张伟', birth: '1990-01-01', phone: '13800138000' });
    const personOf = resolve([roster, hanzi]);
    expect(personOf(roster)).toBe(personOf(hanzi));
  });

  it('a 15-digit id and its 18-digit form are one person', () => {
    const id18 = residentId('440301', '19800101', 1);
    const old = input('1', { source: 'archive', name: '陈静', id: id18.slice(0, 6) + id18.slice(8, 17) });
    const current = input('2', { name: '陈静', id: id18, phone: '13800138000' });
    const personOf = resolve([old, current]);
    expect(personOf(old)).toBe(personOf(current));
  });

  it('a traditional-character name (張偉) is the same person as 张伟', () => {
    const spec: InputSpec = { birth: '1990-01-01', phone: '13800138000' };
    const traditional = input('1', { source: 'hk', name: '張偉', ...spec });
    const simplified = input('2', { name: '张伟', ...spec });
    const personOf = resolve([traditional, simplified]);
    expect(personOf(traditional)).toBe(personOf(simplified));
  });

  it('a family sharing one phone and home stays three people', () => {
    const shared = { phone: '13800138000', residence: home };
    const father = [input('1', { name: '张伟', birth: '1985-06-12', sex: 'M', ...shared }), input('2', { source: 't', name: '张伟', birth: '1985-06-12', sex: 'M', ...shared })];
    const mother = [input('3', { name: '王芳', birth: '1987-02-03', sex: 'F', ...shared }), input('4', { source: 't', name: '王芳', birth: '1987-02-03', ...shared })];
    const child = [input('5', { name: '张小明', birth: '2014-03-02', sex: 'M', ...shared }), input('6', { source: 't', name: '张小明', ...shared })];
    const personOf = resolve([...father, ...mother, ...child]);
    const persons = [father, mother, child].map((records) => new Set(records.map(personOf)));
    for (const p of persons) expect(p.size).toBe(1);
    expect(new Set(persons.flatMap((p) => [...p])).size).toBe(3);
  });
});
