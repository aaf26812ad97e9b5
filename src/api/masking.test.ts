// Masking per role and field from the classification table, and the promise behind it: no
// unmasked id number or phone in any response, log line or error message unless revealed.

import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classificationMarkdown, treatmentOf, type ClassifiedField } from '../access/classification.js';
import { isRole } from '../access/roles.js';
import { buildServer, type YimaServer } from './server.js';
import { fixtureAccounts, makeApiFixture, type ApiFixture } from '../test-support/api.js';
import { storeFactories, testSigner } from '../test-support/stores.js';
import { readFileSync } from 'node:fs';

const sqlite = storeFactories[0]!;

describe('masking', () => {
  let f: ApiFixture;
  let logged: YimaServer;
  const logs: string[] = [];
  let secrets: string[];
  let someone: { person_id: string; name: string; id_number: string; phone: string; birth_date: string };
  beforeAll(async () => {
    f = await makeApiFixture(sqlite);
    logged = await buildServer({
      store: f.store, node: f.node, dataDir: f.dir.path, codeKey: f.codeKey, clock: () => f.clock.now, auditVerifier: testSigner,
      logStream: new Writable({ write(chunk: Buffer, _enc, done) { logs.push(chunk.toString('utf8')); done(); } }),
    });
    const rows = await f.store.resolution.kysely.selectFrom('persons').select(['person_id', 'name', 'id_number', 'phone', 'residence_region', 'birth_date']).execute();
    secrets = rows.flatMap((r) => [r.id_number, r.phone]).filter((v): v is string => v !== null && v.length >= 11);
    const pick = rows.find((r) => r.id_number !== null && r.phone !== null && r.name !== null && r.birth_date !== null && r.residence_region === f.gridRegion && r.id_number.length === 18 && r.birth_date < '2000')!;
    someone = { person_id: pick.person_id, name: pick.name!, id_number: pick.id_number!, phone: pick.phone!, birth_date: pick.birth_date! };
  }, 180_000);
  afterAll(async () => {
    await logged?.close();
    await f?.close();
  });

  const auth = (username: string) => ({ authorization: `Bearer ${f.tokens[username]}` });
  const leaks = (text: string): string[] => secrets.filter((s) => text.includes(s));

  it('docs/SECURITY.md carries the classification table exactly as the code applies it', () => {
    const doc = readFileSync(new URL('../../docs/SECURITY.md', import.meta.url), 'utf8');
    expect(doc).toContain(classificationMarkdown());
  });

  it('the person view applies the table: per role, each golden field shown, masked or withheld', async () => {
    for (const account of fixtureAccounts) {
      if (!['admin', 'officer', 'grid_worker', 'clerk'].includes(account.role) || !isRole(account.role)) continue;
      const view = await f.server.inject({ url: `/api/persons/${someone.person_id}`, headers: auth(account.username) });
      expect(view.statusCode).toBe(200);
      const golden = view.json<{ golden: Record<string, { value: string | null; masked: boolean } | null> }>().golden;
      const expectations: [ClassifiedField, string][] = [['id_number', someone.id_number], ['phone', someone.phone], ['name', someone.name]];
      for (const [field, value] of expectations) {
        const t = treatmentOf(field, account.role);
        const shown = golden[field];
        if (t === 'withhold') expect(shown ?? null, `${account.role} ${field}`).toBeNull();
        else if (t === 'mask') {
          expect(shown?.masked, `${account.role} ${field}`).toBe(true);
          expect(shown?.value).not.toBe(value);
        } else expect(shown?.value, `${account.role} ${field}`).toBe(value);
      }
      if (treatmentOf('id_number', account.role) === 'mask') expect(golden.id_number?.value).toBe(`${someone.id_number.slice(0, 6)}********${someone.id_number.slice(-4)}`);
      if (treatmentOf('phone', account.role) === 'mask' && /^1\d{10}$/.test(someone.phone)) expect(golden.phone?.value).toBe(`${someone.phone.slice(0, 3)}****${someone.phone.slice(-4)}`);
    }
  });

  it('no full id number or phone in any response of any role, nor in logs or errors, unless revealed', async () => {
    const requests: { method: 'GET' | 'POST'; url: string; payload?: object }[] = [
      { method: 'GET', url: `/api/persons?q=${someone.id_number}` },
      { method: 'GET', url: `/api/persons?q=${someone.phone}` },
      { method: 'GET', url: `/api/persons?q=${encodeURIComponent(someone.name)}` },
      { method: 'POST', url: '/api/persons/search', payload: { q: someone.id_number } },
      { method: 'POST', url: '/api/persons/search', payload: { q: someone.phone, purpose: 'public_service' } },
      { method: 'GET', url: `/api/persons/${someone.person_id}` },
      { method: 'GET', url: `/api/persons/${someone.person_id}?purpose=${someone.id_number}` },
      { method: 'GET', url: '/api/reviews' },
      { method: 'GET', url: '/api/conflicts' },
      { method: 'GET', url: '/api/unregistered' },
      { method: 'GET', url: '/api/kpis' },
      { method: 'GET', url: '/api/sources' },
      { method: 'GET', url: '/api/sources/police_residence/quarantine' },
      { method: 'GET', url: '/api/audit/entries?limit=500' },
      { method: 'POST', url: `/api/persons/${someone.person_id}/reveal`, payload: { field: someone.id_number, purpose: 'public_service' } },
      { method: 'POST', url: `/api/persons/${someone.person_id}/reveal`, payload: { field: 'id_number', purpose: someone.phone } },
      { method: 'POST', url: '/api/codes/verify', payload: { code: someone.id_number } },
      { method: 'POST', url: '/api/auth/login', payload: { username: someone.phone, password: someone.id_number } },
    ];
    for (const account of fixtureAccounts) {
      for (const r of requests) {
        const reply = await logged.inject({ method: r.method, url: r.url, headers: auth(account.username), ...(r.payload === undefined ? {} : { payload: r.payload }) });
        expect(leaks(reply.body), `${account.role} ${r.method} ${r.url} → ${reply.statusCode}`).toEqual([]);
      }
    }
    const code = await logged.inject({ url: `/api/persons/${someone.person_id}/code`, headers: auth('clerk1') });
    const verify = await logged.inject({ method: 'POST', url: '/api/codes/verify', headers: auth('clerk1'), payload: { code: code.json<{ code: string }>().code } });
    expect(verify.json<{ valid: boolean; person: { name: string } }>().person.name).toBe(`${someone.name.slice(0, 1)}${'*'.repeat([...someone.name].length - 1)}`);
    expect(leaks(verify.body)).toEqual([]);
    // The token itself carries no personal data: its claims are a code id, an epoch and times.
    const claims = JSON.parse(Buffer.from(code.json<{ code: string }>().code.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(claims).sort()).toEqual(['ep', 'exp', 'iat', 'jti', 'sub']);
    expect(leaks(JSON.stringify(claims))).toEqual([]);
    expect(logs.length).toBeGreaterThan(0);
    expect(leaks(logs.join('\n'))).toEqual([]);
  });

  it('a birth date is shown by its year only beside a masked id number (month and day are its hidden digits), and revealed on purpose', async () => {
    const year = someone.birth_date.slice(0, 4);
    for (const account of fixtureAccounts) {
      if (!isRole(account.role) || treatmentOf('id_number', account.role) !== 'mask') continue;
      expect(treatmentOf('birth_date', account.role), account.role).toBe('mask');
      const view = await f.server.inject({ url: `/api/persons/${someone.person_id}`, headers: auth(account.username) });
      expect(view.json<{ golden: Record<string, { value: string | null; masked: boolean } | null> }>().golden.birth_date).toMatchObject({ value: `${year}-**-**`, masked: true });
      expect(view.body, account.role).not.toContain(someone.birth_date);
      expect(view.body, account.role).not.toContain(someone.birth_date.replaceAll('-', ''));
      const search = await f.server.inject({ url: `/api/persons?q=${encodeURIComponent(someone.name)}`, headers: auth(account.username) });
      expect(search.body, account.role).not.toContain(someone.birth_date);
    }
    const code = await f.server.inject({ url: `/api/persons/${someone.person_id}/code`, headers: auth('clerk1') });
    const verify = await f.server.inject({ method: 'POST', url: '/api/codes/verify', headers: auth('clerk1'), payload: { code: code.json<{ code: string }>().code } });
    expect(verify.body).not.toContain(someone.birth_date);
    const reveal = await f.server.inject({ method: 'POST', url: `/api/persons/${someone.person_id}/reveal`, headers: auth('clerk1'), payload: { field: 'birth_date', purpose: 'public_service' } });
    expect(reveal.statusCode).toBe(200);
    expect(reveal.json<{ value: string }>().value).toBe(someone.birth_date);
  });

  it('a refused reveal is audited too: no purpose, a field that cannot be revealed, a role without the right', async () => {
    const entryAt = async (index: number): Promise<Record<string, unknown>> => {
      const [entry] = await f.store.auditReader.readEntries(index, 1);
      return JSON.parse(Buffer.from(entry!.encoded).toString('utf8')) as Record<string, unknown>;
    };
    const attempts: [string, object, number, Record<string, unknown>][] = [
      ['clerk1', { field: 'id_number', purpose: '' }, 400, { actor: 'clerk1', outcome: 'denied', objectIds: [someone.person_id], details: { field: 'id_number', reason: 'no_purpose' } }],
      ['clerk1', { field: someone.id_number, purpose: 'public_service' }, 400, { outcome: 'denied', details: { field: 'unknown', reason: 'not_revealable' } }],
      ['analyst1', { field: 'id_number', purpose: 'public_service' }, 403, { actor: 'analyst1', role: 'analyst', outcome: 'denied', objectIds: [], details: { reason: 'role', route: '/api/persons/:id/reveal' } }],
    ];
    for (const [username, payload, status, expected] of attempts) {
      const before = (await f.store.auditReader.head()).size;
      const reply = await f.server.inject({ method: 'POST', url: `/api/persons/${someone.person_id}/reveal`, headers: auth(username), payload });
      expect(reply.statusCode, JSON.stringify(payload)).toBe(status);
      expect((await f.store.auditReader.head()).size).toBe(before + 1);
      const logged = await entryAt(before);
      expect(logged).toMatchObject({ action: 'reveal', ...expected });
      expect(leaks(JSON.stringify(logged))).toEqual([]);
    }
  });

  it('reveal shows one field for a stated purpose, and the audit log records who, role, purpose and field (no personal data)', async () => {
    const none = await f.server.inject({ method: 'POST', url: `/api/persons/${someone.person_id}/reveal`, headers: auth('clerk1'), payload: { field: 'id_number', purpose: '' } });
    expect(none.statusCode).toBe(400);
    expect(none.json<{ error: { field: string } }>().error.field).toBe('purpose');
    const ok = await f.server.inject({ method: 'POST', url: `/api/persons/${someone.person_id}/reveal`, headers: auth('clerk1'), payload: { field: 'id_number', purpose: '公共服务办理' } });
    expect(ok.statusCode).toBe(200);
    const body = ok.json<{ value: string; audit_index: number }>();
    expect(body.value).toBe(someone.id_number);
    // The leak detector of the test above does fire on a revealed value.
    expect(leaks(ok.body)).toEqual([someone.id_number]);
    const [entry] = await f.store.auditReader.readEntries(body.audit_index, 1);
    const logged = JSON.parse(Buffer.from(entry!.encoded).toString('utf8')) as Record<string, unknown>;
    expect(logged).toMatchObject({ action: 'reveal', actor: 'clerk1', role: 'clerk', purpose: 'public_service', objectIds: [someone.person_id], details: { field: 'id_number' } });
    expect(leaks(JSON.stringify(logged))).toEqual([]);
  });

  it('every person read and search is in the audit log with its purpose', async () => {
    const before = (await f.store.auditReader.head()).size;
    await f.server.inject({ url: `/api/persons/${someone.person_id}`, headers: { ...auth('grid1'), 'x-purpose': encodeURIComponent('登记核验') } });
    await f.server.inject({ url: `/api/persons?q=${encodeURIComponent(someone.name)}`, headers: auth('grid1') });
    await f.server.inject({ url: `/api/persons/${someone.person_id}?purpose=nonsense`, headers: auth('grid1') });
    const entries = await f.store.auditReader.readEntries(before, 10);
    const decoded = entries.map((e) => JSON.parse(Buffer.from(e.encoded).toString('utf8')) as { action: string; purpose: string; details?: Record<string, number> });
    expect(decoded.map((d) => d.action)).toEqual(['person_read', 'person_search']);
    expect(decoded[0]).toMatchObject({ purpose: 'registration_check', details: { purpose_stated: 1 } });
    expect(decoded[1]).toMatchObject({ purpose: 'registration_check', details: { purpose_stated: 0 } });
  });
});
