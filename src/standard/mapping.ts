// Source mapping files (spec/data-standard.md §2): parsed and validated into a typed Mapping, with
// errors that name the key and the problem so a department's data officer can fix the file.

import { AppError } from '../errors.js';
import { isPersonField, isSourceKind, type PersonField, type SourceKind } from './fields.js';

export type ColumnRef = string | readonly string[];

export interface RelationSpec {
  type: string;
  from: string;
  to: string;
}

export interface Mapping {
  source: string;
  kind: SourceKind;
  department: string | null;
  encoding: 'utf-8' | 'gb18030';
  sheet: string | null;
  recordId: string | null;
  observedAt: string | null;
  roles: Record<string, Partial<Record<PersonField, ColumnRef>>>;
  relations: RelationSpec[];
  facts: Record<string, string>;
}

const topLevelKeys = new Set([
  'source', 'kind', 'department', 'encoding', 'sheet', 'record_id', 'observed_at', 'roles', 'relations', 'facts',
]);
const sourcePattern = /^[A-Za-z0-9_.-]{1,64}$/;
const encodings: Record<string, Mapping['encoding']> = {
  'utf-8': 'utf-8', utf8: 'utf-8', gb18030: 'gb18030', gbk: 'gb18030', gb2312: 'gb18030',
};

function fail(where: string, zh: string, en: string): never {
  throw new AppError('bad_mapping', `映射文件 ${where}：${zh}`, `mapping ${where}: ${en}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(obj: Record<string, unknown>, key: string, where: string): string | null {
  const value = obj[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.trim() === '') fail(`${where}.${key}`, '应为非空字符串', 'must be a non-empty string');
  return value.trim();
}

function parseColumnRef(value: unknown, where: string): ColumnRef {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v.trim() !== '')) {
    return value.map((v: string) => v.trim());
  }
  return fail(where, '应为列名或列名数组', 'must be a column name or an array of column names');
}

function parseRoles(value: unknown, where: string): Mapping['roles'] {
  if (!isRecord(value) || Object.keys(value).length === 0) {
    fail(where, '应为至少含一个角色的对象（如 subject）', 'must be an object with at least one role (e.g. subject)');
  }
  const roles: Mapping['roles'] = {};
  for (const [role, fields] of Object.entries(value)) {
    const at = `${where}.${role}`;
    if (!sourcePattern.test(role)) fail(at, '角色名只能含字母、数字、下划线', 'role names may hold letters, digits and underscores only');
    if (!isRecord(fields) || Object.keys(fields).length === 0) fail(at, '应为「标准字段: 列名」对象', 'must map standard fields to columns');
    const mapped: Partial<Record<PersonField, ColumnRef>> = {};
    for (const [field, column] of Object.entries(fields)) {
      if (!isPersonField(field)) fail(`${at}.${field}`, '未知的标准字段', 'unknown standard field');
      mapped[field] = parseColumnRef(column, `${at}.${field}`);
    }
    roles[role] = mapped;
  }
  return roles;
}

function parseRelations(value: unknown, roles: Mapping['roles'], where: string): RelationSpec[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(where, '应为数组', 'must be an array');
  return value.map((item: unknown, i) => {
    const at = `${where}[${i}]`;
    if (!isRecord(item)) fail(at, '应为 {type, from, to} 对象', 'must be an object {type, from, to}');
    const type = optionalString(item, 'type', at);
    const from = optionalString(item, 'from', at);
    const to = optionalString(item, 'to', at);
    if (type === null || from === null || to === null) fail(at, '缺少 type、from 或 to', 'needs type, from and to');
    for (const role of [from, to]) {
      if (!Object.hasOwn(roles, role)) fail(at, `引用了未定义的角色 ${role}`, `names role ${role}, which roles does not define`);
    }
    return { type, from, to };
  });
}

function parseFacts(value: unknown, where: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) fail(where, '应为「事实名: 列名」对象', 'must map fact names to columns');
  const facts: Record<string, string> = {};
  for (const [fact, column] of Object.entries(value)) {
    if (!sourcePattern.test(fact)) fail(`${where}.${fact}`, '事实名只能含字母、数字、下划线', 'fact names may hold letters, digits and underscores only');
    if (typeof column !== 'string' || column.trim() === '') fail(`${where}.${fact}`, '应为列名', 'must be a column name');
    facts[fact] = column.trim();
  }
  return facts;
}

/** Validates a parsed mapping document; `name` (the file) is used in error messages. */
export function parseMapping(document: unknown, name: string): Mapping {
  if (!isRecord(document)) fail(name, '应为 JSON 对象', 'must be a JSON object');
  for (const key of Object.keys(document)) {
    if (!topLevelKeys.has(key)) fail(`${name}: ${key}`, '未知的键', 'unknown key');
  }
  const source = optionalString(document, 'source', name);
  if (source === null || !sourcePattern.test(source)) {
    fail(`${name}: source`, '必填，只能含字母、数字、下划线、点和短横线（≤64）', 'is required: letters, digits, _ . - (at most 64)');
  }
  const kind = optionalString(document, 'kind', name);
  if (kind === null || !isSourceKind(kind)) fail(`${name}: kind`, `未知的数据源类型 ${kind ?? '(空)'}`, `unknown kind ${kind ?? '(missing)'}`);
  const encodingName = (optionalString(document, 'encoding', name) ?? 'utf-8').toLowerCase();
  const encoding = encodings[encodingName];
  if (encoding === undefined) fail(`${name}: encoding`, `不支持的编码 ${encodingName}（可用 utf-8、gb18030）`, `unsupported encoding ${encodingName} (use utf-8 or gb18030)`);
  const roles = parseRoles(document.roles, `${name}: roles`);
  return {
    source,
    kind,
    department: optionalString(document, 'department', name),
    encoding,
    sheet: optionalString(document, 'sheet', name),
    recordId: optionalString(document, 'record_id', name),
    observedAt: optionalString(document, 'observed_at', name),
    roles,
    relations: parseRelations(document.relations, roles, `${name}: relations`),
    facts: parseFacts(document.facts, `${name}: facts`),
  };
}

/** Every column the mapping reads, with the key that names it (for header checks). */
export function mappedColumns(mapping: Mapping): { column: string; key: string }[] {
  const columns: { column: string; key: string }[] = [];
  if (mapping.recordId !== null) columns.push({ column: mapping.recordId, key: 'record_id' });
  if (mapping.observedAt !== null) columns.push({ column: mapping.observedAt, key: 'observed_at' });
  for (const [role, fields] of Object.entries(mapping.roles)) {
    for (const [field, ref] of Object.entries(fields)) {
      for (const column of typeof ref === 'string' ? [ref] : ref) columns.push({ column, key: `roles.${role}.${field}` });
    }
  }
  for (const [fact, column] of Object.entries(mapping.facts)) columns.push({ column, key: `facts.${fact}` });
  return columns;
}

/** Fails when a column the mapping reads is not in the file's header, naming every missing one. */
export function checkHeader(mapping: Mapping, header: readonly string[], file: string): void {
  const present = new Set(header);
  const missing = mappedColumns(mapping).filter(({ column }) => !present.has(column));
  if (missing.length === 0) return;
  const zh = missing.map(({ column, key }) => `「${column}」（${key}）`).join('、');
  const en = missing.map(({ column, key }) => `"${column}" (${key})`).join(', ');
  throw new AppError('bad_mapping', `文件 ${file} 的表头缺少映射所用的列：${zh}`, `file ${file} lacks the columns the mapping reads: ${en}`);
}
