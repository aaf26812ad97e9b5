// Indicators (spec/kpis.md) for staff: read from the cache refreshed after every ingest, so the
// dashboard answers without touching the person tables.

import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { activeDefinitions, readIndicators, readIndicatorsByDistrict, readIndicatorStatus, readIndicatorTrend, type IndicatorResult } from '../../indicators/index.js';
import type { ApiContext } from '../context.js';
import { ErrorSchema } from '../schemas.js';

const Nullable = (t: ReturnType<typeof Type.Number>) => Type.Union([t, Type.Null()]);
const IndicatorSchema = Type.Object({
  id: Type.String(),
  name_zh: Type.String(),
  name_en: Type.String(),
  district: Type.Union([Type.String(), Type.Null()]),
  value: Nullable(Type.Number()),
  numerator: Nullable(Type.Number()),
  denominator: Type.Number(),
  target: Nullable(Type.Number()),
  met: Type.Union([Type.Boolean(), Type.Null()]),
  unit: Type.String(),
});
const Id = Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$' });
const District = Type.String({ pattern: '^\\d{6}$' });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export function kpiRoutes(base: FastifyInstance, ctx: ApiContext): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const withUnits = async (rows: IndicatorResult[]) => {
    const units = new Map((await activeDefinitions(ctx.store)).all.map((d) => [d.id, d.unit]));
    return rows.map((r) => ({ ...r, unit: units.get(r.id) ?? 'rate' }));
  };

  app.get(
    '/api/kpis',
    {
      config: { permission: 'kpis' },
      schema: {
        summary: 'The indicators of kpis.md: value, numerator, denominator, target, met',
        tags: ['kpis'],
        querystring: Type.Object({ district: Type.Optional(District), from: Type.Optional(IsoDate), to: Type.Optional(IsoDate) }),
        response: { 200: Type.Array(IndicatorSchema), 400: ErrorSchema },
      },
    },
    async (request) => {
      const { district, from, to } = request.query;
      return withUnits(await readIndicators(ctx.store, { district: district ?? null, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }), now: ctx.clock() }));
    },
  );

  app.get(
    '/api/kpis/districts',
    {
      config: { permission: 'kpis' },
      schema: { summary: 'One indicator for every district', tags: ['kpis'], querystring: Type.Object({ id: Id }), response: { 200: Type.Object({ id: Type.String(), rows: Type.Array(IndicatorSchema) }), 400: ErrorSchema, 404: ErrorSchema } },
    },
    async (request) => {
      const result = await readIndicatorsByDistrict(ctx.store, request.query.id, ctx.clock());
      return { id: result.id, rows: await withUnits(result.rows) };
    },
  );

  app.get(
    '/api/kpis/trend',
    {
      config: { permission: 'kpis' },
      schema: {
        summary: 'One indicator at the last month ends',
        tags: ['kpis'],
        querystring: Type.Object({ id: Id, district: Type.Optional(District), months: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })) }),
        response: { 200: Type.Object({ id: Type.String(), points: Type.Array(Type.Object({ period: Type.String(), value: Nullable(Type.Number()), numerator: Nullable(Type.Number()), denominator: Type.Number() })) }), 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const { id, district, months } = request.query;
      return readIndicatorTrend(ctx.store, id, { district: district ?? null, ...(months === undefined ? {} : { months }), now: ctx.clock() });
    },
  );

  app.get(
    '/api/kpis/status',
    { config: { permission: 'kpis' }, schema: { summary: 'When the indicators were computed, and whether an ingest has happened since', tags: ['kpis'], response: { 200: Type.Object({ computed_at: Type.Union([Type.String(), Type.Null()]), last_ingest_at: Type.Union([Type.String(), Type.Null()]), stale: Type.Boolean() }) } } },
    () => readIndicatorStatus(ctx.store),
  );
}
