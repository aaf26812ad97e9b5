// Data sources for officers and analysts: each source's runs, counts, standardisation rate and
// quarantine (as JSON or .xlsx), and the upload of a department file with its mapping, ingested
// in the background with progress to poll.

import { mkdir, writeFile, rm } from 'node:fs/promises';
import { join, extname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError, isAppError } from '../../errors.js';
import { requireSourceVisible, sourceVisible } from '../../access/policy.js';
import { parseMapping } from '../../standard/mapping.js';
import { ingestFiles } from '../../ingest/pipeline.js';
import { xlsxBuffer } from '../../export/xlsx-writer.js';
import { auditEntry, principal, type ApiContext } from '../context.js';
import { ErrorSchema } from '../schemas.js';

const SourceName = Type.Object({ source: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$' }) });
const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
const SourceSchema = Type.Object({
  source: Type.String(), kind: Type.String(), department: NullableString, records: Type.Integer(), rows_read: Type.Integer(), accepted: Type.Integer(),
  quarantined: Type.Integer(), values_total: Type.Integer(), values_standard: Type.Integer(), standardization_rate: NullableNumber, runs: Type.Integer(),
  last_ingest_at: NullableString, freshness_days: NullableNumber,
});
const RunSchema = Type.Object({
  run_id: Type.String(), file_name: Type.String(), started_at: Type.String(), finished_at: NullableString, status: Type.String(), rows_read: Type.Integer(),
  accepted: Type.Integer(), quarantined: Type.Integer(), values_total: Type.Integer(), values_standard: Type.Integer(),
});
const QuarantineRowSchema = Type.Object({ file: Type.String(), line: Type.Integer(), record_id: NullableString, reason: Type.String() });
const uploadLimit = 96 * 1024 * 1024;

const dayMs = 86_400_000;

export function sourceRoutes(base: FastifyInstance, ctx: ApiContext): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/sources',
    {
      config: { permission: 'sources' },
      schema: {
        summary: 'Sources with counts, standardisation rate and freshness',
        tags: ['sources'],
        response: { 200: Type.Object({ items: Type.Array(SourceSchema) }) },
      },
    },
    async (request) => {
      const who = principal(request);
      const now = ctx.clock().getTime();
      const items = (await ctx.store.listSources())
        .filter((s) => sourceVisible(who, s.department))
        .map((s) => ({
          source: s.source,
          kind: s.kind,
          department: s.department,
          records: s.records,
          rows_read: s.rowsRead,
          accepted: s.accepted,
          quarantined: s.quarantined,
          values_total: s.valuesTotal,
          values_standard: s.valuesStandard,
          standardization_rate: s.valuesTotal === 0 ? null : s.valuesStandard / s.valuesTotal,
          runs: s.runs,
          last_ingest_at: s.lastIngestAt,
          freshness_days: s.lastIngestAt === null ? null : Math.max(0, Math.floor((now - Date.parse(s.lastIngestAt)) / dayMs)),
        }));
      return { items };
    },
  );

  const findVisible = async (who: ReturnType<typeof principal>, source: string) => {
    const info = await ctx.store.findSource(source);
    if (info === undefined) throw new AppError('not_found', `没有数据源 ${source}`, `no source ${source}`);
    requireSourceVisible(who, info.department);
    return info;
  };

  app.get(
    '/api/sources/:source/runs',
    { config: { permission: 'ingest' }, schema: { summary: "A source's ingest runs", tags: ['sources'], params: SourceName, response: { 200: Type.Object({ items: Type.Array(RunSchema) }), 403: ErrorSchema, 404: ErrorSchema } } },
    async (request) => {
      const who = principal(request);
      await findVisible(who, request.params.source);
      const runs = await ctx.store.listRuns(request.params.source);
      return {
        items: runs.map((r) => ({ run_id: r.runId, file_name: r.fileName, started_at: r.startedAt, finished_at: r.finishedAt, status: r.status, rows_read: r.rowsRead, accepted: r.accepted, quarantined: r.quarantined, values_total: r.valuesTotal, values_standard: r.valuesStandard })),
      };
    },
  );

  app.get(
    '/api/sources/:source/quarantine',
    {
      config: { permission: 'ingest' },
      schema: {
        summary: "A source's quarantined rows and reasons (JSON or .xlsx)",
        tags: ['sources'],
        params: SourceName,
        querystring: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')])), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1000 })) }),
        response: { 200: Type.Object({ items: Type.Array(QuarantineRowSchema), by_reason: Type.Record(Type.String(), Type.Integer()) }), 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      const who = principal(request);
      const source = request.params.source;
      await findVisible(who, source);
      const limit = request.query.limit ?? (request.query.format === 'xlsx' ? 100_000 : 1000);
      const q = await ctx.store.persons.quarantineOf(source, limit);
      if (request.query.format === 'xlsx') {
        await ctx.audit.write(auditEntry(ctx, request, who, 'export', [source], 'registration_check', 'ok', { rows: q.rows.length, what: 'quarantine' }));
        const buffer = await xlsxBuffer('隔离 quarantine', ['文件 file', '行 line', '记录编号 record_id', '原因 reason'], q.rows.map((r) => [r.file, r.line, r.record_id, r.reason]));
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="quarantine-${source}.xlsx"`)
          .send(buffer as never);
      }
      return { items: q.rows, by_reason: q.byReason };
    },
  );

  app.post(
    '/api/ingest',
    {
      config: { permission: 'ingest' },
      bodyLimit: uploadLimit,
      schema: {
        summary: 'Upload a department file with its mapping; ingested in the background',
        tags: ['sources'],
        body: Type.Object(
          {
            mapping: Type.Object({}, { additionalProperties: true }),
            file_name: Type.String({ pattern: '^[^/\\\\\\u0000-\\u001f]{1,120}\\.(csv|xlsx|jsonl)$' }),
            content_base64: Type.String({ maxLength: uploadLimit }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ job_id: Type.String() }), 400: ErrorSchema, 403: ErrorSchema, 413: ErrorSchema },
      },
    },
    async (request) => {
      const who = principal(request);
      const { file_name: fileName, content_base64: content } = request.body;
      const mapping = parseMapping(request.body.mapping, 'mapping.json');
      if (who.role === 'officer' && mapping.department !== who.department) {
        throw new AppError('forbidden', '只能导入本部门的数据源（映射的 department 须为本部门）', "officers ingest their own department's sources only (the mapping's department)");
      }
      const existing = await ctx.store.findSource(mapping.source);
      if (existing !== undefined) requireSourceVisible(who, existing.department);
      const bytes = Buffer.from(content, 'base64');
      if (bytes.length === 0) throw new AppError('bad_request', '文件为空', 'the file is empty', 'content_base64');
      const job = ctx.jobs.start(who.username, mapping.source, ctx.clock().toISOString());
      const dir = join(ctx.dataDir, 'uploads');
      await mkdir(dir, { recursive: true, mode: 0o700 });
      // The stored file keeps the uploaded name (the run records it) in a folder of its own.
      const jobDir = join(dir, job.id);
      await mkdir(jobDir, { mode: 0o700 });
      const path = join(jobDir, fileName.replace(/[^\p{L}\p{N}._-]/gu, '_').slice(0, 100) || `upload${extname(fileName)}`);
      await writeFile(path, bytes, { mode: 0o600 });
      void (async () => {
        try {
          const summaries = await ingestFiles(ctx.store, { mapping, text: JSON.stringify(request.body.mapping) }, [path], {
            actor: who.username,
            progress: { fileStarted() {}, rowsDone(_file, rows) { job.rows_read = rows; }, fileDone() {} },
          });
          for (const s of summaries) {
            job.rows_read = s.rowsRead;
            job.accepted = s.accepted;
            job.quarantined = s.quarantined;
          }
          await ctx.afterIngest();
          job.status = 'done';
        } catch (error) {
          job.status = 'failed';
          job.error = isAppError(error) ? { code: error.code, message: error.message, message_zh: error.messageZh } : { code: 'internal', message: 'ingest failed', message_zh: '导入失败' };
        } finally {
          job.finished_at = ctx.clock().toISOString();
          await rm(jobDir, { recursive: true, force: true });
        }
      })();
      return { job_id: job.id };
    },
  );

  app.get(
    '/api/ingest/:job',
    {
      config: { permission: 'ingest' },
      schema: {
        summary: 'Progress of an upload',
        tags: ['sources'],
        params: Type.Object({ job: Type.String({ pattern: '^[0-9a-f-]{36}$' }) }),
        response: { 200: Type.Object({ status: Type.String(), source: Type.String(), rows_read: Type.Integer(), accepted: Type.Integer(), quarantined: Type.Integer(), error: Type.Union([Type.Object({ code: Type.String(), message: Type.String(), message_zh: Type.String() }), Type.Null()]) }), 404: ErrorSchema },
      },
    },
    (request) => {
      const who = principal(request);
      const job = ctx.jobs.get(request.params.job);
      if (job === undefined || (job.owner !== who.username && who.role !== 'admin')) throw new AppError('not_found', '没有这个任务', 'no such job');
      return job;
    },
  );
}
