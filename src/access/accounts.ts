// Accounts: `yima user add` and the console's user list go through here, so one set of rules holds
// for usernames (never personal data: they are written into the audit log), roles, regions and
// passwords.

import { AppError } from '../errors.js';
import { isRegionCode, isWithinRegion, regionName } from '../identity/region.js';
import type { Store } from '../store/types.js';
import type { UserRow } from '../store/access/access-store.js';
import { hashPassword, passwordProblem } from './passwords.js';
import { isRole, type Role } from './roles.js';

const USERNAME = /^[A-Za-z][A-Za-z0-9._-]{2,31}$/;

export interface NewUser {
  username: string;
  password: string;
  role: string;
  department?: string | null | undefined;
  region?: string | null | undefined;
  personId?: string | null | undefined;
}

export interface PublicUser {
  username: string;
  role: Role;
  department: string | null;
  region: string | null;
  region_name: string | null;
  disabled: boolean;
  locked_until: string | null;
}

export function publicUser(row: UserRow): PublicUser {
  return {
    username: row.username,
    role: isRole(row.role) ? row.role : 'resident',
    department: row.department,
    region: row.region,
    region_name: row.region === null ? null : regionName(row.region),
    disabled: row.disabled !== 0,
    locked_until: row.locked_until,
  };
}

function bad(zh: string, en: string): AppError {
  return new AppError('bad_request', zh, en);
}

/** Checks a new account against the rules and the node's jurisdiction; returns the role. */
export function checkNewUser(user: NewUser, jurisdiction: string): Role {
  if (!USERNAME.test(user.username)) throw bad('用户名须为 3–32 位字母、数字或 . _ -，以字母开头', 'username: 3–32 letters, digits or . _ -, starting with a letter');
  if (!isRole(user.role)) throw bad(`未知角色：${user.role}`, `unknown role: ${user.role}`);
  const role = user.role;
  const problem = passwordProblem(user.password);
  if (problem !== null) throw bad('密码不符合要求：至少 10 位，且包含两类字符', `password rejected: ${problem}`);
  if (role === 'officer' && (user.department ?? '').trim() === '') throw bad('部门数据专员须指定 --department', 'an officer needs --department');
  if (role === 'grid_worker') {
    const region = user.region ?? '';
    if (!isRegionCode(region) || regionName(region) === null) throw bad('网格员须指定有效的区划代码 --region', 'a grid worker needs a valid --region code');
    if (!isWithinRegion(region, jurisdiction)) throw bad(`区划 ${region} 不在本节点辖区 ${jurisdiction} 内`, `region ${region} is outside the node's jurisdiction ${jurisdiction}`);
  }
  if (role === 'resident' && (user.personId ?? '') === '') throw bad('居民账号须绑定 --person', 'a resident account needs --person');
  return role;
}

export async function addUser(store: Store, user: NewUser, jurisdiction: string, now: Date): Promise<PublicUser> {
  const role = checkNewUser(user, jurisdiction);
  const at = now.toISOString();
  const row: UserRow = {
    username: user.username,
    password_hash: await hashPassword(user.password),
    role,
    department: role === 'officer' ? (user.department ?? null) : (user.department ?? null),
    region: role === 'grid_worker' ? (user.region ?? null) : null,
    person_id: role === 'resident' ? (user.personId ?? null) : null,
    disabled: 0,
    failed_count: 0,
    locked_until: null,
    created_at: at,
    updated_at: at,
  };
  if (!(await store.access.addUser(row))) throw new AppError('conflict', `用户名 ${user.username} 已存在`, `username ${user.username} is taken`);
  return publicUser(row);
}
