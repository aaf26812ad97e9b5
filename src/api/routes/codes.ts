// The service code (一人一码): issued to the person or a clerk, as a token and a QR image;
// verified by clerks; revoked all at once. Issuance, verification and revocation are audited.

import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import QRCode from 'qrcode';
import { AppError } from '../../errors.js';
import { can } from '../../access/roles.js';
import { notFound, personInScope } from '../../access/policy.js';
import { presentSummary } from '../../access/presenter.js';
import { checkCode, issueCode, newCodeId } from '../../access/service-code.js';
import { auditEntry, principal, today, type ApiContext } from '../context.js';
import { ErrorSchema, PersonIdParams, PersonSummarySchema } from '../schemas.js';

export function codeRoutes(base: FastifyInstance, ctx: ApiContext): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/persons/:id/code',
    {
      config: { permission: ['codes', 'own_code'] },
      schema: {
        summary: "The person's service code: a signed, expiring token without personal data, and its QR image",
        tags: ['codes'],
        params: PersonIdParams,
        querystring: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('png')])) }),
        response: {
          200: Type.Object({ code: Type.String(), code_id: Type.String(), expires_at: Type.String(), qr_png_base64: Type.String() }),
          403: ErrorSchema,
          404: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const who = principal(request);
      const id = request.params.id;
      // A resident holds only their own code.
      if (!can(who.role, 'codes') && who.personId !== id) throw new AppError('forbidden', '只能获取本人的服务码', 'you may fetch your own service code only');
      const row = await ctx.store.persons.person(id);
      if (row === undefined || !personInScope(who, row.residence_region)) throw notFound();
      const now = ctx.clock();
      const stored = (await ctx.store.access.serviceCode(id)) ?? (await ctx.store.access.ensureServiceCode(id, newCodeId(), now.toISOString()));
      const issued = await issueCode(ctx.codeKey, stored.code_id, stored.epoch, now);
      await ctx.audit.write(auditEntry(ctx, request, who, 'code_issue', [id], 'public_service', 'ok', { epoch: stored.epoch }));
      const png = await QRCode.toBuffer(issued.code, { errorCorrectionLevel: 'M', margin: 2, width: 320 });
      // Binary replies bypass the JSON schema's serialiser; the typed send cannot express that.
      if (request.query.format === 'png') return reply.type('image/png').send(png as never);
      return { code: issued.code, code_id: stored.code_id, expires_at: issued.expiresAt, qr_png_base64: png.toString('base64') };
    },
  );

  app.post(
    '/api/persons/:id/code/revoke',
    {
      config: { permission: 'revoke_code' },
      schema: { summary: 'Revoke every service code of a person issued so far', tags: ['codes'], params: PersonIdParams, response: { 200: Type.Object({ revoked: Type.Boolean(), epoch: Type.Integer() }), 404: ErrorSchema } },
    },
    async (request) => {
      const who = principal(request);
      const id = request.params.id;
      const row = await ctx.store.persons.person(id);
      if (row === undefined || !personInScope(who, row.residence_region)) throw notFound();
      const epoch = await ctx.store.access.revokeServiceCodes(id, ctx.clock().toISOString());
      await ctx.audit.write(auditEntry(ctx, request, who, 'code_revoke', [id], 'public_service', 'ok', { epoch }));
      return { revoked: epoch > 0, epoch };
    },
  );

  app.post(
    '/api/codes/verify',
    {
      config: { permission: 'verify_code' },
      schema: {
        summary: 'Whether a service code is valid, and the masked identity behind it',
        tags: ['codes'],
        body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 2048 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ valid: Type.Boolean(), reason: Type.Optional(Type.String()), expires_at: Type.Optional(Type.String()), person: Type.Optional(PersonSummarySchema) }),
          400: ErrorSchema,
        },
      },
    },
    async (request) => {
      const who = principal(request);
      const check = await checkCode(ctx.codeKey, request.body.code.trim(), ctx.clock());
      if (!check.valid) {
        await ctx.audit.write(auditEntry(ctx, request, who, 'code_verify', [], 'public_service', 'denied', { result: check.reason }));
        return { valid: false, reason: check.reason };
      }
      const stored = await ctx.store.access.serviceCodeById(check.codeId);
      const reason = stored === undefined ? 'unknown' : stored.epoch !== check.epoch ? 'revoked' : null;
      const row = stored === undefined ? undefined : await ctx.store.persons.person(stored.person_id);
      if (reason !== null || row === undefined) {
        await ctx.audit.write(auditEntry(ctx, request, who, 'code_verify', stored === undefined ? [] : [stored.person_id], 'public_service', 'denied', { result: reason ?? 'unknown' }));
        return { valid: false, reason: reason ?? 'unknown' };
      }
      await ctx.audit.write(auditEntry(ctx, request, who, 'code_verify', [row.person_id], 'public_service', 'ok', { result: 'valid' }));
      return { valid: true, expires_at: check.expiresAt, person: presentSummary(row, who, check.codeId, today(ctx), true) };
    },
  );
}
