// The route table test: generated from the routes the server registered, so a new route is tested
// the moment it exists. No credentials → 401; a role outside its rights → 403; a person outside a
// grid worker's region → 404; an officer never reads another department's source records, nor a
// person whom none of them touches; an analyst never sees a person.

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, isPermission, isRole, roles } from '../access/roles.js';
import { fixtureAccounts, makeApiFixture, type ApiFixture } from '../test-support/api.js';
import { storeFactories } from '../test-support/stores.js';
import type { RouteInfo } from './server.js';

const roleOf = Object.fromEntries(fixtureAccounts.map((a) => [a.username, a.role])) as Record<string, string>;

function allowed(route: RouteInfo, role: string): boolean {
  if (route.permission.includes('public') || route.permission.includes('signed_in')) return true;
  return isRole(role) && route.permission.some((p) => isPermission(p) && can(role, p));
}

for (const factory of storeFactories) {
  describe.skipIf(!factory.available)(`route policy on ${factory.name}`, () => {
    let f: ApiFixture;
    let inside: string;
    let outside: string;
    beforeAll(async () => {
      f = await makeApiFixture(factory);
      const kysely = f.store.resolution.kysely;
      inside = (await kysely.selectFrom('persons').select('person_id').where('residence_region', '=', f.gridRegion).orderBy('person_id').executeTakeFirstOrThrow()).person_id;
      outside = (await kysely.selectFrom('persons').select('person_id').where('residence_region', '=', f.otherRegion).orderBy('person_id').executeTakeFirstOrThrow()).person_id;
    }, 180_000);
    afterAll(async () => f?.close());

    const concrete = (url: string, person: string): string => url.replace(':id', person).replace(':source', 'police_residence').replace(':job', randomUUID());
    const auth = (username: string) => ({ authorization: `Bearer ${f.tokens[username]}` });

    it('every route declares a policy, and the list covers the fixed routes of the contract', () => {
      const urls = new Set(f.server.yima.routes.map((r) => `${r.method} ${r.url}`));
      for (const fixed of ['GET /api/health', 'POST /api/auth/login', 'GET /api/persons', 'GET /api/persons/:id', 'POST /api/persons/:id/reveal', 'GET /api/persons/:id/code', 'POST /api/codes/verify', 'GET /api/kpis', 'GET /api/audit/checkpoint', 'GET /api/audit/proof']) {
        expect(urls, fixed).toContain(fixed);
      }
      for (const r of f.server.yima.routes) expect(r.permission.length, r.url).toBeGreaterThan(0);
    });

    it('no credentials, or a forged token: 401 on every route that is not public', async () => {
      for (const route of f.server.yima.routes) {
        if (route.permission.includes('public')) continue;
        const url = concrete(route.url, inside);
        const none = await f.server.inject({ method: route.method as 'GET', url });
        expect(none.statusCode, `${route.method} ${route.url}`).toBe(401);
        expect(none.json<{ error: { code: string } }>().error.code).toBe('unauthorized');
        const forged = await f.server.inject({ method: route.method as 'GET', url, headers: { authorization: `Bearer ${'x'.repeat(43)}` } });
        expect(forged.statusCode, `${route.method} ${route.url} forged`).toBe(401);
      }
    });

    it('each role outside its rights: 403; inside them: neither 401 nor 403', async () => {
      for (const route of f.server.yima.routes) {
        // Signing out would end the sessions the other tests use; it has its own test.
        if (route.permission.includes('public') || route.url === '/api/auth/logout') continue;
        for (const account of fixtureAccounts) {
          const reply = await f.server.inject({ method: route.method as 'GET', url: concrete(route.url, inside), headers: auth(account.username), payload: route.method === 'POST' ? {} : undefined });
          const label = `${account.role} ${route.method} ${route.url} → ${reply.statusCode}`;
          // The concrete source is the police's: another department's officer is refused it.
          const otherDepartment = route.url.includes(':source') && account.role === 'officer' && account.department !== '市公安局';
          if (!allowed(route, account.role) || otherDepartment) expect(reply.statusCode, label).toBe(403);
          else if (!(route.url === '/api/persons/:id/code' && account.role === 'resident')) expect([401, 403], label).not.toContain(reply.statusCode);
        }
      }
    }, 120_000);

    it('roles cover the contract', () => {
      expect([...roles]).toEqual(expect.arrayContaining(['admin', 'auditor', 'analyst', 'officer', 'grid_worker', 'clerk']));
      expect(roleOf.grid1).toBe('grid_worker');
    });

    it('a grid worker gets 404 for a person outside the region, on every person route; the person inside is found', async () => {
      const read = await f.server.inject({ url: `/api/persons/${inside}`, headers: auth('grid1') });
      expect(read.statusCode).toBe(200);
      expect((await f.server.inject({ url: `/api/persons/${outside}`, headers: auth('grid1') })).statusCode).toBe(404);
      expect((await f.server.inject({ method: 'POST', url: `/api/persons/${outside}/reveal`, headers: auth('grid1'), payload: { field: 'phone', purpose: 'registration_check' } })).statusCode).toBe(404);
      // The same 404 as for a person who does not exist: existence does not leak.
      const missing = await f.server.inject({ url: '/api/persons/Pnobody0000', headers: auth('grid1') });
      expect(missing.statusCode).toBe(404);
      expect(missing.body).toBe((await f.server.inject({ url: `/api/persons/${outside}`, headers: auth('grid1') })).body);
      // Search never returns anyone outside the region.
      const all = await f.store.resolution.kysely.selectFrom('persons').select(['name', 'residence_region']).where('name', 'is not', null).limit(200).execute();
      for (const p of all.slice(0, 40)) {
        const found = await f.server.inject({ url: `/api/persons?q=${encodeURIComponent(p.name!)}`, headers: auth('grid1') });
        for (const item of found.json<{ items: { residence_region: string | null }[] }>().items) expect(item.residence_region?.startsWith(f.gridRegion.slice(0, 6))).toBe(true);
      }
      // Nor does the unregistered list or the conflicts list.
      const unreg = await f.server.inject({ url: '/api/unregistered', headers: auth('grid1') });
      for (const item of unreg.json<{ items: { district: string | null }[] }>().items) expect(item.district).toBe(f.gridRegion);
    });

    it("an officer reads only their own department's source records and sources", async () => {
      const kysely = f.store.resolution.kysely;
      const mixed = await kysely
        .selectFrom('person_links as a')
        .innerJoin('person_links as b', 'a.person_id', 'b.person_id')
        .select('a.person_id')
        .where('a.source', '=', 'police_residence')
        .where('b.source', '=', 'health_records')
        .executeTakeFirstOrThrow();
      const view = await f.server.inject({ url: `/api/persons/${mixed.person_id}`, headers: auth('officer1') });
      const body = view.json<{ records: { department: string }[]; records_withheld: number }>();
      expect(body.records.length).toBeGreaterThan(0);
      for (const r of body.records) expect(r.department).toBe('市公安局');
      expect(body.records_withheld).toBeGreaterThan(0);
      const health = await f.server.inject({ url: `/api/persons/${mixed.person_id}`, headers: auth('officer2') });
      expect(health.json<{ records: { department: string }[] }>().records.every((r) => r.department === '市卫生健康委员会')).toBe(true);
      expect((await f.server.inject({ url: '/api/sources/health_records/runs', headers: auth('officer1') })).statusCode).toBe(403);
      expect((await f.server.inject({ url: '/api/sources/health_records/quarantine', headers: auth('officer1') })).statusCode).toBe(403);
      expect((await f.server.inject({ url: '/api/sources/police_residence/runs', headers: auth('officer1') })).statusCode).toBe(200);
      const sources = await f.server.inject({ url: '/api/sources', headers: auth('officer1') });
      expect(sources.json<{ items: { department: string }[] }>().items.every((s) => s.department === '市公安局')).toBe(true);
    });

    it("an officer reads only the persons their department's sources touch: view, reveal, search and the work lists", async () => {
      // officer2 holds the health records (no residence registration).
      const kysely = f.store.resolution.kysely;
      const health = kysely.selectFrom('person_links').select('person_id').where('source', '=', 'health_records');
      const linked = new Set((await health.execute()).map((r) => r.person_id));
      // A person with a name and an id number whom no health record touches.
      const stranger = await kysely.selectFrom('persons').select(['person_id', 'name', 'id_number']).where('person_id', 'not in', health).where('name', 'is not', null).where('id_number', 'is not', null).orderBy('person_id').executeTakeFirstOrThrow();
      const view = await f.server.inject({ url: `/api/persons/${stranger.person_id}`, headers: auth('officer2') });
      expect(view.statusCode).toBe(404);
      // The same reply as for a person who does not exist; an admin reads the person.
      expect(view.body).toBe((await f.server.inject({ url: '/api/persons/Pnobody0000', headers: auth('officer2') })).body);
      expect((await f.server.inject({ url: `/api/persons/${stranger.person_id}`, headers: auth('admin1') })).statusCode).toBe(200);
      const reveal = await f.server.inject({ method: 'POST', url: `/api/persons/${stranger.person_id}/reveal`, headers: auth('officer2'), payload: { field: 'phone', purpose: 'registration_check' } });
      expect(reveal.statusCode).toBe(404);
      const audited = (await f.store.auditReader.readEntries((await f.store.auditReader.head()).size - 1, 1)).map((e) => JSON.parse(Buffer.from(e.encoded).toString('utf8')) as { action: string; outcome: string; objectIds: string[] });
      expect(audited[0]).toMatchObject({ action: 'reveal', outcome: 'denied', objectIds: [stranger.person_id] });
      // Search finds the person for an admin, never for the officer; whatever it finds, the department's sources touch.
      for (const q of [stranger.id_number!, stranger.name!]) {
        const admin = await f.server.inject({ method: 'POST', url: '/api/persons/search', headers: auth('admin1'), payload: { q } });
        expect(admin.json<{ items: { person_id: string }[] }>().items.map((i) => i.person_id)).toContain(stranger.person_id);
        const officer = await f.server.inject({ method: 'POST', url: '/api/persons/search', headers: auth('officer2'), payload: { q } });
        expect(officer.statusCode).toBe(200);
        for (const item of officer.json<{ items: { person_id: string }[] }>().items) expect(linked.has(item.person_id), q).toBe(true);
      }
      const names = await kysely.selectFrom('persons').select('name').where('person_id', 'in', health).where('name', 'is not', null).limit(30).execute();
      let found = 0;
      for (const { name } of names) {
        const items = (await f.server.inject({ method: 'POST', url: '/api/persons/search', headers: auth('officer2'), payload: { q: name } })).json<{ items: { person_id: string }[] }>().items;
        found += items.length;
        for (const item of items) expect(linked.has(item.person_id)).toBe(true);
      }
      expect(found).toBeGreaterThan(0);
      // The conflicts and unregistered lists hold the officer's persons only, and fewer than an admin's.
      for (const url of ['/api/conflicts?limit=500', '/api/unregistered?limit=5000']) {
        const mine = (await f.server.inject({ url, headers: auth('officer2') })).json<{ items: { person_id: string }[] }>().items;
        const every = (await f.server.inject({ url, headers: auth('admin1') })).json<{ items: { person_id: string }[] }>().items;
        for (const item of mine) expect(linked.has(item.person_id), url).toBe(true);
        expect(mine.length, url).toBe(every.filter((i) => linked.has(i.person_id)).length);
        expect(mine.length, url).toBeLessThan(every.length);
      }
    });

    it('the department that registers residence also reads the unregistered list, its work queue, and those persons; no one else beyond its sources', async () => {
      // officer1 holds the police's residence registrations: the unregistered are by definition not in them.
      const kysely = f.store.resolution.kysely;
      const police = kysely.selectFrom('person_links').select('person_id').where('source', '=', 'police_residence');
      const list = (url: string, who: string) => f.server.inject({ url, headers: auth(who) }).then((r) => r.json<{ items: { person_id: string }[] }>().items.map((i) => i.person_id));
      const all = await list('/api/unregistered?limit=5000', 'admin1');
      expect(all.length).toBeGreaterThan(0);
      expect(await list('/api/unregistered?limit=5000', 'officer1')).toEqual(all);
      const listed = all[0]!;
      expect((await f.server.inject({ url: `/api/persons/${listed}`, headers: auth('officer1') })).statusCode).toBe(200);
      const neither = await kysely.selectFrom('persons').select('person_id').where('person_id', 'not in', police).where('evidence', 'is', null).orderBy('person_id').executeTakeFirstOrThrow();
      expect((await f.server.inject({ url: `/api/persons/${neither.person_id}`, headers: auth('officer1') })).statusCode).toBe(404);
      expect((await f.server.inject({ url: `/api/persons/${neither.person_id}`, headers: auth('admin1') })).statusCode).toBe(200);
    });

    it('an analyst never sees a person: every route that returns one is refused', async () => {
      for (const route of f.server.yima.routes) {
        if (!route.permission.some((p) => ['persons', 'reveal', 'codes', 'own_code', 'verify_code', 'reviews', 'conflicts', 'unregistered'].includes(p))) continue;
        const reply = await f.server.inject({ method: route.method as 'GET', url: concrete(route.url, inside), headers: auth('analyst1'), payload: route.method === 'POST' ? {} : undefined });
        expect(reply.statusCode, route.url).toBe(403);
      }
      const kpis = await f.server.inject({ url: '/api/kpis', headers: auth('analyst1') });
      expect(kpis.statusCode).toBe(200);
    });

    it("a resident fetches their own service code and no one else's", async () => {
      const own = (await f.store.access.findUser('resident1'))!.person_id!;
      expect((await f.server.inject({ url: `/api/persons/${own}/code`, headers: auth('resident1') })).statusCode).toBe(200);
      expect((await f.server.inject({ url: `/api/persons/${outside}/code`, headers: auth('resident1') })).statusCode).toBe(403);
      // PIPL art. 45: the resident sees who read their record — by role and purpose, not by name.
      await f.server.inject({ url: `/api/persons/${own}`, headers: { ...auth('clerk1'), 'x-purpose': 'public_service' } });
      const log = await f.server.inject({ url: '/api/me/access-log', headers: auth('resident1') });
      expect(log.statusCode).toBe(200);
      expect(log.json<{ items: { role: string; action: string; purpose: string }[] }>().items[0]).toMatchObject({ role: 'clerk', action: 'person_read', purpose: 'public_service' });
      expect(log.body).not.toContain('clerk1');
      const me = await f.server.inject({ url: '/api/auth/me', headers: auth('resident1') });
      expect(me.json<{ user: { person_id: string } }>().user.person_id).toBe(own);
    });
  });
}
