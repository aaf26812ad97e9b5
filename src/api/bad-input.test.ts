// Bad input at the API: oversize bodies, wrong types, injection strings in every search
// parameter, forged, expired and revoked service codes, codes signed by another key, and
// repeated failed sign-ins.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCodeKey, issueCode } from '../access/service-code.js';
import { makeApiFixture, testPassword, type ApiFixture } from '../test-support/api.js';
import { storeFactories } from '../test-support/stores.js';

const sqlite = storeFactories[0]!;

const injections = [
  "' OR '1'='1",
  "'; DROP TABLE persons; --",
  '" OR 1=1 --',
  "%' OR name LIKE '%",
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '../../../etc/passwd',
  '=HYPERLINK("http://x")',
  '\u202e\u200b张三',
  'a'.repeat(100),
  '1 UNION SELECT id_number FROM persons',
];

describe('API bad input', () => {
  let f: ApiFixture;
  let person: string;
  beforeAll(async () => {
    f = await makeApiFixture(sqlite, 300);
    person = (await f.store.resolution.kysely.selectFrom('persons').select('person_id').where('residence_region', '=', f.gridRegion).orderBy('person_id').executeTakeFirstOrThrow()).person_id;
  }, 180_000);
  afterAll(async () => f?.close());

  const auth = (username: string) => ({ authorization: `Bearer ${f.tokens[username]}` });
  type ErrorReply = { error: { code: string; message: string; message_zh: string; field?: string } };

  it('an oversize body is 413 with the error shape', async () => {
    const reply = await f.server.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y'.repeat(2 * 1024 * 1024) } });
    expect(reply.statusCode).toBe(413);
    expect(reply.json<ErrorReply>().error.code).toBe('payload_too_large');
  });

  it('wrong types are 400 naming the field, in both languages', async () => {
    const reveal = await f.server.inject({ method: 'POST', url: `/api/persons/${person}/reveal`, headers: auth('clerk1'), payload: { field: { name: 1 }, purpose: 'public_service' } });
    expect(reveal.statusCode).toBe(400);
    expect(reveal.json<ErrorReply>().error).toMatchObject({ code: 'bad_request', field: 'field' });
    expect(reveal.json<ErrorReply>().error.message_zh).toContain('field');
    const limit = await f.server.inject({ url: '/api/persons?q=abc&limit=many', headers: auth('clerk1') });
    expect(limit.statusCode).toBe(400);
    expect(limit.json<ErrorReply>().error.field).toBe('limit');
    const missing = await f.server.inject({ method: 'POST', url: '/api/codes/verify', headers: auth('clerk1'), payload: {} });
    expect(missing.json<ErrorReply>().error.field).toBe('code');
    const extra = await f.server.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a', password: 'b', role: 'admin' } });
    expect(extra.statusCode).toBe(400);
    const notJson = await f.server.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json<ErrorReply>().error.code).toBe('bad_request');
    const badId = await f.server.inject({ url: `/api/persons/${encodeURIComponent("P1' OR 1=1")}`, headers: auth('clerk1') });
    expect(badId.statusCode).toBe(400);
  });

  it('the router\'s own refusals keep the error shape and never quote the path', async () => {
    const badEscape = await f.server.inject({ url: '/api/persons/%E0%A4%A', headers: auth('admin1') });
    expect(badEscape.statusCode).toBe(400);
    expect(badEscape.json<ErrorReply>().error.code).toBe('bad_request');
    expect(badEscape.body).not.toContain('%E0');
    const long = `110105${'1'.repeat(300)}`;
    const tooLong = await f.server.inject({ url: `/api/persons/${long}`, headers: auth('admin1') });
    expect(tooLong.statusCode).toBe(414);
    expect(tooLong.json<ErrorReply>().error.code).toBe('uri_too_long');
    expect(tooLong.body).not.toContain('110105');
    const form = await f.server.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'username=a&password=b' });
    expect(form.statusCode).toBe(415);
    expect(form.json<ErrorReply>().error.code).toBe('unsupported_media_type');
  });

  it('the bearer scheme is read in any case', async () => {
    const token = f.tokens.admin1 ?? '';
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      expect((await f.server.inject({ url: '/api/auth/me', headers: { authorization: `${scheme} ${token}` } })).statusCode).toBe(200);
    }
    expect((await f.server.inject({ url: '/api/auth/me', headers: { authorization: `Basic ${token}` } })).statusCode).toBe(401);
  });

  it('injection strings in every search parameter: answered, never an error 500, the store intact', async () => {
    const count = async () => Number((await f.store.resolution.kysely.selectFrom('persons').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const routes = [
      (v: string) => `/api/persons?q=${encodeURIComponent(v)}`,
      (v: string) => `/api/persons?q=zhang&purpose=${encodeURIComponent(v)}`,
      (v: string) => `/api/unregistered?grid=${encodeURIComponent(v)}`,
      (v: string) => `/api/unregistered?district=${encodeURIComponent(v)}`,
      (v: string) => `/api/audit/entries?action=${encodeURIComponent(v)}&actor=${encodeURIComponent(v)}&object=${encodeURIComponent(v)}`,
      (v: string) => `/api/kpis?district=${encodeURIComponent(v)}`,
      (v: string) => `/api/kpis/trend?id=${encodeURIComponent(v)}`,
      (v: string) => `/api/sources/${encodeURIComponent(v)}/quarantine`,
    ];
    for (const value of injections) {
      for (const route of routes) {
        const reply = await f.server.inject({ url: route(value), headers: auth('admin1') });
        expect([200, 400, 404], `${route(value)} → ${reply.statusCode}`).toContain(reply.statusCode);
        if (reply.statusCode !== 200) expect(reply.json<ErrorReply>().error.code).toMatch(/^(bad_request|not_found)$/);
        else if (route(value).startsWith('/api/persons?q=')) expect(reply.json<{ items: unknown[] }>().items).toEqual([]);
      }
    }
    const badEscape = await f.server.inject({ url: '/api/persons?q=%E5%BC%A0%ZZ%ED%A0%80', headers: auth('admin1') });
    expect([200, 400]).toContain(badEscape.statusCode);
    const control = await f.server.inject({ url: `/api/persons?q=${encodeURIComponent('张\u0000三')}`, headers: auth('admin1') });
    expect(control.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('service codes: forged, expired, revoked, another key, garbage — all invalid with a reason', async () => {
    const issued = await f.server.inject({ url: `/api/persons/${person}/code`, headers: auth('clerk1') });
    const { code } = issued.json<{ code: string }>();
    const verify = (c: string) => f.server.inject({ method: 'POST', url: '/api/codes/verify', headers: auth('clerk1'), payload: { code: c } });
    expect((await verify(code)).json()).toMatchObject({ valid: true });

    const [h, p, sig] = code.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, exp: (claims.exp as number) + 86_400 * 365 })).toString('base64url')}.${sig}`;
    expect((await verify(forged)).json()).toEqual({ valid: false, reason: 'bad_signature' });
    const otherKey = await issueCode(generateCodeKey(), claims.sub as string, claims.ep as number, f.clock.now);
    expect((await verify(otherKey.code)).json()).toEqual({ valid: false, reason: 'bad_signature' });
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'yima-code+jwt' })).toString('base64url')}.${p}.${'A'.repeat(22)}`;
    expect((await verify(none)).json<{ valid: boolean }>().valid).toBe(false);
    expect((await verify('not a code at all')).json()).toEqual({ valid: false, reason: 'malformed' });
    expect((await verify(`${h}.${p}`)).json()).toEqual({ valid: false, reason: 'malformed' });

    // A code issued 25 hours ago has expired (its default life is 24 hours).
    const old = await issueCode(f.codeKey, claims.sub as string, claims.ep as number, new Date(f.clock.now.getTime() - 25 * 3600_000));
    expect((await verify(old.code)).json()).toEqual({ valid: false, reason: 'expired' });

    const revoke = await f.server.inject({ method: 'POST', url: `/api/persons/${person}/code/revoke`, headers: auth('clerk1') });
    expect(revoke.json()).toMatchObject({ revoked: true });
    expect((await verify(code)).json()).toEqual({ valid: false, reason: 'revoked' });
    const fresh = await f.server.inject({ url: `/api/persons/${person}/code?format=png`, headers: auth('clerk1') });
    expect(fresh.headers['content-type']).toBe('image/png');
    expect(fresh.rawPayload.subarray(1, 4).toString('latin1')).toBe('PNG');
    const again = (await f.server.inject({ url: `/api/persons/${person}/code`, headers: auth('clerk1') })).json<{ code: string }>().code;
    expect((await verify(again)).json()).toMatchObject({ valid: true });
  });

  it('sign-in: wrong passwords are slowed, then lock the account (429 with retry-after); all audited', async () => {
    const before = (await f.store.auditReader.head()).size;
    const attempt = (password: string) => f.server.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'officer2', password } });
    const started = Date.now();
    for (let i = 0; i < 5; i++) expect((await attempt('wrong-password-1')).statusCode).toBe(401);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    const locked = await attempt(testPassword);
    expect(locked.statusCode).toBe(429);
    expect(locked.json<ErrorReply & { error: { retry_after_s: number } }>().error.retry_after_s).toBeGreaterThan(0);
    expect(locked.json<ErrorReply>().error.message_zh).toContain('锁定');
    const unknown = await f.server.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } });
    expect(unknown.statusCode).toBe(401);
    // An unknown username gets the same answer as a wrong password: accounts cannot be enumerated.
    const wrong = await f.server.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'auditor1', password: 'x' } });
    expect(unknown.body).toBe(wrong.body);
    const saved = f.clock.now;
    f.clock.now = new Date(saved.getTime() + 16 * 60_000);
    try {
      expect((await attempt(testPassword)).statusCode).toBe(200);
    } finally {
      f.clock.now = saved;
    }
    const entries = await f.store.auditReader.readEntries(before, 100);
    const actions = entries.map((e) => (JSON.parse(Buffer.from(e.encoded).toString('utf8')) as { action: string }).action);
    expect(actions.filter((a) => a === 'login_failed').length).toBeGreaterThanOrEqual(7);
    expect(actions).toContain('login');
  }, 30_000);

  it('a name without an account is slowed and locked exactly as an account is: the delay and the lock tell nothing', async () => {
    // Each name from an address of its own: the per-address slowing is another test's subject.
    const attempt = (username: string) => f.server.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: `10.0.0.${username.length}`, payload: { username, password: 'wrong-password-2' } });
    const timed = async (username: string): Promise<{ ms: number; statuses: number[] }> => {
      const started = Date.now();
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await attempt(username)).statusCode);
      return { ms: Date.now() - started, statuses };
    };
    const real = await timed('analyst1');
    const ghost = await timed('ghost_user_no_account');
    expect(ghost.statuses).toEqual(real.statuses);
    expect(ghost.statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(ghost.ms).toBeGreaterThanOrEqual(1400);
    const locked = await attempt('ghost_user_no_account');
    expect(locked.json<ErrorReply & { error: { retry_after_s: number } }>().error).toMatchObject({ code: 'rate_limited' });
    expect(locked.headers['retry-after']).toBeDefined();
  }, 30_000);

  it('a session ends after 30 idle minutes, and at sign-out', async () => {
    const login = await f.server.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'clerk1', password: testPassword } });
    const token = login.json<{ token: string }>().token;
    const me = () => f.server.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect((await me()).statusCode).toBe(200);
    const saved = f.clock.now;
    f.clock.now = new Date(saved.getTime() + 31 * 60_000);
    try {
      expect((await me()).statusCode).toBe(401);
    } finally {
      f.clock.now = saved;
    }
    const second = (await f.server.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'clerk1', password: testPassword } })).json<{ token: string }>().token;
    expect((await f.server.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${second}` } })).statusCode).toBe(200);
    expect((await f.server.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${second}` } })).statusCode).toBe(401);
  });
});
