// What every route handler is given: the node's store and keys, the clock, the audit writer, and
// helpers to read the caller and their stated purpose from a request.

import type { FastifyRequest } from 'fastify';
import type { AuditAction, AuditEntry, AuditOutcome } from '../audit/entry.js';
import type { AuditVerifier } from '../audit/node-key.js';
import { AppError } from '../errors.js';
import type { Authenticator } from '../access/sessions.js';
import { personInScope, personScope, sourcesInScope, type PersonScope, type Principal } from '../access/policy.js';
import type { PersonRow } from '../store/persons/person-reader.js';
import { defaultPurpose, parsePurpose, purposes, type Purpose } from '../access/purposes.js';
import type { CodeKey } from '../access/service-code.js';
import type { NodeInfo, Store } from '../store/types.js';
import type { AuditWriter } from './audit-writer.js';
import type { JobBoard } from './jobs.js';
import type { PersonViewer } from './reads/person-view.js';

export interface ApiContext {
  store: Store;
  node: NodeInfo;
  dataDir: string;
  codeKey: CodeKey;
  clock: () => Date;
  audit: AuditWriter;
  /** Person views: in process, or from the read pool's threads. */
  viewer: PersonViewer;
  auth: Authenticator;
  jobs: JobBoard;
  /** Hook run after a successful ingest from the console (resolution, indicators). */
  afterIngest: () => Promise<void>;
  auditVerifier: AuditVerifier | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** The permission a route needs: one name, any of several, or `public` / `signed_in`. */
    permission?: string | readonly string[];
  }
}

/** The persons a caller may read (access/policy.ts), with the sources an officer's scope needs. */
export async function scopeOf(ctx: ApiContext, who: Principal): Promise<PersonScope> {
  return personScope(who, who.role === 'officer' ? await ctx.store.persons.sources() : new Map());
}

/** Whether one person lies in a caller's scope: their residence region, and for an officer the records behind them. */
export async function mayReadPerson(ctx: ApiContext, who: Principal, person: Pick<PersonRow, 'person_id' | 'residence_region' | 'evidence'>): Promise<boolean> {
  if (!personInScope(who, person.residence_region)) return false;
  if (who.role !== 'officer') return true;
  return sourcesInScope(await scopeOf(ctx, who), await ctx.store.persons.sourceRecords(person.person_id), person.evidence !== null);
}

export function principal(request: FastifyRequest): Principal {
  if (request.principal === undefined) throw new AppError('unauthorized', '未登录', 'not signed in');
  return request.principal;
}

/** The purpose stated in `X-Purpose`, `?purpose=` or the body's `purpose`, else the role's default (recorded as such). */
export function statedPurpose(request: FastifyRequest, who: Principal): { purpose: Purpose; stated: boolean } {
  const header = request.headers['x-purpose'];
  const body = request.body as Record<string, unknown> | null | undefined;
  const query = (request.query as Record<string, unknown> | undefined)?.purpose ?? (typeof body === 'object' && body !== null ? body.purpose : undefined);
  const raw = typeof header === 'string' ? decodeHeader(header) : typeof query === 'string' ? query : undefined;
  if (raw === undefined || raw === '') return { purpose: defaultPurpose(who.role), stated: false };
  const purpose = parsePurpose(raw);
  if (purpose === undefined) throw badPurpose();
  return { purpose, stated: true };
}

export function badPurpose(): AppError {
  const list = Object.entries(purposes).map(([id, zh]) => `${id} ${zh}`).join(', ');
  return new AppError('bad_request', `请说明使用目的（${Object.values(purposes).join('、')}）`, `state a purpose of use: ${list}`, 'purpose');
}

function decodeHeader(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function auditEntry(
  ctx: ApiContext,
  request: FastifyRequest,
  who: Principal | null,
  action: AuditAction,
  objectIds: readonly string[],
  purpose: string,
  outcome: AuditOutcome = 'ok',
  details?: Record<string, string | number>,
): AuditEntry {
  return {
    time: ctx.clock().toISOString(),
    actor: who?.username ?? 'anonymous',
    role: who?.role ?? 'none',
    action,
    objectIds: [...objectIds],
    purpose,
    outcome,
    requestId: request.id,
    ...(details === undefined ? {} : { details }),
  };
}

export function today(ctx: ApiContext): string {
  return ctx.clock().toISOString().slice(0, 10);
}
