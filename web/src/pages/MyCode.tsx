// A resident's own page: their service code (一人一码) as a QR to show at a window, and who has read
// their record, for what purpose (PIPL art. 45) — staff named by role only.
import { Alert, Card, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useAuth } from '../app/auth.js';
import { ErrorAlert, PageTitle, useApi } from '../components/common.js';
import { useI18n } from '../i18n/index.js';
import { query } from '../lib/api.js';
import { formatDateTime } from '../lib/format.js';
import type { AccessLogItem } from '../lib/types.js';
import { CodeTab } from './Person.js';

export default function MyCode(): ReactNode {
  const { t, tc, locale } = useI18n();
  const { user } = useAuth();
  const personId = user?.person_id ?? null;
  const log = useApi<{ items: AccessLogItem[] }>(personId === null ? null : `/api/me/access-log${query({ limit: 50 })}`);
  const columns: ColumnsType<AccessLogItem> = [
    { title: t('mycode.when'), key: 'time', render: (_, r) => formatDateTime(r.time, locale) },
    { title: t('audit.role'), key: 'role', render: (_, r) => tc('role', r.role) },
    { title: t('audit.action'), key: 'action', render: (_, r) => <Tag>{tc('action', r.action)}</Tag> },
    { title: t('audit.purpose'), key: 'purpose', render: (_, r) => tc('purpose', r.purpose) },
    { title: t('audit.outcome'), key: 'outcome', render: (_, r) => <Tag color={r.outcome === 'ok' ? 'green' : 'red'}>{tc('outcome', r.outcome)}</Tag> },
  ];
  return (
    <>
      <PageTitle title={t('nav.my_code')} sub={t('mycode.sub')} />
      {personId !== null && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <CodeTab personId={personId} canRevoke={false} />
        </Card>
      )}
      <Card size="small" title={t('mycode.access_log')}>
        <Alert type="info" showIcon title={t('mycode.access_note')} style={{ marginBottom: 12 }} />
        <ErrorAlert error={log.error} />
        <Table<AccessLogItem>
          data-testid="access-log"
          size="small"
          rowKey={(r, i) => `${r.time}-${i ?? 0}`}
          columns={columns}
          dataSource={log.data?.items ?? []}
          loading={log.loading}
          locale={{ emptyText: t('mycode.none') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
    </>
  );
}
