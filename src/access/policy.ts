// The one authorization module: who is asking (the principal), and the three checks every route
// makes through it — permission by role, jurisdiction by region code, department by source. A
// person outside a caller's scope (a grid worker's region; for an officer, the persons their
// department's sources touch) is reported as not found (404), so existence does not leak.

import { AppError } from '../errors.js';
import { significantPrefix } from '../identity/region.js';
import { can, type Permission, type Role } from './roles.js';

export interface Principal {
  username: string;
  role: Role;
  department: string | null;
  /** A grid worker's region (GB/T 2260 code); others see the whole jurisdiction. */
  region: string | null;
  /** A resident's own person. */
  personId: string | null;
}

export function requirePermission(principal: Principal, permission: Permission): void {
  if (!can(principal.role, permission)) {
    throw new AppError('forbidden', '当前角色无权执行此操作', 'your role may not do this', `${principal.role} lacks ${permission}`);
  }
}

/** The residence-region prefix a caller's person reads are limited to; null for the whole jurisdiction. */
export function regionPrefix(principal: Principal): string | null {
  if (principal.role !== 'grid_worker') return null;
  // A grid worker without a region sees nobody: an impossible prefix, not the whole city.
  const prefix = principal.region === null ? '' : significantPrefix(principal.region);
  return prefix === '' ? '\u0000' : prefix;
}

export function personInScope(principal: Principal, residenceRegion: string | null): boolean {
  const prefix = regionPrefix(principal);
  if (prefix === null) return true;
  return residenceRegion !== null && residenceRegion.startsWith(prefix);
}

/**
 * Which persons a caller may read, as the store's queries apply it: a residence-region prefix
 * (grid workers) and the sources one of whose records the person must be linked to (an officer's
 * department's sources). `null`: no limit of that kind. An empty source list reads nobody.
 */
export interface PersonScope {
  region: string | null;
  sources: readonly string[] | null;
  /**
   * The persons on the unregistered list (漏登) are in scope too, whatever their sources: the
   * officer's department registers residence (holds a `residence_registration` source), and that
   * list is its work queue — persons its own records cannot show, by definition.
   */
  unregistered: boolean;
}

/** A source's kind and the department that holds it. */
export interface SourceOwner {
  kind: string;
  department: string | null;
}

/** A caller's scope, given every source (only an officer's scope depends on them). */
export function personScope(principal: Principal, sources: ReadonlyMap<string, SourceOwner>): PersonScope {
  const region = regionPrefix(principal);
  if (principal.role !== 'officer') return { region, sources: null, unregistered: false };
  const own = [...sources].filter(([, s]) => sourceVisible(principal, s.department));
  return { region, sources: own.map(([source]) => source).sort(), unregistered: own.some(([, s]) => s.kind === 'residence_registration') };
}

/** Whether a scope holds nobody at all: an officer whose department holds no source. */
export function scopeIsEmpty(scope: PersonScope): boolean {
  return scope.sources !== null && scope.sources.length === 0 && !scope.unregistered;
}

/**
 * Whether a person lies within a scope's sources: a record of theirs comes from one of them, or
 * they are on the unregistered list and the scope takes that list in. (The region is checked apart.)
 */
export function sourcesInScope(scope: PersonScope, records: readonly { source: string }[], onUnregisteredList: boolean): boolean {
  const own = scope.sources;
  return own === null || records.some((r) => own.includes(r.source)) || (scope.unregistered && onUnregisteredList);
}

export function notFound(): AppError {
  return new AppError('not_found', '未找到该人员', 'no such person');
}

/** Whether a caller may read the records of a source held by `department`. */
export function sourceVisible(principal: Principal, department: string | null): boolean {
  if (principal.role !== 'officer') return true;
  return principal.department !== null && department === principal.department;
}

export function requireSourceVisible(principal: Principal, department: string | null): void {
  if (!sourceVisible(principal, department)) {
    throw new AppError('forbidden', '只能查看本部门的数据源', 'officers see the sources of their own department only');
  }
}
