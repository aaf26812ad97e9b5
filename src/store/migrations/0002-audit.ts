// Migration 0002: the audit log's tables (issue 4). Entries and their leaf hashes by index; every
// completed perfect subtree above the leaves by nodeKey (insert-only: a completed subtree never
// changes); one signed checkpoint per appended batch; and the head row the appender locks, holding
// the size and compact range. Append-only in the database itself: triggers refuse UPDATE and DELETE
// (and TRUNCATE on PostgreSQL), and the head may only grow. Production also revokes those rights
// from the application role (docs/SECURITY.md).
//
// Distribution: the audit tables are keyed by log position, not by source or person. On a
// distributed engine audit_entries and audit_node are hash-distributed by their own key (idx, key)
// with no joins to anything; audit_head and audit_checkpoints are small and stay on one node, so the
// head's row lock keeps serialising appenders.

import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from './dialect.js';

const sqlite = [
  'create table audit_entries (idx integer primary key, entry blob not null, leaf blob not null)',
  'create table audit_node (key integer primary key, hash blob not null)',
  'create table audit_checkpoints (size integer primary key, root blob not null, note text not null, signed_at text not null)',
  'create table audit_head (id integer primary key check (id = 1), size integer not null, frontier blob not null)',
  "insert into audit_head (id, size, frontier) values (1, 0, x'')",
  ...['audit_entries', 'audit_node', 'audit_checkpoints'].flatMap((t) => [
    `create trigger ${t}_no_update before update on ${t} begin select raise(abort, 'audit log is append-only'); end`,
    `create trigger ${t}_no_delete before delete on ${t} begin select raise(abort, 'audit log is append-only'); end`,
  ]),
  `create trigger audit_head_grows before update on audit_head when new.id <> old.id or new.size <= old.size
   begin select raise(abort, 'audit log is append-only'); end`,
  "create trigger audit_head_no_delete before delete on audit_head begin select raise(abort, 'audit log is append-only'); end",
];

const postgres = [
  'create table audit_entries (idx bigint primary key, entry bytea not null, leaf bytea not null)',
  'create table audit_node (key bigint primary key, hash bytea not null)',
  'create table audit_checkpoints (size bigint primary key, root bytea not null, note text not null, signed_at text not null)',
  'create table audit_head (id smallint primary key check (id = 1), size bigint not null, frontier bytea not null)',
  "insert into audit_head (id, size, frontier) values (1, 0, '\\x')",
  `create function audit_refuse() returns trigger language plpgsql as $$
   begin raise exception 'audit log is append-only'; end $$`,
  `create function audit_head_guard() returns trigger language plpgsql as $$
   begin
     if tg_op <> 'UPDATE' or new.id <> old.id or new.size <= old.size then
       raise exception 'audit log is append-only';
     end if;
     return new;
   end $$`,
  ...['audit_entries', 'audit_node', 'audit_checkpoints'].flatMap((t) => [
    `create trigger ${t}_append_only before update or delete on ${t} for each row execute function audit_refuse()`,
    `create trigger ${t}_no_truncate before truncate on ${t} for each statement execute function audit_refuse()`,
  ]),
  'create trigger audit_head_grows before update or delete on audit_head for each row execute function audit_head_guard()',
  'create trigger audit_head_no_truncate before truncate on audit_head for each statement execute function audit_refuse()',
];

export const audit: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of (await isPostgres(db)) ? postgres : sqlite) await sql.raw(statement).execute(db);
  },
};
