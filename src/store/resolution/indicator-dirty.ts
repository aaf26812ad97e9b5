// Keeping the saved indicator tally true (indicators/incremental.ts): before a person's summary is
// dropped or their golden record rewritten, what the tally counted for them is noted in
// `indicator_dirty` (migration 0016), once until the next refresh. Nothing is noted while no tally
// is saved (a store's first load, or after a change the refresh cannot follow person by person).

import { sql } from 'kysely';
import type { ResolutionDb } from './load-inputs.js';

/** The `meta` key of the saved tally. */
export const indicatorStateKey = 'indicator_state';

/**
 * The `meta` key of a count of the changes to persons' indicator rows, noted or not: a refresh
 * that finds it moved while it counted does not save its tally (a review decided meanwhile, from
 * the console or another process, would be noted only once for a person already noted).
 */
export const indicatorChangesKey = 'indicator_changes';

/** Counts one more change (in the caller's transaction; on PostgreSQL the row stays locked until it commits). */
export async function countIndicatorChange(trx: ResolutionDb): Promise<number> {
  await trx.insertInto('meta').values({ key: indicatorChangesKey, value: '0' }).onConflict((oc) => oc.column('key').doNothing()).execute();
  await trx.updateTable('meta').set({ value: sql<string>`cast(cast(value as integer) + 1 as text)` }).where('key', '=', indicatorChangesKey).execute();
  return indicatorChanges(trx);
}

export async function indicatorChanges(db: ResolutionDb): Promise<number> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', indicatorChangesKey).executeTakeFirst();
  return row === undefined ? 0 : Number(row.value);
}

/** Notes the persons' indicator rows as the saved tally counted them, unless noted already. */
export async function markIndicatorRows(trx: ResolutionDb, personIds: readonly string[]): Promise<void> {
  if (personIds.length === 0) return;
  await countIndicatorChange(trx);
  if ((await trx.selectFrom('meta').select('key').where('key', '=', indicatorStateKey).executeTakeFirst()) === undefined) return;
  const ids = [...new Set(personIds)];
  for (let i = 0; i < ids.length; i += 500) {
    // A golden rebuild follows the drop of the same persons' views: those noted already are not read again.
    const noted = new Set((await trx.selectFrom('indicator_dirty').select('person_id').where('person_id', 'in', ids.slice(i, i + 500)).execute()).map((r) => r.person_id));
    const chunk = ids.slice(i, i + 500).filter((id) => !noted.has(id));
    if (chunk.length === 0) continue;
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
  await countIndicatorChange(trx);
  await trx.deleteFrom('meta').where('key', '=', indicatorStateKey).execute();
}
