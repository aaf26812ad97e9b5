// Migration 0017 (SQLite only): `person_links` becomes a table WITHOUT ROWID, its rows kept in the
// B-tree of their key (source, record_id, role). A batch looks up the person of every record its
// blocking keys find (~12,000 at 1M persons) and of every role its golden rebuild reads; with a
// rowid each lookup searched the key's index and then the table, and each link written went into
// three B-trees instead of two. A link row is ~90 bytes, small enough to sit in a key's B-tree.
// At 1M persons (3.4M links) the table is rewritten in ~7 s, once. PostgreSQL keeps its heap: its
// primary-key index already leads to the row in one step.

import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from './dialect.js';

export const personLinksClustered: Migration = {
  async up(db: Kysely<unknown>) {
    if (await isPostgres(db)) return;
    const statements = [
      `create table "person_links_new" ("source" text not null, "record_id" text not null, "role" text not null, "person_id" text not null, "content_hash" text not null, "linked_at" text not null, constraint "person_links_pk" primary key ("source", "record_id", "role")) without rowid`,
      `insert into "person_links_new" select "source", "record_id", "role", "person_id", "content_hash", "linked_at" from "person_links" order by "source", "record_id", "role"`,
      `drop table "person_links"`,
      `alter table "person_links_new" rename to "person_links"`,
      // As migration 0009 made it: a person's links read from the index alone.
      `create index "person_links_by_person_key" on "person_links" ("person_id", "source", "record_id", "role")`,
    ];
    // Kysely runs SQLite's migrations outside a transaction: one is opened here, so a migration cut
    // short leaves the old table as it was, not a table dropped and its copy under another name.
    await db.transaction().execute(async (trx) => {
      for (const statement of statements) await sql.raw(statement).execute(trx);
    });
  },
};
