// Person search, the person view and reveal. Scope is applied in the store query (grid workers),
// the presenter masks per role, and every read — found, out of scope or refused — is audited
// before the reply leaves.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../../errors.js';
import { notFound, type Principal } from '../../access/policy.js';
import { parsePurpose } from '../../access/purposes.js';
import { isMinor, presentSummary, revealableFields, revealValue, type PersonSummary } from '../../access/presenter.js';
import { treatmentOf } from '../../access/classification.js';
import { checkCode } from '../../access/service-code.js';
import type { PersonSearchRow } from '../../store/persons/person-reader.js';
import { auditEntry, badPurpose, mayReadPerson, principal, scopeOf, statedPurpose, today, type ApiContext } from '../context.js';
import { planSearch } from '../person-search.js';
import { ErrorSchema, PersonIdParams, PersonSummarySchema, PersonViewSchema, SafeText } from '../schemas.js';

const maxResults = 100;

async function search(ctx: ApiContext, who: Principal, q: string, limit: number): Promise<PersonSearchRow[]> {
  const plan = planSearch(q);
  const scope = await scopeOf(ctx, who);
  const persons = ctx.store.persons;
  if (plan.kind === 'nothing') return [];
  if (plan.kind === 'code_id' || plan.kind === 'code_token') {
    let codeId: string;
    if (plan.kind === 'code_token') {
      const check = await checkCode(ctx.codeKey, plan.token, ctx.clock());
      if (!check.valid) return [];
      codeId = check.codeId;
    } else codeId = plan.codeId;
    const code = await ctx.store.access.serviceCodeById(codeId);
    return code === undefined ? [] : persons.find('person_id', [code.person_id], scope, 1);
  }
  const seen = new Set<string>();
  const out: PersonSearchRow[] = [];
  for (const step of plan.steps) {
    if (out.length >= limit) break;
    for (const row of await persons.find(step.column, step.values, scope, limit)) {
      if (seen.has(row.person_id) || out.length >= limit) continue;
      seen.add(row.person_id);
      out.push(row);
    }
  }
  return out;
}

