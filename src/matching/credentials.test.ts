import { describe, expect, it } from 'vitest';
import { Resolver } from './cluster.js';
import { credentialsOf, credentialSet, learnCredentials, learnNewSources, mergeCredentialStates, MIN_ANALYSED, MIN_REPEATED_VALUES } from './credentials.js';
import { idMinter, input, residentId, testModel } from './fixtures.js';
import { parseModel, type MatchModel } from './model.js';
import type { MatchInput } from './types.js';

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const givens = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平';

/** Door events: each resident has a card of their own; a device serves a building of several residents. */
function doorEvents(residents: number): MatchInput[] {
  const out: MatchInput[] = [];
  for (let r = 0; r < residents; r++) {
    const name = `${surnames[r % 20]}${givens[(r * 7) % 20]}${givens[(r * 3 + 1) % 20]}`;
    const id = residentId('440305', `19${String(50 + (r % 40))}0${1 + (r % 9)}1${r % 10}`, (r % 400) + 1);
    for (let e = 0; e < 3; e++) {
      const facts = { card_no: `C${String(r).padStart(6, '0')}`, device_id: `MJ-${Math.floor(r / 4)}`, event_at: `2024-0${1 + e}-0${1 + (r % 9)}` };
      out.push(input(`EV${r}-${e}`, { source: 'door', kind: 'access_control', name, ...(e === 2 ? {} : { id }), facts }));
    }
  }
  return out;
}

describe('learned credentials', () => {
  it("learns a source's own number for a person (a card), not what several share (a door device, a date)", () => {
    const learned = learnCredentials(doorEvents(200));
    expect(learned.map((c) => `${c.source}.${c.role}.${c.fact}`)).toEqual(['door.subject.card_no']);
    expect(learned[0]).toMatchObject({ purity: 1, repeatedValues: 200, recurrence: 1 });
  });

  it('does not take a value that recurs only where a row was entered twice for a credential', () => {
    // Each resident registered on a day of their own; one row in ten entered twice.
    const rows: MatchInput[] = [];
    for (let r = 0; r < 400; r++) {
      const id = residentId('440305', `19${String(50 + (r % 40))}0${1 + (r % 9)}1${r % 10}`, (r % 400) + 1);
      const row = (copy: number) => input(`R${r}-${copy}`, { source: 'police', name: `张${givens[r % 20]}`, id, facts: { registered_at: `day-${r}` } });
      rows.push(row(0));
      if (r % 10 === 0) rows.push(row(1));
    }
    expect(learnCredentials(rows)).toEqual([]);
  });

  it('learns nothing from too little evidence, or from a number shared between persons', () => {
    expect(learnCredentials(doorEvents(MIN_REPEATED_VALUES - 1))).toEqual([]);
    // Every tenth resident uses the next one's card (a household card): no longer one person's.
    const shared = doorEvents(200).map((i) => {
      const r = Number(/EV(\d+)-/.exec(i.key)![1]);
      return r % 10 === 0 ? { ...i, facts: { ...i.facts, card_no: `C${String(r + 1).padStart(6, '0')}` } } : i;
    });
    expect(learnCredentials(shared).map((c) => c.fact)).not.toContain('card_no');
  });

  it('learns a source the first time a batch brings enough of it, and not again', () => {
    const events = doorEvents(400);
    const first = learnNewSources({ facts: [], analysed: { health: 5000 } }, events);
    expect(first?.facts.map((c) => c.fact)).toEqual(['card_no']);
    expect(first?.analysed).toEqual({ health: 5000, door: 1200 });
    expect(learnNewSources(first!, events)).toBeNull();
    // Seen before on a few records only: learned again from the larger batch, replacing the old.
    const few = learnNewSources({ facts: [], analysed: {} }, events.slice(0, 30))!;
    expect(few.facts).toEqual([]);
    expect(few.analysed.door).toBeLessThan(MIN_ANALYSED);
    expect(learnNewSources(few, events)?.facts.map((c) => c.fact)).toEqual(['card_no']);
  });

  it('keeps, per source, what was learned from more records when a model is retrained', () => {
    const card = { source: 'door', role: 'subject', fact: 'card_no', repeatedValues: 500, purity: 1 };
    const badge = { source: 'gate', role: 'subject', fact: 'badge', repeatedValues: 40, purity: 1 };
    const merged = mergeCredentialStates({ facts: [card], analysed: { door: 6000, health: 100 } }, { facts: [badge], analysed: { door: 300, gate: 2000, health: 900 } });
    expect(merged.facts).toEqual([badge, card]);
    expect(merged.analysed).toEqual({ door: 6000, gate: 2000, health: 900 });
  });

  it('names the credential keys of a record by source, role, fact and value', () => {
    const set = credentialSet([{ source: 'door', role: 'subject', fact: 'card_no', repeatedValues: 50, purity: 1 }]);
    const [event] = doorEvents(1);
    expect(credentialsOf(event!, set)).toEqual(['door\u0001subject\u0001card_no\u0001C000000']);
    expect(credentialsOf({ ...event!, source: 'other' }, set)).toEqual([]);
    expect(credentialsOf(event!, credentialSet(undefined))).toEqual([]);
  });
});

