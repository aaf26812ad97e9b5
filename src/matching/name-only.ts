// Where a record that carries only a name belongs (a door event whose card gives no id). A name
// alone never scores as a match, so these records are placed by rule, not by probability: with
// the one person written with exactly that name, else with the one namesake who lives at the
// place the record's facts point to (learned places, places.ts), else nowhere. Pure functions of
// the resolver's state, which passes itself in as a NameOnlyView.

import { hashKey, type BlockIndex } from './blocking.js';
import type { RecordFeatures } from './features.js';
import type { PersonTable } from './person-table.js';
import { livesAt } from './places.js';
import type { LinkRule } from './types.js';

export interface NameOnlyView {
  readonly features: readonly (RecordFeatures | null)[];
  readonly persons: PersonTable;
  readonly index: BlockIndex;
  /**
   * Persons the caller's store holds a named record of, by the exact name (null: more than the
   * block cap, too common to tell). An incremental batch restores only its candidates, so the
   * index alone does not know every namesake; a name missing here is judged on the index alone.
   */
  storedNamesakes: ReadonlyMap<string, readonly string[] | null>;
}

export interface NamesakePick {
  other: number;
  rule: Extract<LinkRule, 'unique_name' | 'name_place'>;
}

/**
 * The persons of the records (not name-only) written exactly with this name, or null when the name
 * is too common to tell. Persons the store holds with that name and the resolver has not restored
 * count as well, by their ids (a restored one counts once, by its slot).
 */
export function namesakePersons(view: NameOnlyView, name: string): Set<number | string> | null {
  const hash = hashKey(`n:${name}`);
  const stored = view.storedNamesakes.get(name);
  if (stored === null || view.index.isOversized(hash)) return null;
  const persons = new Set<number | string>();
  view.index.visitHash(hash, (o) => {
    const g = view.features[o];
    if (g !== null && g !== undefined && !g.nameOnly && g.name.nameSimplified === name) persons.add(view.persons.personOf[o]!);
  });
  if (stored !== undefined) for (const id of stored) persons.add(view.persons.slotOf(id) ?? id);
  return persons;
}

/** The names of the records with only a name among `features` (those a named record could take in). */
export function nameOnlyNames(features: readonly (RecordFeatures | null)[]): Set<string> {
  const names = new Set<string>();
  for (const f of features) if (f !== null && f.nameOnly && f.name.nameSimplified !== null) names.add(f.name.nameSimplified);
  return names;
}

/**
 * The record a name-only record `f` joins among those it was compared with (`found`): the one
 * person written with exactly that name, when exactly one person is (a name shared by two
 * persons, or too common to index, links nothing by itself); failing that, the one namesake who
 * lives at a place its facts point to.
 */
export function pickNamesake(view: NameOnlyView, f: RecordFeatures, found: readonly number[]): NamesakePick | null {
  const name = f.name.nameSimplified!;
  let pick = -1;
  for (const o of found) {
    const g = view.features[o]!;
    if (g.nameOnly || g.name.nameSimplified !== name) continue;
    if (pick >= 0 && view.persons.personOf[o] !== view.persons.personOf[pick]) return namesakeAtPlace(view, f, found);
    pick = o;
  }
  if (pick < 0) return null;
  if (namesakePersons(view, name)?.size !== 1) return namesakeAtPlace(view, f, found);
  return { other: pick, rule: 'unique_name' };
}

/**
 * Among the namesakes of a name-only record, the one person known to live at a place its facts
 * point to; none when two do, or when the namesakes of that region are too many to have been
 * compared (a key over the cap is not visited, so a second one could hide there).
 */
function namesakeAtPlace(view: NameOnlyView, f: RecordFeatures, found: readonly number[]): NamesakePick | null {
  if (f.places.length === 0 || f.name.blockName === null) return null;
  for (const place of f.places) {
    if (view.index.isOversized(hashKey(`nx:${f.name.blockName}|${place.region}`))) return null;
  }
  const name = f.name.nameSimplified!;
  let pick = -1;
  for (const o of found) {
    const g = view.features[o]!;
    if (g.nameOnly || g.name.nameSimplified !== name || !f.places.some((p) => livesAt(g, p))) continue;
    if (pick >= 0 && view.persons.personOf[o] !== view.persons.personOf[pick]) return null;
    pick = o;
  }
  return pick < 0 ? null : { other: pick, rule: 'name_place' };
}

/**
 * The reverse: the name-only records among `found` that wait without other evidence (alone, or
 * with other name-only records: the door events of one card) and may join the person `slot` of
 * the named record `f`, because it is the only person written with that name. Empty otherwise.
 */
export function waitingNameOnly(view: NameOnlyView, f: RecordFeatures, slot: number, found: readonly number[]): number[] {
  const name = f.name.nameSimplified!;
  const waiting = found.filter((o) => {
    const g = view.features[o]!;
    return g.nameOnly && g.name.nameSimplified === name && view.persons.get(view.persons.personOf[o]!).records.every((r) => view.features[r]!.nameOnly);
  });
  if (waiting.length === 0) return waiting;
  const namesakes = namesakePersons(view, name);
  return namesakes !== null && namesakes.size === 1 && namesakes.has(slot) ? waiting : [];
}

/** In a re-formed person, a record with only a name stays with the one part written with that name. */
export function keepNameOnly(view: NameOnlyView, group: Map<number, number[]>): void {
  for (const [ord, part] of group) {
    const f = view.features[ord]!;
    if (!f.nameOnly || part.length !== 1) continue;
    const named = new Set<number[]>();
    for (const [other, otherPart] of group) {
      const g = view.features[other]!;
      if (!g.nameOnly && g.name.nameSimplified === f.name.nameSimplified) named.add(otherPart);
    }
    if (named.size !== 1) continue;
    const [home] = named;
    if (home!.some((m) => view.persons.isCannotLink(m, ord))) continue;
    home!.push(ord);
    group.set(ord, home!);
  }
}
