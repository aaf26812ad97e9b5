// The console's pages, their paths, menu entries and the permission each needs.
import { AuditOutlined, CloudUploadOutlined, DashboardOutlined, DiffOutlined, EnvironmentOutlined, QrcodeOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MessageId } from '../i18n/catalog.js';
import type { Permission } from '../lib/types.js';
import { match } from './router.js';

export interface RouteDef {
  key: string;
  path: string;
  title: MessageId;
  icon?: ReactNode;
  /** Shown in the menu (detail pages are not). */
  menu: boolean;
  parent?: string;
  allowed: (can: (p: Permission) => boolean) => boolean;
}

export const ROUTES: readonly RouteDef[] = [
  { key: 'dashboard', path: '/dashboard', title: 'nav.dashboard', icon: <DashboardOutlined />, menu: true, allowed: (can) => can('kpis') },
  { key: 'people', path: '/people', title: 'nav.people', icon: <TeamOutlined />, menu: true, allowed: (can) => can('persons') },
  { key: 'person', path: '/people/:id', title: 'nav.person', menu: false, parent: 'people', allowed: (can) => can('persons') },
  { key: 'codes', path: '/codes', title: 'nav.codes', icon: <QrcodeOutlined />, menu: true, allowed: (can) => can('verify_code') },
  { key: 'sources', path: '/sources', title: 'nav.sources', icon: <CloudUploadOutlined />, menu: true, allowed: (can) => can('sources') || can('ingest') },
  { key: 'review', path: '/review', title: 'nav.review', icon: <DiffOutlined />, menu: true, allowed: (can) => can('reviews') || can('conflicts') },
  { key: 'unregistered', path: '/unregistered', title: 'nav.unregistered', icon: <EnvironmentOutlined />, menu: true, allowed: (can) => can('unregistered') },
  { key: 'audit', path: '/audit', title: 'nav.audit', icon: <AuditOutlined />, menu: true, allowed: (can) => can('audit') },
  { key: 'mycode', path: '/my-code', title: 'nav.my_code', icon: <QrcodeOutlined />, menu: true, allowed: (can) => can('own_code') },
  { key: 'welcome', path: '/welcome', title: 'nav.welcome', menu: false, allowed: () => true },
  { key: 'users', path: '/users', title: 'nav.users', icon: <UserOutlined />, menu: true, allowed: (can) => can('users') },
];

export function findRoute(pathname: string): RouteDef | null {
  return ROUTES.find((r) => match(r.path, pathname) !== null) ?? null;
}

export function firstAllowedPath(can: (p: Permission) => boolean): string {
  return ROUTES.find((r) => r.menu && r.allowed(can))?.path ?? '/welcome';
}
