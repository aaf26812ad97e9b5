// The audit log for auditors: the latest signed checkpoint, inclusion proofs (checked again in the
// browser), and a search over recent entries. Entries hold no personal data by construction.

import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../../errors.js';
import { decodeAuditEntry, type AuditEntry } from '../../audit/entry.js';
import { proveInclusion, rootAt } from '../../audit/merkle-proof.js';
import { formatVerifierKey, loadNodeVerifier } from '../../audit/node-key.js';
import type { ApiContext } from '../context.js';
import { ErrorSchema } from '../schemas.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function noteParts(note: string): { origin: string; signature: string } {
  const lines = note.split('\n');
  const sigLine = lines.find((l) => l.startsWith('\u2014 ')) ?? '';
  return { origin: lines[0] ?? '', signature: sigLine.split(' ').at(-1) ?? '' };
}

export function auditRoutes(base: FastifyInstance, ctx: ApiContext): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  let publicKey: string | null = null;
  const vkey = (): string => {
    if (publicKey === null) {
      const verifier = ctx.auditVerifier ?? loadNodeVerifier(ctx.dataDir);
      publicKey = formatVerifierKey(verifier.name, verifier.publicKey);
    }
    return publicKey;
  };

  app.get(
    '/api/audit/checkpoint',
    {
      config: { permission: 'audit' },
      schema: {
        summary: "The audit log's latest signed checkpoint (C2SP signed note)",
        tags: ['audit'],
        response: {
          200: Type.Object({ origin: Type.String(), size: Type.Integer(), root_hash: Type.String(), root_hash_base64: Type.String(), signature: Type.String(), note: Type.String(), public_key: Type.String(), signed_at: Type.String() }),
          404: ErrorSchema,
        },
      },
    },
    async () => {
      const latest = await ctx.store.auditReader.latestCheckpoint();
      if (latest === undefined) throw new AppError('not_found', '审计日志为空', 'the audit log is empty');
      const { origin, signature } = noteParts(latest.note);
      return { origin, size: latest.size, root_hash: hex(latest.root), root_hash_base64: latest.root.toString('base64'), signature, note: latest.note, public_key: vkey(), signed_at: latest.signedAt };
    },
  );

  app.get(
    '/api/audit/proof',
    {
      config: { permission: 'audit' },
      schema: {
        summary: 'Inclusion proof of entry N in the tree of size M (RFC 6962 / 9162)',
        tags: ['audit'],
        querystring: Type.Object({ index: Type.Integer({ minimum: 0 }), size: Type.Optional(Type.Integer({ minimum: 1 })) }),
        response: {
          200: Type.Object({ index: Type.Integer(), size: Type.Integer(), leaf_hash: Type.String(), proof: Type.Array(Type.String()), root_hash: Type.String(), signed: Type.Boolean() }),
          400: ErrorSchema,
          404: ErrorSchema,
        },
      },
    },
    async (request) => {
      const reader = ctx.store.auditReader;
      const head = await reader.head();
      const { index } = request.query;
      const size = request.query.size ?? head.size;
      if (size > head.size || index >= size) throw new AppError('bad_request', `无法证明：须 0 ≤ index < size ≤ ${head.size}`, `no such proof: needs 0 <= index < size <= ${head.size}`, 'index');
      const [entry] = await reader.readEntries(index, 1);
      if (entry?.index !== index) throw new AppError('not_found', `第 ${index} 条审计记录缺失`, `audit entry ${index} is missing`);
      const proof = await proveInclusion(reader, index, size);
      const checkpoint = await reader.findCheckpoint(size);
      const root = checkpoint?.root ?? (await rootAt(reader, size));
      return { index, size, leaf_hash: hex(entry.leafHash), proof: proof.map(hex), root_hash: hex(root), signed: checkpoint !== undefined };
    },
  );

  app.get(
    '/api/audit/entries',
    {
      config: { permission: 'audit' },
      schema: {
        summary: 'Recent audit entries, newest first, filtered by action, actor or object',
        tags: ['audit'],
        querystring: Type.Object({
          action: Type.Optional(Type.String({ maxLength: 32 })),
          actor: Type.Optional(Type.String({ maxLength: 64 })),
          object: Type.Optional(Type.String({ maxLength: 64 })),
          before: Type.Optional(Type.Integer({ minimum: 0 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
        }),
        response: {
          200: Type.Object({
            size: Type.Integer(),
            items: Type.Array(
              Type.Object({
                index: Type.Integer(),
                leaf_hash: Type.String(),
                entry: Type.Object({
                  time: Type.String(), actor: Type.String(), role: Type.String(), action: Type.String(), objectIds: Type.Array(Type.String()), purpose: Type.String(),
                  outcome: Type.String(), requestId: Type.String(), details: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
                }),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const reader = ctx.store.auditReader;
      const head = await reader.head();
      const { action, actor, object } = request.query;
      const limit = request.query.limit ?? 50;
      const items: { index: number; leaf_hash: string; entry: AuditEntry & { objectIds: string[] } }[] = [];
      // Scan back from the newest in pages, at most 50,000 entries per request.
      let end = Math.min(request.query.before ?? head.size, head.size);
      const floor = Math.max(0, end - 50_000);
      while (end > floor && items.length < limit) {
        const start = Math.max(floor, end - 1000);
        const page = await reader.readEntries(start, end - start);
        for (const stored of page.reverse()) {
          const entry = decodeAuditEntry(stored.encoded);
          if (action !== undefined && entry.action !== action) continue;
          if (actor !== undefined && entry.actor !== actor) continue;
          if (object !== undefined && !entry.objectIds.includes(object)) continue;
          items.push({ index: stored.index, leaf_hash: hex(stored.leafHash), entry: { ...entry, objectIds: [...entry.objectIds], ...(entry.details === undefined ? {} : { details: { ...entry.details } }) } });
          if (items.length >= limit) break;
        }
        end = start;
      }
      return { size: head.size, items };
    },
  );
}
