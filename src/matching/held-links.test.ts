import { describe, expect, it } from 'vitest';
import { Resolver } from './cluster.js';
import { idMinter, input, residentId, testModel } from './fixtures.js';

const model = testModel();
const id = residentId('440305', '19900101', 123);
const stored = [
  { input: input('s1', { name: '张三丰', id, birth: '1990-01-01', sex: 'M', phone: '13800138000' }), personId: 'P1' },
  { input: input('s2', { name: '张伟', id: residentId('440305', '19900101', 457), birth: '1990-01-01', sex: 'M' }), personId: 'P2' },
];

describe('Resolver.linkedAmongHeld', () => {
  it('names the records a held record links outright, and only those', () => {
    const r = new Resolver({ model, mintPersonId: idMinter('N') });
    r.restore(stored);
    const byId = input('b1', { name: '张三丰', id, birth: '1990-01-01', sex: 'M' });
    // Same surname and birth date as both, nothing that links it: it needs the wide families.
    const stranger = input('b2', { name: '张建国', birth: '1990-01-01', sex: 'M' });
    // A door event is decided by its namesakes, never by one pair.
    const door = input('b3', { name: '张三丰' });
    expect([...r.linkedAmongHeld([byId, stranger, door])]).toEqual([byId.key]);
  });

  it('counts a reviewer\'s verdict, and not a pair that looks like twins', () => {
    const twin = input('t1', { name: '张三海', birth: '1990-01-01', sex: 'M', phone: '13800138000' });
    const r = new Resolver({ model, mintPersonId: idMinter('N') });
    r.restore(stored);
    expect(r.linkedAmongHeld([twin]).size).toBe(0);
    const judged = new Resolver({ model, mintPersonId: idMinter('N'), decisions: [{ a: twin.key, b: stored[0]!.input.key, same: true }] });
    judged.restore(stored);
    expect([...judged.linkedAmongHeld([twin])]).toEqual([twin.key]);
  });

  it('changes nothing: the batch places as it would without the question', () => {
    const batch = [input('b1', { name: '张三丰', id, birth: '1990-01-01', sex: 'M' }), input('b2', { name: '张建国', birth: '1990-01-01', sex: 'M' })];
    const asked = new Resolver({ model, mintPersonId: idMinter('N') });
    const plain = new Resolver({ model, mintPersonId: idMinter('N') });
    asked.restore(stored);
    plain.restore(stored);
    asked.linkedAmongHeld(batch);
    expect(asked.addBatch(batch)).toEqual(plain.addBatch(batch));
  });
});
