// Reading one person for the view: the golden record with its service code, scope, the source
// records behind it, and the presenter. The same function runs on the request thread and in the
// read pool's threads, so both answer alike.

import { personInScope, personScope, sourcesInScope, type Principal } from '../../access/policy.js';
import { presentPerson, type PersonView } from '../../access/presenter.js';
import type { Store } from '../../store/types.js';

/** A person outside the caller's scope (region; an officer's sources) is `found: false`, like one that does not exist. */
export type ViewOutcome<Body> = { found: false } | { found: true; body: Body; records: number };

export async function readPersonView(store: Store, personId: string, who: Principal, today: string): Promise<ViewOutcome<PersonView>> {
  const found = await store.persons.personForView(personId);
  if (found === undefined || !personInScope(who, found.row.residence_region)) return { found: false };
  if (who.role === 'officer' && !sourcesInScope(personScope(who, await store.persons.sources()), found.records, found.row.evidence !== null)) return { found: false };
  const body = presentPerson({ row: found.row, records: found.records, codeId: found.codeId, today }, who);
  return { found: true, body, records: body.records.length };
}

/** Where the request thread gets a person view: in process, or from the read pool. */
export interface PersonViewer {
  /** The view as an object (serialised by the route's schema) or as JSON bytes already serialised by that schema. */
  view(personId: string, who: Principal, today: string): Promise<ViewOutcome<PersonView | Buffer>>;
  close(): Promise<void>;
}

export class InProcessViewer implements PersonViewer {
  constructor(private readonly store: Store) {}

  view(personId: string, who: Principal, today: string): Promise<ViewOutcome<PersonView>> {
    return readPersonView(this.store, personId, who, today);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
