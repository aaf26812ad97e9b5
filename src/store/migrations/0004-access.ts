// Migration 0004: who may sign in and the service codes (issue 5). Accounts keep an argon2id hash,
// never a password; sessions keep the SHA-256 of their token, never the token, so a copy of the
// database cannot be replayed as a login. A person's service codes are one row: the opaque code id
// the QR carries and an epoch that revocation bumps (every code of an older epoch stops working).

import type { Kysely, Migration } from 'kysely';

export const access: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('users')
      .addColumn('username', 'text', (c) => c.primaryKey())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('department', 'text')
      .addColumn('region', 'text')
      .addColumn('person_id', 'text')
      .addColumn('disabled', 'integer', (c) => c.notNull())
      .addColumn('failed_count', 'integer', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_by_user').on('sessions').column('username').execute();
    // Person search by exact name (the pinyin key and numbers have their indexes since 0003).
    await db.schema.createIndex('persons_by_name').on('persons').column('name').execute();
    await db.schema
      .createTable('service_codes')
      .addColumn('person_id', 'text', (c) => c.primaryKey())
      .addColumn('code_id', 'text', (c) => c.notNull().unique())
      .addColumn('epoch', 'integer', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};
