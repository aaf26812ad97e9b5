// Sign-in and sessions. Tokens are 256 random bits shown once; the store keeps their SHA-256.
// Sessions end after `idleMs` without use or `absoluteMs` in all. Repeated failures slow the
// answer, then lock the account for a while; every outcome is reported for the audit log.
// A short in-process cache spares the store a read per request; it never outlives `cacheMs`, so a
// session ended elsewhere (another process, `yima user disable`) stops within that time.

import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';
import type { Store } from '../store/types.js';
import type { UserRow } from '../store/access/access-store.js';
import { verifyPassword } from './passwords.js';
import type { Principal } from './policy.js';
import { isRole } from './roles.js';

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
  /** Failures after which each answer is delayed. */
  slowAfter: number;
  /** Failures after which the account is locked. */
  lockAfter: number;
  lockMs: number;
  /** Delay per failure beyond `slowAfter`, capped at 3 s. */
  slowStepMs: number;
  /**
   * Failures from one client address within `clientWindowMs` after which its further failures are
   * slowed too (password spraying: one guess at each of many accounts). Slowed, never locked: an
   * office behind one gateway shares an address, and a lock would shut all of it out.
   */
  clientSlowAfter: number;
  clientWindowMs: number;
  cacheMs: number;
}

export const defaultSessionPolicy: SessionPolicy = {
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 3600_000,
  slowAfter: 3,
  lockAfter: 5,
  lockMs: 15 * 60_000,
  slowStepMs: 500,
  clientSlowAfter: 10,
  clientWindowMs: 15 * 60_000,
  cacheMs: 10_000,
};

export interface LoginOutcome {
  token: string;
  expiresAt: string;
  user: UserRow;
}

/** What the audit log is told of a sign-in attempt (no password, no token). */
export interface LoginEvent {
  username: string | null;
  role: string | null;
  outcome: 'ok' | 'failed' | 'locked';
  failures: number;
}

interface CachedSession {
  principal: Principal;
  expiresAt: number;
  lastSeen: number;
  touchedAt: number;
  readAt: number;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function unauthorized(): AppError {
  return new AppError('unauthorized', '未登录或会话已过期，请重新登录', 'not signed in, or the session has expired: sign in again');
}

export function principalOf(user: UserRow): Principal {
  return { username: user.username, role: isRole(user.role) ? user.role : 'resident', department: user.department, region: user.region, personId: user.person_id };
}

/** Names without an account, or client addresses, tracked at once: a spray of random ones cannot grow memory. */
const TRACKED_LIMIT = 10_000;

/** Sets `key` as the newest entry, dropping the oldest when the map is full. */
function setBounded<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  if (map.size >= TRACKED_LIMIT) {
    const oldest = map.keys().next();
    if (oldest.done !== true) map.delete(oldest.value);
  }
  map.set(key, value);
}

