// Keeping the saved indicator tally true (indicators/incremental.ts): before a person's summary is
// dropped or their golden record rewritten, what the tally counted for them is noted in
// `indicator_dirty` (migration 0016), once until the next refresh. Nothing is noted while no tally
// is saved (a store's first load, or after a change the refresh cannot follow person by person).

import type { ResolutionDb } from './load-inputs.js';

/** The `meta` key of the saved tally. */
export const indicatorStateKey = 'indicator_state';

/** Notes the persons' indicator rows as the saved tally counted them, unless noted already. */
export async function markIndicatorRows(trx: ResolutionDb, personIds: readonly string[]): Promise<void> {
  if (personIds.length === 0) return;
  if ((await trx.selectFrom('meta').select('key').where('key', '=', indicatorStateKey).executeTakeFirst()) === undefined) return;
  const ids = [...new Set(personIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const persons = new Map(
      (await trx.selectFrom('persons').select(['person_id', 'residence_region', 'floating', 'id_number', 'birth_date', 'conflict_count']).where('person_id', 'in', chunk).execute()).map((p) => [p.person_id, p]),
    );
    const tallies = new Map((await trx.selectFrom('person_tallies').select(['person_id', 'tally']).where('person_id', 'in', chunk).execute()).map((t) => [t.person_id, t.tally]));
    const rows = chunk.map((id) => {
      const p = persons.get(id);
      return {
        person_id: id,
        existed: p === undefined ? 0 : 1,
        residence_region: p?.residence_region ?? null,
        floating: p?.floating ?? null,
        id_number: p?.id_number ?? null,
        birth_date: p?.birth_date ?? null,
        conflict_count: p === undefined ? null : Number(p.conflict_count),
        tally: tallies.get(id) ?? null,
      };
    });
    await trx.insertInto('indicator_dirty').values(rows).onConflict((oc) => oc.column('person_id').doNothing()).execute();
  }
}

/** Drops the saved tally: the next refresh counts every person. */
export async function forgetIndicatorState(trx: ResolutionDb): Promise<void> {
  await trx.deleteFrom('meta').where('key', '=', indicatorStateKey).execute();
}
