// Accounts (admin): who may sign in, with which role, department and region. No hashes are sent.
import { Card, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { ErrorAlert, PageTitle, useApi } from '../components/common.js';
import { useI18n } from '../i18n/index.js';
import { formatDateTime } from '../lib/format.js';

type Account = Record<string, unknown>;
const s = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '—');

export default function Users(): ReactNode {
  const { t, tc, locale } = useI18n();
  const users = useApi<{ items: Account[] } | Account[]>('/api/users');
  const items = users.data === null ? [] : Array.isArray(users.data) ? users.data : users.data.items;
  const cols: ColumnsType<Account> = [
    { title: t('login.username'), key: 'u', render: (_, r) => s(r.username) },
    { title: t('audit.role'), key: 'r', render: (_, r) => <Tag color="blue">{tc('role', s(r.role))}</Tag> },
    { title: t('user.department'), key: 'd', render: (_, r) => s(r.department) },
    { title: t('user.region'), key: 'g', render: (_, r) => (r.region_name !== undefined && r.region_name !== null ? s(r.region_name) : s(r.region)) },
    { title: t('users.created'), key: 'c', responsive: ['md'], render: (_, r) => formatDateTime(typeof r.created_at === 'string' ? r.created_at : null, locale) },
  ];
  return (
    <>
      <PageTitle title={t('nav.users')} sub={t('users.sub')} />
      <ErrorAlert error={users.error} />
      <Card size="small">
        <Table<Account> size="small" rowKey={(r) => s(r.username)} columns={cols} dataSource={items} loading={users.loading} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 'max-content' }} />
      </Card>
    </>
  );
}
