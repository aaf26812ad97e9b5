// Review, conflicts and the unregistered list: the work queues of officers and grid workers.
// Records under review are shown side by side, masked like any person read, and audited.

import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../../errors.js';
import { notFound, regionPrefix, sourcesInScope, sourceVisible } from '../../access/policy.js';
import { maskValue, parseGolden, presentSummary } from '../../access/presenter.js';
import { treatmentOf, type ClassifiedField } from '../../access/classification.js';
import { applyDecision } from '../../resolve/review.js';
import { rebuildGolden } from '../../resolve/resolve.js';
import { splitRecordKey } from '../../store/resolution/load-inputs.js';
import { decodePerson } from '../../standard/person-codec.js';
import { regionName } from '../../identity/region.js';
import { xlsxBuffer } from '../../export/xlsx-writer.js';
import { auditEntry, mayReadPerson, principal, scopeOf, statedPurpose, today, type ApiContext } from '../context.js';
import { ErrorSchema, OkSchema } from '../schemas.js';
import type { Principal } from '../../access/policy.js';

const reviewFields: [string, ClassifiedField][] = [
  ['name', 'name'], ['id_number', 'id_number'], ['sex', 'sex'], ['birth_date', 'birth_date'], ['phone', 'phone'],
  ['hukou_address', 'hukou_detail'], ['residence_address', 'residence_detail'], ['employer_name', 'employer'],
];

function presentFields(encoded: string | undefined, who: Principal): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  if (encoded === undefined) return out;
  const person = decodePerson(encoded);
  for (const [name, cls] of reviewFields) {
    const v = person.fields[name as keyof typeof person.fields];
    const value = v === undefined ? null : (v.value ?? v.raw);
    const t = treatmentOf(cls, who.role);
    if (t === 'withhold' || value === null) continue;
    out[name] = t === 'mask' ? maskValue(cls, value) : value;
  }
  return out;
}

