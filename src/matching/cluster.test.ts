import { describe, expect, it } from 'vitest';
import { Resolver } from './cluster.js';
import type { KnownRecord } from './resolver-types.js';
import { extractFeatures } from './features.js';
import { blockingKeys } from './blocking.js';
import { idMinter, input, population, residentId, testModel } from './fixtures.js';
import { pairwiseScores } from './metrics.js';
import type { MatchInput, ResolutionEvent } from './types.js';

const model = testModel();
const resolver = (extra: Partial<ConstructorParameters<typeof Resolver>[0]> = {}): Resolver =>
  new Resolver({ model, mintPersonId: idMinter(), ...extra });

const personsOf = (r: Resolver, inputs: readonly MatchInput[]): string[] => inputs.map((i) => r.personOf(i.key)!);
const ofType = <T extends ResolutionEvent['type']>(events: ResolutionEvent[], type: T) =>
  events.filter((e): e is Extract<ResolutionEvent, { type: T }> => e.type === type);

describe('Resolver', () => {
  it('puts each person\'s records together and strangers apart', () => {
    const { inputs, truth } = population(400, 11);
    const r = resolver();
    r.addBatch(inputs.slice(0, 500));
    r.addBatch(inputs.slice(500));
    const scores = pairwiseScores(personsOf(r, inputs), truth);
    expect(scores.precision).toBeGreaterThan(0.99);
    expect(scores.recall).toBeGreaterThan(0.97);
  });

  it('gives the same person ids when the same data is resolved again from scratch', () => {
    const { inputs } = population(100, 12);
    const a = resolver();
    const b = resolver();
    a.addBatch(inputs);
    b.addBatch(inputs);
    expect(personsOf(b, inputs)).toEqual(personsOf(a, inputs));
  });

  it('changes nothing when the same records come again', () => {
    const { inputs } = population(100, 13);
    const r = resolver();
    r.addBatch(inputs);
    const before = personsOf(r, inputs);
    const again = r.addBatch(inputs);
    expect(again.stats.unchanged).toBe(inputs.length);
    expect(again.assignments).toEqual([]);
    expect(again.events).toEqual([]);
    expect(again.links).toEqual([]);
    expect(personsOf(r, inputs)).toEqual(before);
  });

  it('records a merge as an event, and the older person id survives', () => {
    const byPhone = input('1', { name: '赵敏', phone: '13800138000', residence: '广东省深圳市南山区科技园路1号' });
    const byBirth = input('2', { name: '赵敏', birth: '1991-04-05', sex: 'F' });
    const bridge = input('3', { name: '赵敏', birth: '1991-04-05', sex: 'F', phone: '13800138000', residence: '广东省深圳市南山区科技园路1号' });
    const r = resolver();
    r.addBatch([byPhone]);
    r.addBatch([byBirth]);
    expect(r.personOf(byPhone.key)).toBe('P1');
    expect(r.personOf(byBirth.key)).toBe('P2');
    const result = r.addBatch([bridge]);
    const merged = ofType(result.events, 'merged');
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ survivor: 'P1', absorbed: 'P2', reason: 'score' });
    expect(personsOf(r, [byPhone, byBirth, bridge])).toEqual(['P1', 'P1', 'P1']);
    expect(result.assignments).toContainEqual({ recordKey: byBirth.key, personId: 'P1' });
  });

  it('explains every link by its score and levels', () => {
    const a = input('1', { name: '赵敏', birth: '1991-04-05', phone: '13800138000' });
    const b = input('2', { name: '赵敏', birth: '1991-04-05', phone: '13800138000' });
    const r = resolver();
    const { links } = r.addBatch([a, b]);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ a: b.key, b: a.key, rule: 'score', levels: { name: 'exact', birth: 'equal', contact: 'phone' } });
    expect(links[0]!.probability).toBeGreaterThan(0.9);
    expect(r.explain(a.key, b.key)?.levels).toEqual(links[0]!.levels);
  });

  it('never puts two different valid ids in one person, and records the refused merge', () => {
    const id1 = residentId('440305', '19910405', 102);
    const id2 = residentId('440305', '19910405', 204);
    const a = input('1', { name: '赵敏', id: id1, birth: '1991-04-05', phone: '13800138000' });
    const b = input('2', { name: '赵敏', id: id2, birth: '1991-04-05', phone: '13900139000' });
    const bridge = input('3', { name: '赵敏', birth: '1991-04-05', phone: '13900139000', residence: '广东省深圳市南山区科技园路1号' });
    const bridge2 = input('4', { name: '赵敏', birth: '1991-04-05', phone: '13800138000', residence: '广东省深圳市南山区科技园路1号' });
    const r = resolver();
    const result = r.addBatch([a, b, bridge, bridge2]);
    expect(r.personOf(a.key)).not.toBe(r.personOf(b.key));
    expect(ofType(result.events, 'merge_refused').some((e) => e.reason === 'id_conflict')).toBe(true);
  });

  it('sends the middle band to review and links above it', () => {
    const a = input('1', { name: '赵敏', birth: '1991-04-05' });
    const b = input('2', { name: '赵敏', birth: '1991-04-05' });
    const cautious = resolver({ linkThreshold: 1 - 1e-15, reviewThreshold: 0.5 });
    const result = cautious.addBatch([a, b]);
    expect(result.reviews).toHaveLength(1);
    expect(result.reviews[0]).toMatchObject({ a: b.key, b: a.key, levels: { name: 'exact', birth: 'equal' } });
    expect(cautious.personOf(a.key)).not.toBe(cautious.personOf(b.key));
    const r = resolver();
    expect(r.addBatch([a, b]).reviews).toEqual([]);
    expect(r.personOf(a.key)).toBe(r.personOf(b.key));
  });

  it('splits a person when a reviewer says "not same", and later runs keep them apart', () => {
    const a = input('1', { name: '赵敏', birth: '1991-04-05', phone: '13800138000' });
    const b = input('2', { name: '赵敏', birth: '1991-04-05', phone: '13800138000' });
    const r = resolver();
    r.addBatch([a, b]);
    expect(r.personOf(a.key)).toBe(r.personOf(b.key));
    const decision = { a: a.key, b: b.key, same: false };
    const { events } = r.decide(decision);
    expect(ofType(events, 'split')).toEqual([{ type: 'split', from: 'P1', to: 'P2', reason: 'reviewer_not_same', recordKeys: [b.key] }]);
    expect(r.personOf(a.key)).not.toBe(r.personOf(b.key));
    // Re-ingest into the same resolver, and a fresh run that is given the decision.
    r.addBatch([a, b]);
    expect(r.personOf(a.key)).not.toBe(r.personOf(b.key));
    const later = resolver({ decisions: [decision] });
    later.addBatch([a, b]);
    expect(later.personOf(a.key)).not.toBe(later.personOf(b.key));
  });

  it('merges on a reviewer\'s "same", and a later run given the decision keeps them together', () => {
    const a = input('1', { name: '赵敏', birth: '1991-04-05' });
    const b = input('2', { name: '赵一敏', phone: '13800138000' });
    const r = resolver();
    r.addBatch([a, b]);
    expect(r.personOf(a.key)).not.toBe(r.personOf(b.key));
    const decision = { a: a.key, b: b.key, same: true };
    const { events } = r.decide(decision);
    expect(ofType(events, 'merged')[0]).toMatchObject({ survivor: 'P1', absorbed: 'P2', reason: 'reviewer' });
    const later = resolver({ decisions: [decision] });
    later.addBatch([a, b]);
    expect(later.personOf(a.key)).toBe(later.personOf(b.key));
  });

  it('re-evaluates a changed record: same id when it still fits, a split when it no longer does', () => {
    const a = input('1', { name: '赵敏', birth: '1991-04-05', phone: '13800138000' });
    const b = input('2', { name: '赵敏', birth: '1991-04-05', phone: '13800138000' });
    const r = resolver();
    r.addBatch([a, b]);
    const corrected = input('2', { name: '赵敏', birth: '1991-04-05', phone: '13800138999' });
    const small = r.addBatch([corrected]);
    expect(small.stats.changed).toBe(1);
    expect(r.personOf(b.key)).toBe('P1');
    const other = input('2', { name: '钱多多', birth: '1960-01-01', phone: '13700000000' });
    const result = r.addBatch([other]);
    expect(r.personOf(a.key)).toBe('P1');
    expect(r.personOf(b.key)).not.toBe('P1');
    expect(ofType(result.events, 'split')[0]).toMatchObject({ from: 'P1', reason: 'record_changed' });
  });

  it('finds candidates through the caller\'s index and keeps the stored person ids', () => {
    const stored = input('old', { name: '赵敏', birth: '1991-04-05', phone: '13800138000' });
    const known: KnownRecord[] = [{ input: stored, personId: 'STORED-7' }];
    const storedKeys = new Set(blockingKeys(extractFeatures(stored)));
    const asked: string[][] = [];
    const r = resolver({
      lookup: {
        find: (keys) => {
          asked.push([...keys]);
          return keys.some((k) => storedKeys.has(k)) ? known : [];
        },
      },
    });
    const fresh = input('new', { name: '赵敏', birth: '1991-04-05', phone: '13800138000' });
    r.addBatch([fresh]);
    expect(asked).toHaveLength(1);
    expect(r.personOf(fresh.key)).toBe('STORED-7');
    expect(r.recordsOf('STORED-7')).toEqual([stored.key, fresh.key]);
  });

  it('joins a record with only a name to the one person written with that name, in either order', () => {
    const person = input('1', { name: '陈思轩', birth: '1996-06-04', phone: '13800138000' });
    const door = input('d1', { source: 'door', name: '陈思轩' });
    // A threshold the name alone cannot reach: the link is the unique-name rule's, not the score's.
    const after = resolver({ linkThreshold: 0.999999 });
    after.addBatch([person]);
    const { links } = after.addBatch([door]);
    expect(after.personOf(door.key)).toBe(after.personOf(person.key));
    expect(links[0]).toMatchObject({ rule: 'unique_name', levels: { name: 'exact' } });
    const before = resolver({ linkThreshold: 0.999999 });
    before.addBatch([door]);
    const { events } = before.addBatch([person]);
    expect(before.personOf(door.key)).toBe(before.personOf(person.key));
    expect(ofType(events, 'merged')[0]).toMatchObject({ survivor: 'P1', reason: 'unique_name' });
  });

  it('counts the namesakes its caller\u2019s store holds before giving a record with only a name to a person (an incremental batch)', () => {
    const door = input('d1', { source: 'door', name: '刘志昊' });
    const stored = input('1', { name: '刘志昊', birth: '1993-07-31', phone: '13657575103' });
    const fresh = input('2', { name: '刘志昊', birth: '1993-07-31', phone: '13657575103', residence: '广东省深圳市南山区科技园路1号' });
    const stranger = input('3', { name: '刘志昊', birth: '1971-01-01', phone: '13900139000' });
    // The batch restored the waiting door event; another 刘志昊 is stored, but no key of the batch reaches him.
    const batch = (namesakes: ReadonlyMap<string, readonly string[] | null>): Resolver => {
      const r = resolver({ linkThreshold: 0.999999 });
      r.restore([{ input: door, personId: 'P000001' }]);
      r.useStoredNamesakes(namesakes);
      r.addBatch([stranger]);
      return r;
    };
    expect(batch(new Map()).personOf(door.key)).toBe(batch(new Map()).personOf(stranger.key));
    const counted = batch(new Map([['刘志昊', ['P000002']]]));
    expect(counted.personOf(door.key)).toBe('P000001');
    expect(counted.personOf(stranger.key)).not.toBe('P000001');
    // Too many stored namesakes to tell: the door event waits.
    expect(batch(new Map([['刘志昊', null]])).personOf(door.key)).toBe('P000001');
    // The stored namesake is the person the new record joins: counted once, and the door event joins them.
    const same = resolver();
    same.restore([{ input: door, personId: 'P000001' }, { input: stored, personId: 'P000002' }]);
    same.useStoredNamesakes(new Map([['刘志昊', ['P000002']]]));
    same.addBatch([fresh]);
    expect(new Set([door, stored, fresh].map((i) => same.personOf(i.key))).size).toBe(1);
  });

  it('leaves a record with only a name alone when two persons share the name', () => {
    const a = input('1', { name: '陈思轩', birth: '1996-06-04', phone: '13800138000' });
    const b = input('2', { name: '陈思轩', birth: '1971-01-01', phone: '13900139000' });
    const door = input('d1', { source: 'door', name: '陈思轩' });
    const r = resolver();
    r.addBatch([a, b, door]);
    expect(new Set([a, b, door].map((i) => r.personOf(i.key))).size).toBe(3);
  });

  it('lets the caller say which of two stored persons is older, and that id survives', () => {
    const a = input('1', { name: '赵敏', phone: '13800138000', residence: '广东省深圳市南山区科技园路1号' });
    const b = input('2', { name: '赵敏', birth: '1991-04-05', sex: 'F' });
    const bridge = input('3', { name: '赵敏', birth: '1991-04-05', sex: 'F', phone: '13800138000', residence: '广东省深圳市南山区科技园路1号' });
    // Restored newest first; ids sort by age.
    const r = resolver({ comparePersonIds: (x, y) => (x < y ? -1 : x > y ? 1 : 0) });
    r.restore([{ input: b, personId: 'P000009' }, { input: a, personId: 'P000002' }]);
    const { events } = r.addBatch([bridge]);
    expect(ofType(events, 'merged')[0]).toMatchObject({ survivor: 'P000002', absorbed: 'P000009' });
  });

  it('can leave records with only a name alone', () => {
    const person = input('1', { name: '陈思轩', birth: '1996-06-04', phone: '13800138000' });
    const door = input('d1', { source: 'door', name: '陈思轩' });
    const r = resolver({ linkThreshold: 0.999999, linkNameOnly: false });
    r.addBatch([person, door]);
    expect(r.personOf(door.key)).not.toBe(r.personOf(person.key));
  });

  it('keeps a record with only a name with its person when a reviewer splits the person', () => {
    const a = input('1', { name: '赵敏', birth: '1991-04-05', phone: '13800138000', residence: '广东省深圳市南山区科技园路1号' });
    const x = input('2', { name: '照敏', birth: '1991-04-05', phone: '13800138000', residence: '广东省深圳市南山区科技园路1号' });
    const door = input('d1', { source: 'door', name: '赵敏' });
    const r = resolver({ linkThreshold: 0.99999 });
    r.addBatch([a, x, door]);
    expect(new Set([a, x, door].map((i) => r.personOf(i.key))).size).toBe(1);
    r.decide({ a: a.key, b: x.key, same: false });
    expect(r.personOf(door.key)).toBe(r.personOf(a.key));
    expect(r.personOf(x.key)).not.toBe(r.personOf(a.key));
    // ...unless the reviewer says that record is not the person either.
    r.decide({ a: a.key, b: door.key, same: false });
    expect(r.personOf(door.key)).not.toBe(r.personOf(a.key));
  });
});