describe('the credential rule', () => {
  const model = (credentials: MatchModel['credentials']): MatchModel => ({ ...testModel(), ...(credentials === undefined ? {} : { credentials }) });
  const card = [{ source: 'door', role: 'subject', fact: 'card_no', repeatedValues: 50, purity: 1 }];
  const id = residentId('440305', '19900101', 123);
  const withId = input('EV1', { source: 'door', name: '张伟', id, facts: { card_no: 'C1' } });
  const elsewhere = input('H1', { source: 'health', name: '张伟', id, birth: '1990-01-01', phone: '13800138000' });
  // Another 张伟 lives in the city: a name alone cannot tell which one a door event is.
  const namesake = input('H2', { source: 'health', name: '张伟', id: residentId('440306', '19800202', 321), birth: '1980-02-02' });
  const nameOnly = input('EV2', { source: 'door', name: '张伟', facts: { card_no: 'C1' } });
  const homophone = input('EV3', { source: 'door', name: '章伟', facts: { card_no: 'C1' } });
  const otherName = input('EV4', { source: 'door', name: '李娜', facts: { card_no: 'C1' } });
  const otherCard = input('EV5', { source: 'door', name: '张伟', facts: { card_no: 'C2' } });

  function resolve(m: MatchModel, records: MatchInput[]): Resolver {
    const r = new Resolver({ model: parseModel(JSON.parse(JSON.stringify(m))), mintPersonId: idMinter() });
    r.addBatch(records);
    return r;
  }

  it('joins a door event that carries only a name to the person of its card, whatever the order', () => {
    for (const order of [[elsewhere, namesake, withId, nameOnly, homophone], [nameOnly, homophone, namesake, elsewhere, withId]]) {
      const r = resolve(model(card), order);
      expect(r.personOf(nameOnly.key)).toBe(r.personOf(elsewhere.key));
      expect(r.personOf(homophone.key)).toBe(r.personOf(elsewhere.key));
      expect(r.personOf(namesake.key)).not.toBe(r.personOf(elsewhere.key));
      expect(r.explain(nameOnly.key, withId.key)?.levels).toEqual({ name: 'exact' });
    }
  });

  it('does not link a different name on the same card, nor the same name on another card', () => {
    const r = resolve(model(card), [elsewhere, namesake, withId, otherName, otherCard]);
    expect(r.personOf(otherName.key)).not.toBe(r.personOf(withId.key));
    expect(r.personOf(otherCard.key)).not.toBe(r.personOf(withId.key));
  });

  it('does nothing without a learned credential (a model of before, or a source without one)', () => {
    const r = resolve(model(undefined), [elsewhere, namesake, withId, nameOnly]);
    expect(r.personOf(nameOnly.key)).not.toBe(r.personOf(withId.key));
  });

  it('keeps a model file without credentials valid, and refuses a malformed list', () => {
    expect(() => parseModel(JSON.parse(JSON.stringify(model(undefined))))).not.toThrow();
    expect(() => parseModel({ ...JSON.parse(JSON.stringify(testModel())), credentials: [{ source: 1 }] })).toThrow(/model/);
    expect(() => parseModel({ ...JSON.parse(JSON.stringify(testModel())), credentials: 'card' })).toThrow(/model/);
  });
});
