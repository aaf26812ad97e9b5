// Migration 0003: entity resolution — which person each record role belongs to, the links that
// put it there (explainable), the persistent blocking-key index for incremental batches, golden
// records, conflicts, the review queue, reviewers' decisions, events and the trained models.
// Person tables lead with person_id, the distribution column; source-keyed ones with source.

import type { Kysely, Migration } from 'kysely';

export const resolution: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('person_links')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull())
      // The record version that was linked: a new version is resolved again.
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('linked_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('person_links_pk', ['source', 'record_id', 'role'])
      .execute();
    await db.schema.createIndex('person_links_by_person').on('person_links').column('person_id').execute();
    await db.schema
      .createTable('match_links')
      .addColumn('record_a', 'text', (c) => c.notNull())
      .addColumn('record_b', 'text', (c) => c.notNull())
      .addColumn('probability', 'real', (c) => c.notNull())
      .addColumn('score', 'real', (c) => c.notNull())
      .addColumn('rule', 'text', (c) => c.notNull())
      .addColumn('levels', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('match_links_pk', ['record_a', 'record_b'])
      .execute();
    await db.schema.createIndex('match_links_by_b').on('match_links').column('record_b').execute();
    await db.schema
      .createTable('block_keys')
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('record_key', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('block_keys_by_key').on('block_keys').column('key').execute();
    await db.schema
      .createTable('persons')
      .addColumn('person_id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text')
      .addColumn('name_key', 'text')
      .addColumn('id_number', 'text')
      .addColumn('sex', 'text')
      .addColumn('birth_date', 'text')
      .addColumn('phone', 'text')
      .addColumn('hukou_region', 'text')
      .addColumn('residence_region', 'text')
      .addColumn('floating', 'text', (c) => c.notNull())
      .addColumn('registered', 'integer', (c) => c.notNull())
      .addColumn('evidence', 'text')
      .addColumn('sources', 'text', (c) => c.notNull())
      .addColumn('record_count', 'integer', (c) => c.notNull())
      .addColumn('conflict_count', 'integer', (c) => c.notNull())
      .addColumn('golden', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('persons_by_id_number').on('persons').column('id_number').execute();
    await db.schema.createIndex('persons_by_phone').on('persons').column('phone').execute();
    await db.schema.createIndex('persons_by_name_key').on('persons').column('name_key').execute();
    await db.schema.createIndex('persons_by_residence').on('persons').column('residence_region').execute();
    await db.schema
      .createTable('person_conflicts')
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('values', 'text', (c) => c.notNull())
      .addColumn('sources', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('person_conflicts_pk', ['person_id', 'field'])
      .execute();
    await db.schema
      .createTable('review_queue')
      .addColumn('record_a', 'text', (c) => c.notNull())
      .addColumn('record_b', 'text', (c) => c.notNull())
      .addColumn('probability', 'real', (c) => c.notNull())
      .addColumn('score', 'real', (c) => c.notNull())
      .addColumn('levels', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'text')
      .addPrimaryKeyConstraint('review_queue_pk', ['record_a', 'record_b'])
      .execute();
    await db.schema.createIndex('review_queue_by_status').on('review_queue').column('status').execute();
    await db.schema
      .createTable('resolution_events')
      .addColumn('event_id', 'text', (c) => c.primaryKey())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('other_person_id', 'text')
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    // Incremental runs look only at records ingested since the last completed resolution.
    await db.schema.createIndex('records_by_ingested_at').on('records').column('ingested_at').execute();
    await db.schema
      .createTable('match_models')
      .addColumn('version', 'integer', (c) => c.primaryKey())
      .addColumn('model', 'text', (c) => c.notNull())
      .addColumn('trained_at', 'text', (c) => c.notNull())
      .execute();
  },
};
