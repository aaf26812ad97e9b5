// Migration 0007: reviewers' choices among conflicting values (信息冲突处理). Kept apart from the
// golden record, which is rebuilt from the sources: every rebuild applies them again.

import type { Kysely, Migration } from 'kysely';

export const conflictResolutions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('conflict_resolutions')
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('conflict_resolutions_pk', ['person_id', 'field'])
      .execute();
  },
};
