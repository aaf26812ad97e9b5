import { describe, expect, it } from 'vitest';
import { Resolver } from './cluster.js';
import { credentialSet } from './credentials.js';
import { extractFeatures } from './features.js';
import { idMinter, input, residentId, testModel } from './fixtures.js';
import { learnPlaces, MIN_SHARED_VALUES } from './learn-places.js';
import { parseModel, type MatchModel } from './model.js';
import { livesAt, placeIndex, placesOf, type PlaceFact } from './places.js';
import type { MatchInput } from './types.js';

const villages = ['东风村', '水口村', '团结村', '桃花村', '岗厦村', '白石村', '新围村', '上沙村', '下沙村', '沙尾村', '福田村', '石厦村'];
const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平';

/**
 * A district's urban villages: in each, households registered by the police (with a residence)
 * and a door device at the village gate whose events carry the card and, on half, the id. A school
 * takes children of every village, so its code is no place.
 */
function villageData(perVillage: number): MatchInput[] {
  const out: MatchInput[] = [];
  let n = 0;
  villages.forEach((village, v) => {
    for (let h = 0; h < perVillage; h++, n++) {
      const id = residentId('440305', `19${String(60 + (n % 30))}0${1 + (n % 9)}1${n % 10}`, (n % 500) + 1);
      const name = `王${given[n % 20]}${given[(n * 3 + v) % 20]}`;
      // Written in two styles, as departments do: with and without the street.
      const lane = `${((n * 7) % 29) + 1}巷${((n * 11) % 53) + 1}号`;
      const residence = Math.floor(n / 3) % 2 === 0 ? `深圳市南山区粤海街道${village}${lane}` : `深圳市南山区${village}${lane}${100 + (n % 7)}室`;
      out.push(input(`police-${n}`, { source: 'police', kind: 'residence_registration', name, id, residence }));
      for (let e = 0; e < 2; e++) {
        const facts = { card_no: `C${n}`, device_id: `MJ-${v}`, school: `S-${(n + e) % 3}` };
        out.push(input(`door-${n}-${e}`, { source: 'door', kind: 'access_control', name, ...(e === 0 ? { id } : {}), facts }));
      }
    }
  });
  return out;
}

const credentialsOf = (inputs: readonly MatchInput[]) => credentialSet([{ source: 'door', role: 'subject', fact: 'card_no', repeatedValues: inputs.length, purity: 1 }]);

describe('learned places', () => {
  it('learns that a door device stands for a village, not a card (a credential) or a school that takes every village', () => {
    const data = villageData(6);
    const learned = learnPlaces(data, credentialsOf(data));
    expect(learned.map((p) => `${p.source}.${p.role}.${p.fact}`)).toEqual(['door.subject.device_id']);
    expect(learned[0]).toMatchObject({ sharedValues: villages.length, coherence: 1 });
    expect(learned[0]!.profiles).toHaveLength(villages.length);
    // The profile is the village's own name: 南山, 粤海 and 街道 are written at every village.
    const index = placeIndex(learned);
    const door = input('x', { source: 'door', name: '王伟', facts: { device_id: 'MJ-0' } });
    const [place] = placesOf(door, index);
    expect(place).toBeDefined();
    const at = (residence: string) => livesAt(extractFeatures(input('r', { name: '王伟', residence })), place!);
    expect(at('深圳市南山区东风村3巷9号')).toBe(true);
    expect(at('深圳市南山区粤海街道水口村3巷9号')).toBe(false);
    // The same village name in another district is another place.
    expect(at('深圳市福田区东风村3巷9号')).toBe(false);
  });

  it('learns nothing from too few shared values, or from values whose people live apart', () => {
    const few = villageData(6).filter((i) => !i.key.includes('door') || Number(/MJ-(\d+)/.exec(i.facts?.device_id ?? '')?.[1]) < MIN_SHARED_VALUES - 1);
    expect(learnPlaces(few, credentialsOf(few))).toEqual([]);
    // Devices shared across villages: each value's people disagree on where they live.
    const mixed = villageData(6).map((i) => (i.facts?.device_id === undefined ? i : { ...i, facts: { ...i.facts, device_id: `MJ-${Number(i.key.split('-')[1]) % 12}` } }));
    expect(learnPlaces(mixed, credentialsOf(mixed)).map((p) => p.fact)).not.toContain('device_id');
  });

  it('keeps places in the model file and refuses a malformed one', () => {
    const data = villageData(6);
    const places = learnPlaces(data, credentialsOf(data));
    const model: MatchModel = { ...testModel(), places };
    expect(parseModel(JSON.parse(JSON.stringify(model))).places).toEqual(places);
    const bad = (p: unknown) => () => parseModel(JSON.parse(JSON.stringify({ ...model, places: p })));
    expect(bad({})).toThrow();
    expect(bad([{ source: 'door', role: 'subject', fact: 'device_id', profiles: [['MJ-1', '440305', ['x']]] }])).toThrow();
    expect(bad([{ source: 'door', role: 'subject', fact: 'device_id', profiles: {} }])).toThrow();
  });
});

describe('a name-only record at a learned place', () => {
  const data = villageData(6);
  const places: PlaceFact[] = learnPlaces(data, credentialsOf(data));
  const model: MatchModel = { ...testModel(), places };
  const resolver = () => new Resolver({ model, mintPersonId: idMinter(), linkThreshold: 0.999999 });
  const lives = (id: string, name: string, residence: string) =>
    input(id, { source: 'police', name, id: residentId('440305', '19880512', Number(id.replace(/\D/g, '')) % 900 + 1), residence });
  const door = (id: string, name: string, device: string) => input(id, { source: 'door', name, facts: { device_id: device, card_no: `K-${id}` } });

  it('joins the one namesake who lives at the place its device stands for', () => {
    const home = lives('p1', '陈思轩', '深圳市南山区粤海街道东风村9巷3号');
    const elsewhere = lives('p2', '陈思轩', '深圳市南山区粤海街道水口村2巷8号');
    const event = door('d1', '陈思轩', 'MJ-0');
    const r = resolver();
    r.addBatch([home, elsewhere]);
    const { links } = r.addBatch([event]);
    expect(r.personOf(event.key)).toBe(r.personOf(home.key));
    expect(r.personOf(event.key)).not.toBe(r.personOf(elsewhere.key));
    expect(links[0]).toMatchObject({ rule: 'name_place', levels: { name: 'exact' } });
  });

  it('joins none when two namesakes live there, or when its device is no known place', () => {
    const a = lives('p1', '陈思轩', '深圳市南山区粤海街道东风村9巷3号');
    const b = lives('p2', '陈思轩', '深圳市南山区东风村12巷1号');
    const c = lives('p3', '陈思轩', '深圳市南山区粤海街道水口村2巷8号');
    const r = resolver();
    r.addBatch([a, b, c]);
    const there = door('d1', '陈思轩', 'MJ-0');
    const unknown = door('d2', '陈思轩', 'MJ-999');
    r.addBatch([there, unknown]);
    const persons = new Set([a, b, c, there, unknown].map((i) => r.personOf(i.key)));
    expect(persons.size).toBe(5);
  });
});
