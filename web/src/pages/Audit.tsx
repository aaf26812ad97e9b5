// The audit log: its latest signed checkpoint, a search of entries, and each entry's inclusion
// proof checked here in the browser against the checkpoint's root (RFC 6962/9162).
import { CheckCircleOutlined, CloseCircleOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Input, Row, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { ErrorAlert, errorText, PageTitle, useApi } from '../components/common.js';
import { useI18n } from '../i18n/index.js';
import { api, query } from '../lib/api.js';
import { formatCount, formatDateTime, shortHex } from '../lib/format.js';
import { verifyInclusionHex } from '../lib/merkle.js';
import type { AuditItem, Checkpoint, InclusionProof } from '../lib/types.js';

const AUDIT_ACTIONS = ['reveal', 'person_read', 'person_search', 'export', 'login', 'login_failed', 'code_issue', 'code_verify', 'code_revoke', 'review', 'merge', 'split', 'ingest', 'account'] as const;

type Check = { state: 'checking' } | { state: 'ok'; size: number } | { state: 'bad'; reason: string };

export default function Audit(): ReactNode {
  const { t, tc, locale } = useI18n();
  const checkpoint = useApi<Checkpoint>('/api/audit/checkpoint');
  const [initial] = useState(() => {
    const q = new URLSearchParams(window.location.search);
    return { action: q.get('action') ?? '', actor: q.get('actor') ?? '', object: q.get('object') ?? '' };
  });
  const [form, setForm] = useState(initial);
  const [filter, setFilter] = useState(initial);
  const entries = useApi<{ items: AuditItem[] }>(`/api/audit/entries${query({ action: filter.action, actor: filter.actor, object: filter.object, limit: 100 })}`);
  const [checks, setChecks] = useState<Record<number, Check>>({});

  const verify = async (item: AuditItem): Promise<void> => {
    const cp = checkpoint.data;
    if (cp === null) return;
    setChecks((c) => ({ ...c, [item.index]: { state: 'checking' } }));
    try {
      const proof = await api<InclusionProof>(`/api/audit/proof${query({ index: item.index, size: cp.size })}`);
      let result: Check;
      if (proof.root_hash.toLowerCase() !== cp.root_hash.toLowerCase()) result = { state: 'bad', reason: t('audit.root_differs') };
      else if (proof.leaf_hash.toLowerCase() !== item.leaf_hash.toLowerCase()) result = { state: 'bad', reason: t('audit.leaf_differs') };
      else {
        const r = await verifyInclusionHex(proof);
        result = r.ok ? { state: 'ok', size: cp.size } : { state: 'bad', reason: tc('proof', r.reason) };
      }
      setChecks((c) => ({ ...c, [item.index]: result }));
    } catch (e) {
      setChecks((c) => ({ ...c, [item.index]: { state: 'bad', reason: errorText(e, locale) } }));
    }
  };

  const cols: ColumnsType<AuditItem> = [
    { title: t('audit.index'), dataIndex: 'index', key: 'index', align: 'right', width: 72 },
    { title: t('audit.time'), key: 'time', render: (_, r) => formatDateTime(r.entry.time, locale) },
    { title: t('audit.actor'), key: 'actor', render: (_, r) => r.entry.actor },
    { title: t('audit.role'), key: 'role', responsive: ['lg'], render: (_, r) => tc('role', r.entry.role) },
    { title: t('audit.action'), key: 'action', render: (_, r) => <Tag>{tc('action', r.entry.action)}</Tag> },
    { title: t('audit.objects'), key: 'obj', responsive: ['xl'], render: (_, r) => <Typography.Text ellipsis style={{ maxWidth: 200 }}>{r.entry.objectIds.join(', ') || '—'}</Typography.Text> },
    { title: t('audit.purpose'), key: 'purpose', responsive: ['md'], render: (_, r) => (r.entry.purpose === null || r.entry.purpose === undefined ? '—' : tc('purpose', r.entry.purpose)) },
    { title: t('audit.outcome'), key: 'outcome', render: (_, r) => <Tag color={r.entry.outcome === 'ok' ? 'green' : 'red'}>{tc('outcome', r.entry.outcome)}</Tag> },
    {
      title: t('audit.proof'),
      key: 'proof',
      render: (_, r) => {
        const c = checks[r.index];
        if (c === undefined || c.state === 'checking') {
          return (
            <Button size="small" icon={<SafetyCertificateOutlined />} loading={c?.state === 'checking'} disabled={checkpoint.data === null || r.index >= (checkpoint.data?.size ?? 0)} onClick={() => void verify(r)} aria-label={t('audit.verify_label', { index: r.index })}>
              {t('audit.verify')}
            </Button>
          );
        }
        return c.state === 'ok' ? (
          <Tag color="success" icon={<CheckCircleOutlined />} data-testid={`proof-ok-${r.index}`}>
            {t('audit.verified', { size: c.size })}
          </Tag>
        ) : (
          <Tag color="error" icon={<CloseCircleOutlined />} title={c.reason}>
            {t('audit.failed')}: {c.reason}
          </Tag>
        );
      },
    },
  ];

  const cp = checkpoint.data;
  return (
    <>
      <PageTitle title={t('nav.audit')} sub={t('audit.sub')} />
      <ErrorAlert error={checkpoint.error} />
      <Card size="small" title={t('audit.checkpoint')} style={{ marginBottom: 16 }} extra={<Button size="small" onClick={checkpoint.reload}>{t('common.refresh')}</Button>}>
        {cp !== null && (
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'origin', label: t('audit.origin'), children: cp.origin },
              { key: 'size', label: t('audit.size'), children: <span data-testid="checkpoint-size">{formatCount(cp.size, locale)}</span> },
              { key: 'root', label: t('audit.root_hash'), span: 'filled', children: <Typography.Text code copyable={{ text: cp.root_hash }} className="hash">{cp.root_hash}</Typography.Text> },
              { key: 'sig', label: t('audit.signature'), span: 'filled', children: <Typography.Text code className="hash">{shortHex(cp.signature, 24, 12)}</Typography.Text> },
              { key: 'key', label: t('audit.public_key'), span: 'filled', children: <Typography.Text code className="hash">{shortHex(cp.public_key, 24, 12)}</Typography.Text> },
              { key: 'note', label: t('audit.note'), span: 'filled', children: <pre className="note">{cp.note}</pre> },
            ]}
          />
        )}
      </Card>
      <Card size="small" title={t('audit.entries')}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setFilter({ action: form.action.trim(), actor: form.actor.trim(), object: form.object.trim() });
          }}
          style={{ marginBottom: 12 }}
        >
          <Row gutter={[12, 8]} align="bottom">
            <Col xs={24} sm={8} md={6}>
              <label className="field-label" htmlFor="audit-action">
                {t('audit.action')}
              </label>
              <Select
                id="audit-action"
                allowClear
                showSearch
                style={{ width: '100%' }}
                value={form.action === '' ? undefined : form.action}
                onChange={(v: string | undefined) => setForm({ ...form, action: v ?? '' })}
                placeholder={t('audit.all_actions')}
                options={AUDIT_ACTIONS.map((a) => ({ value: a, label: `${tc('action', a)} (${a})` }))}
              />
            </Col>
            <Col xs={24} sm={8} md={6}>
              <label className="field-label" htmlFor="audit-actor">
                {t('audit.actor')}
              </label>
              <Input id="audit-actor" value={form.actor} onChange={(e) => setForm({ ...form, actor: e.target.value })} allowClear />
            </Col>
            <Col xs={24} sm={8} md={6}>
              <label className="field-label" htmlFor="audit-object">
                {t('audit.object')}
              </label>
              <Input id="audit-object" value={form.object} onChange={(e) => setForm({ ...form, object: e.target.value })} placeholder={t('audit.object_placeholder')} allowClear />
            </Col>
            <Col xs={24} md={6}>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t('common.search')}
              </Button>
            </Col>
          </Row>
        </form>
        <ErrorAlert error={entries.error} />
        <Table<AuditItem> data-testid="audit-table" size="small" rowKey="index" columns={cols} dataSource={entries.data?.items ?? []} loading={entries.loading} pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }} scroll={{ x: 'max-content' }} />
      </Card>
    </>
  );
}
