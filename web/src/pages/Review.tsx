// Clerical review: possible matches side by side with comparison levels and score, decided same /
// not same; and the open conflicts between sources, each leading to its person.
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Empty, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { useAuth } from '../app/auth.js';
import { Link } from '../app/router.js';
import { ErrorAlert, errorText, PageTitle, useApi } from '../components/common.js';
import { useI18n } from '../i18n/index.js';
import { api, query } from '../lib/api.js';
import { formatPercent } from '../lib/format.js';
import type { ConflictItem, ReviewPair } from '../lib/types.js';

const LEVEL_COLOR: Record<string, string> = { exact: 'green', equal: 'green', phone_and_home: 'green', same: 'green', close: 'lime', similar: 'lime', fuzzy: 'gold', partial: 'gold', different: 'red', missing: 'default', null: 'default' };

function levelColor(level: string): string {
  const key = Object.keys(LEVEL_COLOR).find((k) => level.toLowerCase().includes(k));
  return key === undefined ? 'blue' : (LEVEL_COLOR[key] ?? 'blue');
}

function pairKey(p: ReviewPair): string {
  return `${p.a.record_key}|${p.b.record_key}`;
}

function PairCard(props: { pair: ReviewPair; index: number; onDecided: () => void }): ReactNode {
  const { t, tc, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState<'same' | 'different' | null>(null);
  const { a, b } = props.pair;
  const fields = [...new Set([...Object.keys(a.fields), ...Object.keys(b.fields)])];
  const levels = Object.entries(props.pair.levels);
  const decide = async (same: boolean): Promise<void> => {
    setBusy(same ? 'same' : 'different');
    try {
      await api('/api/reviews/decide', { body: { a: a.record_key, b: b.record_key, same } });
      void message.success(same ? t('review.decided_same') : t('review.decided_different'));
      props.onDecided();
    } catch (e) {
      void message.error(errorText(e, locale));
      setBusy(null);
    }
  };
  interface Row {
    field: string;
    a: string | null;
    b: string | null;
  }
  const sexLabel = (v: string | null): string | null => (v === 'M' ? t('sex.M') : v === 'F' ? t('sex.F') : v);
  const rows: Row[] = fields.map((f) => (f === 'sex' ? { field: f, a: sexLabel(a.fields[f] ?? null), b: sexLabel(b.fields[f] ?? null) } : { field: f, a: a.fields[f] ?? null, b: b.fields[f] ?? null }));
  const cols: ColumnsType<Row> = [
    { title: t('person.field'), key: 'f', width: 110, render: (_, r) => tc('field', r.field) },
    { title: <span>A · <Tag>{a.source}</Tag></span>, key: 'a', render: (_, r) => <span className={r.a !== r.b ? 'diff' : undefined}>{r.a ?? '—'}</span> },
    { title: <span>B · <Tag>{b.source}</Tag></span>, key: 'b', render: (_, r) => <span className={r.a !== r.b ? 'diff' : undefined}>{r.b ?? '—'}</span> },
  ];
  return (
    <Card
      size="small"
      data-testid="review-pair"
      title={
        <Space wrap size={8}>
          <span>{t('review.pair', { n: props.index + 1 })}</span>
          <Tag color="purple">
            {t('review.probability')} {formatPercent(props.pair.probability) ?? '—'}
          </Tag>
          <Tag>
            {t('review.score')} {props.pair.score.toFixed(2)}
          </Tag>
        </Space>
      }
      extra={
        <Space wrap>
          <Button type="primary" icon={<CheckOutlined />} loading={busy === 'same'} disabled={busy !== null} onClick={() => void decide(true)}>
            {t('review.same')}
          </Button>
          <Button danger icon={<CloseOutlined />} loading={busy === 'different'} disabled={busy !== null} onClick={() => void decide(false)}>
            {t('review.not_same')}
          </Button>
        </Space>
      }
    >
      <Table<Row> size="small" rowKey="field" columns={cols} dataSource={rows} pagination={false} scroll={{ x: 'max-content' }} />
      <div style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">{t('review.levels')}: </Typography.Text>
        <Space wrap size={[4, 4]}>
          {levels.map(([cmp, level]) => (
            <Tag key={cmp} color={levelColor(String(level))}>
              {tc('cmp', cmp)}: {tc('level', String(level))}
            </Tag>
          ))}
        </Space>
      </div>
    </Card>
  );
}

export default function Review(): ReactNode {
  const { t, tc, locale } = useI18n();
  const { can } = useAuth();
  const pairs = useApi<{ items: ReviewPair[] }>(can('reviews') ? `/api/reviews${query({ limit: 20 })}` : null);
  const conflicts = useApi<{ items: ConflictItem[] }>(can('conflicts') ? `/api/conflicts${query({ limit: 200 })}` : null);
  const [done, setDone] = useState<ReadonlySet<string>>(new Set());
  const open = (pairs.data?.items ?? []).filter((p) => !done.has(pairKey(p)));
  const { message } = AntApp.useApp();
  // Settling a conflict: the chosen value (by its place in the list) becomes the golden one.
  const choose = async (item: ConflictItem, choice: number): Promise<void> => {
    try {
      await api('/api/conflicts/resolve', { body: { person_id: item.person_id, field: item.field, choice } });
      void message.success(t('conflict.settled'));
      conflicts.reload();
    } catch (error) {
      void message.error(errorText(error, locale));
    }
  };
  const conflictCols: ColumnsType<ConflictItem> = [
    { title: t('person.person_id'), key: 'p', render: (_, r) => <Link to={`/people/${encodeURIComponent(r.person_id)}`}>{r.person_id}</Link> },
    { title: t('person.field'), key: 'f', render: (_, r) => tc('field', r.field) },
    { title: t('field.name'), key: 'n', render: (_, r) => r.name ?? '—' },
    {
      title: t('conflict.values'),
      key: 'v',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          {r.values.map((v, i) => (
            <span key={i} className="wrap">
              {v ?? t('person.withheld')} <Typography.Text type="secondary">← {(r.sources[i] ?? []).join('、')}</Typography.Text>{' '}
              <Button size="small" type="link" data-testid="conflict-choose" aria-label={`${t('conflict.choose')} ${i + 1}`} onClick={() => void choose(r, i)}>
                {t('conflict.choose')}
              </Button>
            </span>
          ))}
        </Space>
      ),
    },
    { title: t('person.actions'), key: 'a', render: (_, r) => <Link to={`/people/${encodeURIComponent(r.person_id)}`}>{t('conflict.resolve')}</Link> },
  ];
  const tabs = [
    ...(can('reviews')
      ? [
          {
            key: 'pairs',
            label: `${t('review.pairs')} (${open.length})`,
            children: (
              <>
                <ErrorAlert error={pairs.error} />
                {pairs.loading ? null : open.length === 0 ? (
                  <Empty description={t('review.none')} />
                ) : (
                  <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                    {open.map((p, i) => (
                      <PairCard key={pairKey(p)} pair={p} index={i} onDecided={() => setDone((s) => new Set([...s, pairKey(p)]))} />
                    ))}
                  </Space>
                )}
              </>
            ),
          },
        ]
      : []),
    ...(can('conflicts')
      ? [
          {
            key: 'conflicts',
            label: `${t('review.conflicts')} (${conflicts.data?.items.length ?? 0})`,
            children: (
              <>
                <ErrorAlert error={conflicts.error} />
                <Table<ConflictItem> size="small" rowKey={(r) => `${r.person_id}|${r.field}`} columns={conflictCols} dataSource={conflicts.data?.items ?? []} loading={conflicts.loading} pagination={{ pageSize: 20, hideOnSinglePage: true }} />
              </>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <PageTitle title={t('nav.review')} sub={t('review.sub')} />
      <Card size="small">
        <Tabs items={tabs} />
      </Card>
    </>
  );
}
