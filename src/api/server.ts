// The HTTP server: Fastify with one schema per route (validation, types and OpenAPI from the same
// declaration), security headers, body limits, one error shape, and the request pipeline of
// ARCHITECTURE.md — authenticate ▶ policy ▶ operation ▶ presenter ▶ audit. Every route must name
// the permission it needs; a route without one stops the server from starting.

import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Authenticator, defaultSessionPolicy, type SessionPolicy } from '../access/sessions.js';
import { can, isPermission, type Permission } from '../access/roles.js';
import { requirePermission } from '../access/policy.js';
import type { CodeKey } from '../access/service-code.js';
import type { AuditVerifier } from '../audit/node-key.js';
import type { NodeInfo, Store } from '../store/types.js';
import type { AuditAction } from '../audit/entry.js';
import { AuditWriter } from './audit-writer.js';
import { auditEntry, type ApiContext } from './context.js';
import { errorBody, sendError } from './errors.js';
import { JobBoard } from './jobs.js';
import { InProcessViewer, type PersonViewer } from './reads/person-view.js';
import { registerRoutes } from './routes/index.js';
import { securityHeaders } from './security-headers.js';

export interface ServerOptions {
  store: Store;
  node: NodeInfo;
  dataDir: string;
  codeKey: CodeKey;
  /** Built console (dist/web); served at `/` when present. */
  webRoot?: string | null;
  clock?: () => Date;
  logger?: boolean;
  /** Where logs go (tests read them back); implies logging. */
  logStream?: NodeJS.WritableStream;
  sessionPolicy?: SessionPolicy;
  afterIngest?: () => Promise<void>;
  /** The audit key's public half, to show with checkpoints (default: from <dataDir>/keys). */
  auditVerifier?: AuditVerifier;
  /** Largest JSON body in bytes (default 1 MiB; uploads have their own limit). */
  bodyLimit?: number;
  /** Where person views are read (default: in process). The server closes it when it closes. */
  viewer?: PersonViewer;
}

export interface RouteInfo {
  method: string;
  url: string;
  permission: readonly string[];
}

export type YimaServer = FastifyInstance & { yima: { routes: RouteInfo[]; context: ApiContext } };

export const SESSION_COOKIE = 'yima_session';

/** Routes that read a person, by the audit action a refusal of them is logged as. */
const personActions: Readonly<Record<string, AuditAction>> = {
  '/api/persons': 'person_search',
  '/api/persons/search': 'person_search',
  '/api/persons/:id': 'person_read',
  '/api/persons/:id/reveal': 'reveal',
};

/** The session token of a request: the Authorization header's bearer token (the scheme name in any
 *  case, RFC 9110 §11.1), else the session cookie. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const scheme = typeof header === 'string' ? /^bearer[ \t]+(\S+)\s*$/i.exec(header) : null;
  if (scheme !== null) return scheme[1];
  const fromCookie = request.cookies[SESSION_COOKIE];
  return typeof fromCookie === 'string' && fromCookie !== '' ? fromCookie : undefined;
}

export async function buildServer(options: ServerOptions): Promise<YimaServer> {
  const clock = options.clock ?? (() => new Date());
  const app = Fastify({
    // Logs name the route pattern, never the URL (a query may hold a searched id number or phone).
    logger:
      options.logger === true || options.logStream !== undefined
        ? {
            level: 'info',
            ...(options.logStream === undefined ? {} : { stream: options.logStream }),
            serializers: {
              req: (req: FastifyRequest) => ({ method: req.method, route: req.routeOptions.url ?? 'unmatched', id: req.id }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          }
        : false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    genReqId: () => randomUUID(),
    // The query string never carries personal data by design; long ones are refused anyway.
    routerOptions: { maxParamLength: 200 },
    // The router's refusals get the one error shape too (and never quote the path back).
    frameworkErrors: (error, request, reply) => {
      void sendError(error, request, reply);
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const store = options.store;
  const context: ApiContext = {
    store,
    node: options.node,
    dataDir: options.dataDir,
    codeKey: options.codeKey,
    clock,
    audit: new AuditWriter(store),
    viewer: options.viewer ?? new InProcessViewer(store),
    auth: new Authenticator(store, clock, options.sessionPolicy ?? defaultSessionPolicy),
    jobs: new JobBoard(),
    afterIngest: options.afterIngest ?? (() => Promise.resolve()),
    auditVerifier: options.auditVerifier,
  };
  const routes: RouteInfo[] = [];

  app.addHook('onRoute', (route) => {
    const url = route.url;
    if (!url.startsWith('/api/') || url.startsWith('/api/docs')) return;
    const wanted = route.config?.permission;
    const list = wanted === undefined ? [] : typeof wanted === 'string' ? [wanted] : [...wanted];
    if (list.length === 0 || !list.every((p) => p === 'public' || p === 'signed_in' || isPermission(p))) {
      throw new Error(`route ${String(route.method)} ${url} declares no valid permission: every route must have a policy`);
    }
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url, permission: list });
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'yima API', description: '一人一档 · 一人一码: golden records, service codes, indicators, audit', version: '0.1.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  const headers = securityHeaders();
  app.addHook('onRequest', async (request, reply) => {
    void reply.headers(headers);
    const permission = request.routeOptions.config.permission;
    if (permission === undefined) return;
    const list = typeof permission === 'string' ? [permission] : permission;
    if (list.includes('public')) return;
    request.principal = await context.auth.authenticate(bearerToken(request));
    if (list.includes('signed_in')) return;
    const allowed = list.filter((p): p is Permission => isPermission(p));
    const who = request.principal;
    if (allowed.some((p) => can(who.role, p))) return;
    // A role refused a person (a search, a view, a reveal) leaves an audit entry: who tried, where.
    // No object id: the path is unvalidated here, and could hold an id number.
    const route = request.routeOptions.url ?? '';
    const action = personActions[route];
    if (action !== undefined) await context.audit.write(auditEntry(context, request, who, action, [], 'none', 'denied', { reason: 'role', route }));
    // The refusal names the first permission the route wants.
    requirePermission(who, allowed[0] ?? 'users');
  });

  app.setErrorHandler((error, request, reply) => sendError(error, request, reply));

  const webRoot = options.webRoot ?? null;
  const hasWeb = webRoot !== null && existsSync(join(webRoot, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !hasWeb) {
      return reply.code(404).send(errorBody('not_found', 'no such route', '没有这个地址'));
    }
    // The console routes on the client: any other page gets its index.
    return reply.type('text/html').sendFile('index.html');
  });

  app.addHook('onClose', async () => context.viewer.close());
  await registerRoutes(app, context);
  await app.ready();
  return Object.assign(app, { yima: { routes, context } });
}
