// The jurisdiction's districts (for pickers) and account administration.

import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { listCounties, regionName, regionNameEn } from '../../identity/region.js';
import { addUser, publicUser } from '../../access/accounts.js';
import { auditEntry, principal, type ApiContext } from '../context.js';
import { ErrorSchema } from '../schemas.js';

const PublicUserSchema = Type.Object({
  username: Type.String(),
  role: Type.String(),
  department: Type.Union([Type.String(), Type.Null()]),
  region: Type.Union([Type.String(), Type.Null()]),
  region_name: Type.Union([Type.String(), Type.Null()]),
  disabled: Type.Boolean(),
  locked_until: Type.Union([Type.String(), Type.Null()]),
});

const Region = Type.Object({ code: Type.String(), name: Type.Union([Type.String(), Type.Null()]), name_en: Type.Union([Type.String(), Type.Null()]) });

export function adminRoutes(base: FastifyInstance, ctx: ApiContext): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/regions',
    {
      config: { permission: 'signed_in' },
      schema: {
        summary: "The node's jurisdiction and its districts, named in Chinese and English",
        tags: ['system'],
        response: { 200: Type.Object({ jurisdiction: Region, districts: Type.Array(Region) }) },
      },
    },
    () => {
      const code = ctx.node.region;
      const counties = code.endsWith('00') ? listCounties(code) : [code];
      const named = (c: string) => ({ code: c, name: regionName(c), name_en: regionNameEn(c) });
      return { jurisdiction: named(code), districts: counties.map(named) };
    },
  );

  app.get('/api/users', { config: { permission: 'users' }, schema: { summary: 'Accounts (no password hashes)', tags: ['users'], response: { 200: Type.Object({ items: Type.Array(PublicUserSchema) }) } } }, async () => ({
    items: (await ctx.store.access.listUsers()).map(publicUser),
  }));

  app.post(
    '/api/users',
    {
      config: { permission: 'users' },
      schema: {
        summary: 'Add an account',
        tags: ['users'],
        body: Type.Object(
          {
            username: Type.String({ maxLength: 32 }),
            password: Type.String({ maxLength: 256 }),
            role: Type.String({ maxLength: 20 }),
            department: Type.Optional(Type.String({ maxLength: 64 })),
            region: Type.Optional(Type.String({ maxLength: 6 })),
            person_id: Type.Optional(Type.String({ maxLength: 64 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: PublicUserSchema, 400: ErrorSchema, 409: ErrorSchema },
      },
    },
    async (request) => {
      const who = principal(request);
      const b = request.body;
      const user = await addUser(ctx.store, { username: b.username, password: b.password, role: b.role, department: b.department, region: b.region, personId: b.person_id }, ctx.node.region, ctx.clock());
      await ctx.audit.write(auditEntry(ctx, request, who, 'account', [user.username], 'administration', 'ok', { role: user.role }));
      return user;
    },
  );
}
