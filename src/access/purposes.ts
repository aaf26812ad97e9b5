// Purpose of use (使用目的, PIPL art. 6 and GB/T 35273 §7): a closed list. Every read of a person
// carries one; a reveal must state one. Callers may give the id or the Chinese label.

import type { Role } from './roles.js';

export const purposes = {
  registration_check: '登记核验',
  public_service: '公共服务办理',
  rights_protection: '权益保障',
  statistics: '统计分析',
  law_enforcement: '执法协查',
} as const;
export type Purpose = keyof typeof purposes;

/** The purpose a read is recorded under when the caller states none (reveal always needs one). */
const defaults: Partial<Record<Role, Purpose>> = {
  admin: 'registration_check',
  officer: 'registration_check',
  grid_worker: 'registration_check',
  clerk: 'public_service',
  resident: 'public_service',
  analyst: 'statistics',
  auditor: 'statistics',
};

export function parsePurpose(value: string | undefined | null): Purpose | undefined {
  if (value === undefined || value === null) return undefined;
  const text = value.trim();
  if (text in purposes) return text as Purpose;
  for (const [id, label] of Object.entries(purposes)) if (label === text) return id as Purpose;
  return undefined;
}

export function defaultPurpose(role: Role): Purpose {
  return defaults[role] ?? 'registration_check';
}
