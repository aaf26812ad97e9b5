// Persistence of accounts, sessions and service codes, written once with Kysely for both dialects.
// Policy (lock-out thresholds, timeouts, what a code means) lives in src/access; this file only
// keeps rows.

import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../schema.js';
import type { AccessTables, ServiceCodesTable, SessionsTable, UsersTable } from './tables.js';

export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ServiceCodeRow = Selectable<ServiceCodesTable>;

type AccessDb = Kysely<Database & AccessTables>;

function toUser(row: UserRow): UserRow {
  return { ...row, disabled: Number(row.disabled), failed_count: Number(row.failed_count) };
}

export class AccessStore {
  private readonly db: AccessDb;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<AccessTables>();
  }

  /** Adds an account; false when the username is taken. */
  async addUser(user: UserRow): Promise<boolean> {
    const result = await this.db.insertInto('users').values(user).onConflict((oc) => oc.column('username').doNothing()).executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async findUser(username: string): Promise<UserRow | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    return row === undefined ? undefined : toUser(row);
  }

  async listUsers(): Promise<UserRow[]> {
    return (await this.db.selectFrom('users').selectAll().orderBy('username').execute()).map(toUser);
  }

  async setPassword(username: string, passwordHash: string, at: string): Promise<void> {
    await this.db.updateTable('users').set({ password_hash: passwordHash, failed_count: 0, locked_until: null, updated_at: at }).where('username', '=', username).execute();
  }

  async recordFailure(username: string, failedCount: number, lockedUntil: string | null, at: string): Promise<void> {
    await this.db.updateTable('users').set({ failed_count: failedCount, locked_until: lockedUntil, updated_at: at }).where('username', '=', username).execute();
  }

  async recordSuccess(username: string, at: string): Promise<void> {
    await this.db.updateTable('users').set({ failed_count: 0, locked_until: null, updated_at: at }).where('username', '=', username).execute();
  }

  async createSession(session: SessionRow): Promise<void> {
    await this.db.insertInto('sessions').values(session).execute();
  }

  async findSession(tokenHash: string): Promise<SessionRow | undefined> {
    return this.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  async touchSession(tokenHash: string, at: string): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  /** Ends every session of an account (password change, disable). */
  async deleteSessionsOf(username: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('username', '=', username).execute();
  }

  async deleteExpiredSessions(now: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
  }

  async serviceCode(personId: string): Promise<ServiceCodeRow | undefined> {
    const row = await this.db.selectFrom('service_codes').selectAll().where('person_id', '=', personId).executeTakeFirst();
    return row === undefined ? undefined : { ...row, epoch: Number(row.epoch) };
  }

  async serviceCodesOf(personIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < personIds.length; i += 500) {
      const rows = await this.db.selectFrom('service_codes').select(['person_id', 'code_id']).where('person_id', 'in', personIds.slice(i, i + 500)).execute();
      for (const r of rows) out.set(r.person_id, r.code_id);
    }
    return out;
  }

  async serviceCodeById(codeId: string): Promise<ServiceCodeRow | undefined> {
    const row = await this.db.selectFrom('service_codes').selectAll().where('code_id', '=', codeId).executeTakeFirst();
    return row === undefined ? undefined : { ...row, epoch: Number(row.epoch) };
  }

  /** The person's code row, made with `codeId` if the person has none yet (a race keeps the first). */
  async ensureServiceCode(personId: string, codeId: string, at: string): Promise<ServiceCodeRow> {
    await this.db.insertInto('service_codes').values({ person_id: personId, code_id: codeId, epoch: 1, revoked_at: null, updated_at: at }).onConflict((oc) => oc.column('person_id').doNothing()).execute();
    const row = await this.serviceCode(personId);
    if (row === undefined) throw new Error('service code row vanished after insert');
    return row;
  }

  /** Revokes every code issued so far: the epoch moves on and older tokens fail verification. */
  async revokeServiceCodes(personId: string, at: string): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('service_codes').select('epoch').where('person_id', '=', personId).executeTakeFirst();
      if (row === undefined) return 0;
      const epoch = Number(row.epoch) + 1;
      await trx.updateTable('service_codes').set({ epoch, revoked_at: at, updated_at: at }).where('person_id', '=', personId).execute();
      return epoch;
    });
  }
}
