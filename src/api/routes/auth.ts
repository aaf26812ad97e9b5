// Health, sign-in, sign-out and "who am I". Sign-in outcomes (ok, failed, locked) are audited.

import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { publicUser } from '../../access/accounts.js';
import { permissionsOf } from '../../access/roles.js';
import { regionName } from '../../identity/region.js';
import { principal, auditEntry, type ApiContext } from '../context.js';
import { decodeAuditEntry } from '../../audit/entry.js';
import { ErrorSchema, OkSchema } from '../schemas.js';
import { bearerToken, SESSION_COOKIE } from '../server.js';

const UserSchema = Type.Object({
  username: Type.String(),
  role: Type.String(),
  department: Type.Union([Type.String(), Type.Null()]),
  region: Type.Union([Type.String(), Type.Null()]),
  region_name: Type.Union([Type.String(), Type.Null()]),
  /** A resident's own person (the only person their account may ask about); null for staff. */
  person_id: Type.Union([Type.String(), Type.Null()]),
});

export function authRoutes(base: FastifyInstance, ctx: ApiContext): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/health', { config: { permission: 'public' }, schema: { summary: 'Liveness', tags: ['system'], security: [], response: { 200: Type.Object({ status: Type.String() }) } } }, () => ({ status: 'ok' }));

  app.post(
    '/api/auth/login',
    {
      config: { permission: 'public' },
      schema: {
        summary: 'Sign in: a bearer token and a session cookie',
        tags: ['auth'],
        security: [],
        body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ token: Type.String(), expires_at: Type.String(), user: UserSchema }), 400: ErrorSchema, 401: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const outcome = await ctx.auth.login(username, password, async (event) => {
        const who = event.username === null ? null : { username: event.username, role: (event.role ?? 'none') as never, department: null, region: null, personId: null };
        await ctx.audit.write(auditEntry(ctx, request, who, event.outcome === 'ok' ? 'login' : 'login_failed', [], 'sign-in', event.outcome === 'ok' ? 'ok' : 'denied', { result: event.outcome, failures: event.failures }));
      }, request.ip);
      void reply.setCookie(SESSION_COOKIE, outcome.token, { httpOnly: true, sameSite: 'strict', secure: true, path: '/', expires: new Date(outcome.expiresAt) });
      const user = publicUser(outcome.user);
      return { token: outcome.token, expires_at: outcome.expiresAt, user: { username: user.username, role: user.role, department: user.department, region: user.region, region_name: user.region_name, person_id: user.role === 'resident' ? outcome.user.person_id : null } };
    },
  );

  app.post('/api/auth/logout', { config: { permission: 'signed_in' }, schema: { summary: 'Sign out', tags: ['auth'], response: { 200: OkSchema } } }, async (request, reply) => {
    await ctx.auth.logout(bearerToken(request));
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get(
    '/api/auth/me',
    { config: { permission: 'signed_in' }, schema: { summary: 'The signed-in account and what it may do', tags: ['auth'], response: { 200: Type.Object({ user: UserSchema, permissions: Type.Array(Type.String()) }) } } },
    (request) => {
      const who = principal(request);
      return {
        user: { username: who.username, role: who.role, department: who.department, region: who.region, region_name: who.region === null ? null : regionName(who.region), person_id: who.role === 'resident' ? who.personId : null },
        permissions: permissionsOf(who.role),
      };
    },
  );

  app.get(
    '/api/me/access-log',
    {
      config: { permission: 'own_code' },
      schema: {
        summary: "A resident's own access log (PIPL art. 45): when their record was read, by which role and for what purpose",
        tags: ['auth'],
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ time: Type.String(), role: Type.String(), action: Type.String(), purpose: Type.String(), outcome: Type.String() })), scanned: Type.Integer() }) },
      },
    },
    async (request) => {
      const who = principal(request);
      const own = who.personId;
      const limit = request.query.limit ?? 50;
      const items: { time: string; role: string; action: string; purpose: string; outcome: string }[] = [];
      const reader = ctx.store.auditReader;
      const head = await reader.head();
      // The newest 50,000 entries, newest first; staff are named by role only.
      let end = head.size;
      const floor = Math.max(0, end - 50_000);
      while (own !== null && end > floor && items.length < limit) {
        const start = Math.max(floor, end - 1000);
        for (const stored of (await reader.readEntries(start, end - start)).reverse()) {
          const entry = decodeAuditEntry(stored.encoded);
          if (!entry.objectIds.includes(own) || entry.actor === who.username) continue;
          items.push({ time: entry.time, role: entry.role, action: entry.action, purpose: entry.purpose, outcome: entry.outcome });
          if (items.length >= limit) break;
        }
        end = start;
      }
      return { items, scanned: head.size - end };
    },
  );
}