export class Authenticator {
  private readonly cache = new Map<string, CachedSession>();
  /**
   * Failed sign-ins under names that have no account, counted and locked exactly as an account's
   * are: otherwise the answer's delay and the lock would tell which names exist. Kept in memory
   * (a restart forgets them, as it forgets nothing an attacker could use).
   */
  private readonly unknownNames = new Map<string, { failures: number; lockedUntil: string | null }>();
  /** Failed sign-ins per client address in the current window (bounded like `unknownNames`). */
  private readonly clients = new Map<string, { failures: number; since: number }>();

  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
    private readonly policy: SessionPolicy = defaultSessionPolicy,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async login(username: string, password: string, onEvent: (e: LoginEvent) => Promise<void>, client = 'local'): Promise<LoginOutcome> {
    const now = this.clock();
    const user = await this.store.access.findUser(username);
    const unknown = user === undefined ? this.unknownNames.get(username) : undefined;
    const lockedUntil = user?.locked_until ?? unknown?.lockedUntil ?? null;
    if (lockedUntil !== null && lockedUntil > now.toISOString()) {
      await onEvent({ username: user?.username ?? null, role: user?.role ?? null, outcome: 'locked', failures: user?.failed_count ?? unknown?.failures ?? 0 });
      const retry = Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000);
      throw new AppError('rate_limited', `登录失败次数过多，账号已锁定，请 ${Math.ceil(retry / 60)} 分钟后再试`, `too many failed sign-ins: the account is locked; try again in ${Math.ceil(retry / 60)} min`, `retry_after_s=${retry}`);
    }
    const ok = (await verifyPassword(user?.password_hash ?? null, password)) && user !== undefined && user.disabled === 0;
    if (!ok) {
      // Counted on after a lock has run out, for a name with an account or without (a success resets it).
      const failures = (user?.failed_count ?? unknown?.failures ?? 0) + 1;
      const lockUntil = failures >= this.policy.lockAfter ? new Date(now.getTime() + this.policy.lockMs).toISOString() : null;
      if (user !== undefined) await this.store.access.recordFailure(user.username, failures, lockUntil, now.toISOString());
      else this.rememberUnknown(username, failures, lockUntil);
      await onEvent({ username: user?.username ?? null, role: user?.role ?? null, outcome: 'failed', failures });
      const fromClient = this.clientFailure(client, now.getTime());
      const delay = Math.max(
        failures > this.policy.slowAfter ? (failures - this.policy.slowAfter) * this.policy.slowStepMs : 0,
        fromClient > this.policy.clientSlowAfter ? (fromClient - this.policy.clientSlowAfter) * this.policy.slowStepMs : 0,
      );
      if (delay > 0) await this.sleep(Math.min(3000, delay));
      throw new AppError('unauthorized', '用户名或密码错误', 'wrong username or password');
    }
    await this.store.access.recordSuccess(user.username, now.toISOString());
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.policy.absoluteMs).toISOString();
    await this.store.access.createSession({ token_hash: tokenHash(token), username: user.username, created_at: now.toISOString(), last_seen_at: now.toISOString(), expires_at: expiresAt });
    await onEvent({ username: user.username, role: user.role, outcome: 'ok', failures: 0 });
    return { token, expiresAt, user };
  }

  /** Counts a failure from `client` and returns its failures in the current window. */
  private clientFailure(client: string, nowMs: number): number {
    const known = this.clients.get(client);
    const current = known === undefined || nowMs - known.since > this.policy.clientWindowMs ? { failures: 0, since: nowMs } : known;
    current.failures += 1;
    setBounded(this.clients, client, current);
    return current.failures;
  }

  private rememberUnknown(username: string, failures: number, lockedUntil: string | null): void {
    setBounded(this.unknownNames, username, { failures, lockedUntil });
  }

  /** The principal behind a token, or 401. Keeps the session alive (idle timer). */
  async authenticate(token: string | undefined): Promise<Principal> {
    if (token === undefined || token === '' || token.length > 128) throw unauthorized();
    const key = tokenHash(token);
    const now = this.clock().getTime();
    let session = this.cache.get(key);
    if (session === undefined || now - session.readAt > this.policy.cacheMs) {
      session = await this.read(key, now);
      if (session === undefined) {
        this.cache.delete(key);
        throw unauthorized();
      }
      this.cache.set(key, session);
    }
    if (now >= session.expiresAt || now - session.lastSeen >= this.policy.idleMs) {
      this.cache.delete(key);
      await this.store.access.deleteSession(key);
      throw unauthorized();
    }
    session.lastSeen = now;
    // The idle clock is kept in the store at most once a minute per session.
    if (now - session.touchedAt >= 60_000) {
      session.touchedAt = now;
      await this.store.access.touchSession(key, new Date(now).toISOString());
    }
    return session.principal;
  }

  private async read(key: string, now: number): Promise<CachedSession | undefined> {
    const row = await this.store.access.findSession(key);
    if (row === undefined) return undefined;
    const user = await this.store.access.findUser(row.username);
    if (user === undefined || user.disabled !== 0) return undefined;
    const lastSeen = Date.parse(row.last_seen_at);
    return { principal: principalOf(user), expiresAt: Date.parse(row.expires_at), lastSeen, touchedAt: lastSeen, readAt: now };
  }

  async logout(token: string | undefined): Promise<void> {
    if (token === undefined) return;
    const key = tokenHash(token);
    this.cache.delete(key);
    await this.store.access.deleteSession(key);
  }
}
