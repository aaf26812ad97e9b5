// One error shape for every reply: { error: { code, message, message_zh, field? } }, codes from
// the closed list of src/errors.ts. Messages never quote the request (no personal data echoed).

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, appErrorCodes, type AppErrorCode } from '../errors.js';

export interface ErrorBody {
  error: { code: AppErrorCode; message: string; message_zh: string; field?: string; retry_after_s?: number };
}

export function errorBody(code: AppErrorCode, message: string, messageZh: string, extra: { field?: string; retry_after_s?: number } = {}): ErrorBody {
  return { error: { code, message, message_zh: messageZh, ...extra } };
}

/** The field a schema validation error is about, as a dotted path. */
function validationField(error: FastifyError): string | undefined {
  const first = error.validation?.[0];
  if (first === undefined) return undefined;
  const path = first.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const missing = (first.params as { missingProperty?: unknown }).missingProperty;
  const name = typeof missing === 'string' ? (path === '' ? missing : `${path}.${missing}`) : path;
  const where = error.validationContext ?? 'body';
  return name === '' ? where : name;
}

export function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof AppError) {
    const extra: { field?: string; retry_after_s?: number } = {};
    const retry = /^retry_after_s=(\d+)$/.exec(error.detail ?? '');
    if (retry !== null) {
      extra.retry_after_s = Number(retry[1]);
      void reply.header('retry-after', retry[1]);
    } else if (error.code === 'bad_request' && error.detail !== undefined && /^[a-z_.]{1,40}$/.test(error.detail)) extra.field = error.detail;
    return reply.code(error.status).send(errorBody(error.code, error.message, error.messageZh, extra));
  }
  const fe = error as FastifyError;
  if (fe.validation !== undefined) {
    const field = validationField(fe);
    return reply.code(400).send(errorBody('bad_request', `invalid request: ${field ?? 'body'}`, `请求参数有误：${field ?? 'body'}`, field === undefined ? {} : { field }));
  }
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send(errorBody('payload_too_large', 'request body too large', '请求内容过大'));
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.code(415).send(errorBody('unsupported_media_type', 'unsupported content type: send JSON', '不支持的内容类型：请发送 JSON'));
  // The router's own refusals (a malformed %-escape, an over-long path segment): its messages quote
  // the path, which may hold a searched id number, so they are answered in our words.
  if (fe.code === 'FST_ERR_BAD_URL') return reply.code(400).send(errorBody('bad_request', 'the address is not a valid URL', '地址不是有效的 URL'));
  if (fe.code === 'FST_ERR_MAX_PARAM_LENGTH') return reply.code(414).send(errorBody('uri_too_long', 'a part of the address is too long', '地址中的某一段过长'));
  if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (fe.statusCode === 400 && fe instanceof SyntaxError)) {
    return reply.code(400).send(errorBody('bad_request', 'the body is not valid JSON', '请求内容不是有效的 JSON', { field: 'body' }));
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code: AppErrorCode = fe.statusCode === 404 ? 'not_found' : fe.statusCode === 413 ? 'payload_too_large' : 'bad_request';
    return reply.code(appErrorCodes[code]).send(errorBody(code, 'bad request', '请求有误'));
  }
  // Unexpected: logged by request id only (the error may hold data), answered without detail.
  request.log.error({ reqId: request.id, code: fe.code, name: fe.name }, 'internal error');
  return reply.code(500).send(errorBody('internal', `internal error (request ${request.id})`, `内部错误（请求 ${request.id}）`));
}