export function reviewRoutes(base: FastifyInstance, ctx: ApiContext): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const Side = Type.Object({ record_key: Type.String(), source: Type.String(), record_id: Type.String(), role: Type.String(), person_id: Type.Union([Type.String(), Type.Null()]), fields: Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()])) });

  app.get(
    '/api/reviews',
    {
      config: { permission: 'reviews' },
      schema: {
        summary: 'Possible matches waiting for a reviewer, side by side',
        tags: ['review'],
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ a: Side, b: Side, probability: Type.Number(), score: Type.Number(), levels: Type.Record(Type.String(), Type.Unknown()), created_at: Type.String() })) }) },
      },
    },
    async (request) => {
      const who = principal(request);
      const { purpose } = statedPurpose(request, who);
      // An officer reviews the pairs that involve a record of their own department's sources.
      const scope = await scopeOf(ctx, who);
      const pairs = await ctx.store.resolution.openReviews(request.query.limit ?? 50, scope.sources);
      const keys = [...new Set(pairs.flatMap((p) => [p.a, p.b]))];
      const personOf = await ctx.store.resolution.personsOfRecords(keys);
      const sources = await ctx.store.persons.sources();
      const encoded = new Map<string, string>();
      for (const key of keys) {
        const { source, recordId, role } = splitRecordKey(key);
        if (!sourceVisible(who, sources.get(source)?.department ?? null)) continue;
        const records = await ctx.store.resolution.kysely.selectFrom('record_persons').select('fields').where('source', '=', source).where('record_id', '=', recordId).where('role', '=', role).executeTakeFirst();
        if (records !== undefined) encoded.set(key, records.fields);
      }
      const side = (key: string) => {
        const { source, recordId, role } = splitRecordKey(key);
        return { record_key: key, source, record_id: recordId, role, person_id: personOf.get(key) ?? null, fields: presentFields(encoded.get(key), who) };
      };
      const items = pairs.map((p) => ({ a: side(p.a), b: side(p.b), probability: p.probability, score: p.score, levels: JSON.parse(p.levels) as Record<string, unknown>, created_at: p.createdAt }));
      const persons = [...new Set([...personOf.values()])];
      if (persons.length > 0) await ctx.audit.write(auditEntry(ctx, request, who, 'person_read', persons.slice(0, 10_000), purpose, 'ok', { what: 'review_queue', pairs: items.length }));
      return { items };
    },
  );

  app.post(
    '/api/reviews/decide',
    {
      config: { permission: 'reviews' },
      schema: {
        summary: 'Decide a pair: the same person or not (merges or splits, audited)',
        tags: ['review'],
        body: Type.Object({ a: Type.String({ minLength: 3, maxLength: 300 }), b: Type.String({ minLength: 3, maxLength: 300 }), same: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: OkSchema, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const who = principal(request);
      const { a, b, same } = request.body;
      if (a === b || splitRecordKey(a).role === '' || splitRecordKey(b).role === '') throw new AppError('bad_request', '须给出两条不同的记录', 'give two different record keys', 'a');
      if (!sourcesInScope(await scopeOf(ctx, who), [splitRecordKey(a), splitRecordKey(b)], false)) {
        throw new AppError('forbidden', '只能审核涉及本部门数据源记录的配对', "officers decide pairs that involve a record of their own department's sources");
      }
      await applyDecision(ctx.store.resolution, { a, b, same }, {
        nodeId: ctx.node.nodeId,
        jurisdiction: ctx.node.region,
        reviewer: who.username,
        role: who.role,
        now: ctx.clock,
        audit: (entries) => ctx.audit.writeAll(entries),
      });
      return { ok: true };
    },
  );

  app.get(
    '/api/conflicts',
    {
      config: { permission: 'conflicts' },
      schema: {
        summary: 'Fields where sources disagree, per person (masked)',
        tags: ['review'],
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ person_id: Type.String(), name: Type.Union([Type.String(), Type.Null()]), field: Type.String(), values: Type.Array(Type.Union([Type.String(), Type.Null()])), sources: Type.Array(Type.Array(Type.String())) })) }) },
      },
    },
    async (request) => {
      const who = principal(request);
      const { purpose } = statedPurpose(request, who);
      const rows = await ctx.store.persons.conflicts(await scopeOf(ctx, who), request.query.limit ?? 100);
      const items = rows.map((r) => {
        const cls = r.field as ClassifiedField;
        const t = treatmentOf(cls, who.role);
        const values = (JSON.parse(r.values) as string[]).map((v) => (t === 'withhold' ? null : t === 'mask' ? maskValue(cls, v) : v));
        return { person_id: r.person.person_id, name: presentSummary(r.person, who, null, today(ctx)).name, field: r.field, values, sources: JSON.parse(r.sources) as string[][] };
      });
      const persons = [...new Set(items.map((i) => i.person_id))];
      if (persons.length > 0) await ctx.audit.write(auditEntry(ctx, request, who, 'person_read', persons, purpose, 'ok', { what: 'conflicts' }));
      return { items };
    },
  );

  app.post(
    '/api/conflicts/resolve',
    {
      config: { permission: 'conflicts' },
      schema: {
        summary: 'Settle a conflict: choose which of the values (by their position in the conflict) is right; audited, kept through every rebuild',
        tags: ['review'],
        body: Type.Object(
          { person_id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }), field: Type.Union([Type.Literal('name'), Type.Literal('id_number'), Type.Literal('sex'), Type.Literal('birth_date')]), choice: Type.Integer({ minimum: 0, maximum: 50 }) },
          { additionalProperties: false },
        ),
        response: { 200: OkSchema, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const who = principal(request);
      const { person_id: personId, field, choice } = request.body;
      const found = await ctx.store.persons.personWithCode(personId);
      if (found === undefined || !(await mayReadPerson(ctx, who, found.row))) throw notFound();
      const conflict = parseGolden(found.row).conflicts.find((c) => c.field === field);
      if (conflict === undefined) throw new AppError('not_found', '该字段没有未处理的冲突', 'there is no open conflict on this field');
      const value = conflict.values[choice]?.value;
      if (value === undefined) throw new AppError('bad_request', `choice 须在 0 到 ${conflict.values.length - 1} 之间`, `choice must be 0 to ${conflict.values.length - 1}`, 'choice');
      const at = ctx.clock().toISOString();
      await ctx.store.resolution.saveConflictResolution(personId, field, value, who.username, at);
      await rebuildGolden(ctx.store.resolution, [personId], ctx.node.region, at);
      await ctx.audit.write(auditEntry(ctx, request, who, 'review', [personId], 'registration_check', 'ok', { what: 'conflict', field, choice }));
      return { ok: true };
    },
  );

  app.get(
    '/api/unregistered',
    {
      config: { permission: 'unregistered' },
      schema: {
        summary: 'Floating persons with evidence and no residence registration (漏登), by district and grid; .xlsx for door-to-door visits',
        tags: ['review'],
        querystring: Type.Object({
          district: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
          grid: Type.Optional(Type.String({ maxLength: 40, pattern: '^[^\\u0000-\\u001f]*$' })),
          format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')])),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50_000, default: 500 })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ person_id: Type.String(), name: Type.Union([Type.String(), Type.Null()]), id_number: Type.Union([Type.String(), Type.Null()]), phone: Type.Union([Type.String(), Type.Null()]), district: Type.Union([Type.String(), Type.Null()]), district_name: Type.Union([Type.String(), Type.Null()]), grid_id: Type.Union([Type.String(), Type.Null()]), evidence: Type.Array(Type.String()) })),
            by_district: Type.Record(Type.String(), Type.Integer()),
          }),
        },
      },
    },
    async (request, reply) => {
      const who = principal(request);
      const { purpose } = statedPurpose(request, who);
      const own = regionPrefix(who);
      const district = request.query.district;
      // A district narrows the caller's scope, never widens it.
      const prefix = district !== undefined && (own === null || district.startsWith(own)) ? district : own;
      const scope = { ...(await scopeOf(ctx, who)), region: prefix };
      const rows = await ctx.store.persons.unregistered(scope, request.query.limit ?? (request.query.format === 'xlsx' ? 50_000 : 500));
      const day = today(ctx);
      const items = rows
        .filter((r) => request.query.grid === undefined || r.gridId === request.query.grid)
        .map((r) => {
          const s = presentSummary(r.person, who, null, day);
          return { person_id: s.person_id, name: s.name, id_number: s.id_number, phone: s.phone, district: r.person.residence_region, district_name: r.person.residence_region === null ? null : regionName(r.person.residence_region), grid_id: r.gridId, evidence: (r.person.evidence ?? '').split(' ').filter((e) => e !== '') };
        });
      const byDistrict: Record<string, number> = {};
      for (const i of items) byDistrict[i.district ?? 'unknown'] = (byDistrict[i.district ?? 'unknown'] ?? 0) + 1;
      if (items.length > 0) await ctx.audit.write(auditEntry(ctx, request, who, request.query.format === 'xlsx' ? 'export' : 'person_read', items.map((i) => i.person_id).slice(0, 10_000), purpose, 'ok', { what: 'unregistered', rows: items.length }));
      if (request.query.format === 'xlsx') {
        const buffer = await xlsxBuffer('漏登 unregistered', ['人员编号 person_id', '姓名 name', '身份证号 id_number', '电话 phone', '区 district', '网格 grid', '证据 evidence'], items.map((i) => [i.person_id, i.name, i.id_number, i.phone, i.district_name ?? i.district, i.grid_id, i.evidence.join(' ')]));
        return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', 'attachment; filename="unregistered.xlsx"').send(buffer as never);
      }
      return { items, by_district: byDistrict };
    },
  );
}