export function personRoutes(base: FastifyInstance, ctx: ApiContext): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  const runSearch = async (request: FastifyRequest, q: string, limit: number | undefined) => {
    const who = principal(request);
    const { purpose, stated } = statedPurpose(request, who);
    const rows = await search(ctx, who, q, limit ?? 20);
    const codes = await ctx.store.access.serviceCodesOf(rows.map((r) => r.person_id));
    const day = today(ctx);
    const items: PersonSummary[] = rows.map((r) => presentSummary(r, who, codes.get(r.person_id) ?? null, day));
    await ctx.audit.write(auditEntry(ctx, request, who, 'person_search', rows.map((r) => r.person_id), purpose, 'ok', { results: rows.length, purpose_stated: stated ? 1 : 0 }));
    return { items, total: items.length };
  };
  const searchReply = { 200: Type.Object({ items: Type.Array(PersonSummarySchema), total: Type.Integer() }), 400: ErrorSchema };

  app.get(
    '/api/persons',
    {
      config: { permission: 'persons' },
      schema: {
        summary: 'Search persons by name (hanzi or pinyin), id number, phone or service code',
        description: 'The contract\'s route. The search text is in the URL, where proxies may log it: clients that can should use POST /api/persons/search.',
        tags: ['persons'],
        querystring: Type.Object({
          q: SafeText(100),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: maxResults, default: 20 })),
          purpose: Type.Optional(SafeText(20)),
        }),
        response: searchReply,
      },
    },
    async (request) => runSearch(request, request.query.q, request.query.limit),
  );

  app.post(
    '/api/persons/search',
    {
      config: { permission: 'persons' },
      schema: {
        summary: 'The same search with the text in the body, so an id number or phone never appears in a URL',
        tags: ['persons'],
        body: Type.Object({ q: SafeText(100), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: maxResults, default: 20 })), purpose: Type.Optional(SafeText(20)) }, { additionalProperties: false }),
        response: searchReply,
      },
    },
    async (request) => runSearch(request, request.body.q, request.body.limit),
  );

  app.get(
    '/api/persons/:id',
    {
      config: { permission: 'persons' },
      schema: {
        summary: "A person's golden record, source records and provenance, masked per role",
        tags: ['persons'],
        params: PersonIdParams,
        querystring: Type.Object({ purpose: Type.Optional(SafeText(20)) }),
        response: { 200: PersonViewSchema, 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      const who = principal(request);
      const { purpose, stated } = statedPurpose(request, who);
      const id = request.params.id;
      const outcome = await ctx.viewer.view(id, who, today(ctx));
      if (!outcome.found) {
        // Refused reads are logged too; the reply does not say whether the person exists.
        await ctx.audit.write(auditEntry(ctx, request, who, 'person_read', [id], purpose, 'denied'));
        throw notFound();
      }
      await ctx.audit.write(auditEntry(ctx, request, who, 'person_read', [id], purpose, 'ok', { purpose_stated: stated ? 1 : 0, records: outcome.records }));
      // From the read pool the view arrives serialised by this route's schema in its thread.
      // (The type provider types a reply by the schema's object; bytes are that object, already serialised.)
      if (Buffer.isBuffer(outcome.body)) return reply.type('application/json; charset=utf-8').send(outcome.body as never);
      return outcome.body;
    },
  );

  app.post(
    '/api/persons/:id/reveal',
    {
      config: { permission: 'reveal' },
      schema: {
        summary: 'One field unmasked for a stated purpose (audited)',
        tags: ['persons'],
        params: PersonIdParams,
        body: Type.Object({ field: Type.String({ maxLength: 40 }), purpose: Type.String({ maxLength: 40 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ field: Type.String(), value: Type.Union([Type.String(), Type.Null()]), audit_index: Type.Integer() }), 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const who = principal(request);
      const purpose = parsePurpose(request.body.purpose);
      const field = request.body.field;
      const cls = Object.hasOwn(revealableFields, field) ? revealableFields[field] : undefined;
      const id = request.params.id;
      // A refused reveal is audited too (who tried, on whom, why refused); the field is named only
      // when it is one of ours: whatever else was sent may be personal data.
      if (purpose === undefined || cls === undefined) {
        const reason = purpose === undefined ? 'no_purpose' : 'not_revealable';
        await ctx.audit.write(auditEntry(ctx, request, who, 'reveal', [id], purpose ?? 'none', 'denied', { field: cls === undefined ? 'unknown' : field, reason }));
        if (purpose === undefined) throw badPurpose();
        throw new AppError('bad_request', `不能查看该字段（可选：${Object.keys(revealableFields).join('、')}）`, `not a field that can be revealed (one of ${Object.keys(revealableFields).join(', ')})`, 'field');
      }
      const row = await ctx.store.persons.person(id);
      if (row === undefined || !(await mayReadPerson(ctx, who, row))) {
        await ctx.audit.write(auditEntry(ctx, request, who, 'reveal', [id], purpose, 'denied', { field }));
        throw notFound();
      }
      const treatment = treatmentOf(cls, who.role, isMinor(row.birth_date, today(ctx)));
      if (treatment === 'withhold') {
        await ctx.audit.write(auditEntry(ctx, request, who, 'reveal', [id], purpose, 'denied', { field }));
        throw new AppError('forbidden', '当前角色不能查看此字段', 'your role may not see this field');
      }
      const records = await ctx.store.persons.sourceRecords(id);
      const value = revealValue(row, records, who, field);
      const index = await ctx.audit.write(auditEntry(ctx, request, who, 'reveal', [id], purpose, 'ok', { field }));
      return { field, value, audit_index: index };
    },
  );
}
