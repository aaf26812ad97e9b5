// Roles and what each may do: one closed table, denying whatever it does not grant. Every API
// route names the one permission it needs; a route that names none is refused at start-up.

export const roles = ['admin', 'auditor', 'analyst', 'officer', 'grid_worker', 'clerk', 'resident'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'kpis', 'persons', 'reveal', 'codes', 'verify_code', 'revoke_code', 'own_code', 'sources', 'ingest',
  'reviews', 'conflicts', 'unregistered', 'audit', 'users',
] as const;
export type Permission = (typeof permissions)[number];

const grants: Record<Role, readonly Permission[]> = {
  admin: ['kpis', 'persons', 'reveal', 'codes', 'verify_code', 'revoke_code', 'sources', 'ingest', 'reviews', 'conflicts', 'unregistered', 'audit', 'users'],
  // Auditors check the log; they read no person.
  auditor: ['audit', 'kpis'],
  // Aggregates only, never a person (spec/api.md).
  analyst: ['kpis', 'sources'],
  // One department's sources, and the persons those sources touch.
  officer: ['kpis', 'persons', 'reveal', 'sources', 'ingest', 'reviews', 'conflicts', 'unregistered'],
  // Persons within one region code and its children.
  grid_worker: ['kpis', 'persons', 'reveal', 'unregistered'],
  // The service window.
  clerk: ['kpis', 'persons', 'reveal', 'codes', 'verify_code', 'revoke_code'],
  // A migrant's own account: their own service code, nothing else.
  resident: ['own_code'],
};

export const roleNames: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'administrator' },
  auditor: { zh: '审计员', en: 'auditor' },
  analyst: { zh: '分析员', en: 'analyst' },
  officer: { zh: '部门数据专员', en: 'department data officer' },
  grid_worker: { zh: '网格员', en: 'grid worker' },
  clerk: { zh: '窗口办事员', en: 'service-window clerk' },
  resident: { zh: '居民本人', en: 'resident' },
};

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export function isPermission(value: string): value is Permission {
  return (permissions as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return [...grants[role]];
}
