// Department sources: ingest runs, counts, standardisation rate, quarantine (reasons, rows, .xlsx
// download), and upload of a department file with its mapping, with progress.
import { CloudUploadOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Input, Progress, Row, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useAuth } from '../app/auth.js';
import { ErrorAlert, errorText, PageTitle, useApi } from '../components/common.js';
import { useI18n } from '../i18n/index.js';
import { api, download, fileToBase64, postWithProgress } from '../lib/api.js';
import { formatCount, formatDateTime, formatDays, formatPercent } from '../lib/format.js';
import type { IngestJob, IngestRun, QuarantineItem, SourceSummary } from '../lib/types.js';

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

function SourceDetail(props: { source: string; canIngest: boolean }): ReactNode {
  const { t, tc, locale } = useI18n();
  const { message } = AntApp.useApp();
  const enc = encodeURIComponent(props.source);
  const runs = useApi<{ items: IngestRun[] }>(props.canIngest ? `/api/sources/${enc}/runs` : null);
  const quarantine = useApi<{ items: QuarantineItem[]; by_reason: Record<string, number> | { reason: string; count: number }[] }>(props.canIngest ? `/api/sources/${enc}/quarantine` : null);
  const byReason: { reason: string; count: number }[] = (() => {
    const b = quarantine.data?.by_reason;
    if (b === undefined || b === null) return [];
    if (Array.isArray(b)) return b;
    return Object.entries(b).map(([reason, count]) => ({ reason, count }));
  })();
  const runCols: ColumnsType<IngestRun> = [
    { title: t('run.started'), key: 'start', render: (_, r) => formatDateTime(str(r.started_at) ?? str(r.at), locale) },
    { title: t('run.file'), key: 'file', render: (_, r) => str(r.file_name) ?? str(r.file) ?? '—' },
    { title: t('run.status'), key: 'status', render: (_, r) => (str(r.status) === null ? '—' : <Tag>{tc('job', str(r.status) ?? '')}</Tag>) },
    { title: t('run.rows_read'), key: 'read', align: 'right', render: (_, r) => formatCount(num(r.rows_read), locale) },
    { title: t('run.accepted'), key: 'acc', align: 'right', render: (_, r) => formatCount(num(r.accepted), locale) },
    { title: t('run.quarantined'), key: 'q', align: 'right', render: (_, r) => formatCount(num(r.quarantined), locale) },
  ];
  const qCols: ColumnsType<QuarantineItem> = [
    { title: t('quarantine.file'), dataIndex: 'file', key: 'file', responsive: ['md'] },
    { title: t('quarantine.line'), dataIndex: 'line', key: 'line', align: 'right' },
    { title: t('quarantine.record_id'), key: 'rid', render: (_, r) => r.record_id ?? '—' },
    { title: t('quarantine.reason'), key: 'reason', render: (_, r) => <Tag color="red">{tc('reason', r.reason)}</Tag> },
  ];
  const save = async (): Promise<void> => {
    try {
      await download(`/api/sources/${enc}/quarantine?format=xlsx`, `quarantine-${props.source}.xlsx`);
    } catch (e) {
      void message.error(errorText(e, locale));
    }
  };
  return (
    <Tabs
      items={[
        {
          key: 'runs',
          label: t('source.runs'),
          children: (
            <>
              <ErrorAlert error={runs.error} />
              <Table<IngestRun> data-testid="runs-table" size="small" rowKey={(r) => str(r.run_id) ?? str(r.id) ?? JSON.stringify(r)} columns={runCols} dataSource={runs.data?.items ?? []} loading={runs.loading} pagination={{ pageSize: 10, hideOnSinglePage: true }} scroll={{ x: 'max-content' }} />
            </>
          ),
        },
        {
          key: 'quarantine',
          label: t('source.quarantine'),
          children: (
            <>
              <ErrorAlert error={quarantine.error} />
              <Space wrap style={{ marginBottom: 12 }}>
                {byReason.map((r) => (
                  <Tag key={r.reason} color="red">
                    {tc('reason', r.reason)}: {formatCount(r.count, locale)}
                  </Tag>
                ))}
                <Button icon={<DownloadOutlined />} onClick={() => void save()}>
                  {t('quarantine.download')}
                </Button>
              </Space>
              <Table<QuarantineItem> size="small" rowKey={(r) => `${r.file}|${r.line}`} columns={qCols} dataSource={quarantine.data?.items ?? []} loading={quarantine.loading} pagination={{ pageSize: 10, hideOnSinglePage: true }} scroll={{ x: 'max-content' }} />
            </>
          ),
        },
      ]}
    />
  );
}

type Phase = 'idle' | 'uploading' | 'processing' | 'done' | 'failed';

function UploadCard(props: { onDone: (source: string) => void }): ReactNode {
  const { t, locale } = useI18n();
  const [mappingText, setMappingText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [progress, setProgress] = useState(0);
  const [job, setJob] = useState<IngestJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<number | null>(null);
  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );

  const readMapping = async (f: File | undefined): Promise<void> => {
    if (f === undefined) return;
    setMappingText(await f.text());
  };

  const start = async (): Promise<void> => {
    setError(null);
    setJob(null);
    let mapping: unknown;
    try {
      mapping = JSON.parse(mappingText);
      if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping)) throw new Error('not an object');
    } catch {
      setError(t('upload.bad_mapping'));
      return;
    }
    if (file === null) {
      setError(t('upload.no_file'));
      return;
    }
    const declared = (mapping as { source?: unknown }).source;
    const source = typeof declared === 'string' ? declared : '';
    setPhase('uploading');
    setProgress(0);
    try {
      const content_base64 = await fileToBase64(file);
      const { job_id } = await postWithProgress<{ job_id: string }>('/api/ingest', { mapping, file_name: file.name, content_base64 }, setProgress);
      setPhase('processing');
      const poll = async (): Promise<void> => {
        try {
          const j = await api<IngestJob>(`/api/ingest/${encodeURIComponent(job_id)}`);
          setJob(j);
          if (j.status === 'running') timer.current = window.setTimeout(() => void poll(), 500);
          else if (j.status === 'done') {
            setPhase('done');
            props.onDone(source);
          } else {
            setPhase('failed');
            const e = j.error;
            setError(e === undefined || e === null ? t('upload.failed') : locale === 'zh-CN' ? e.message_zh : e.message);
          }
        } catch (e) {
          setPhase('failed');
          setError(errorText(e, locale));
        }
      };
      await poll();
    } catch (e) {
      setPhase('failed');
      setError(errorText(e, locale));
    }
  };

  const busy = phase === 'uploading' || phase === 'processing';
  return (
    <Card size="small" title={t('upload.title')} style={{ marginBottom: 16 }}>
      <Row gutter={[16, 12]}>
        <Col xs={24} md={12}>
          <label className="field-label" htmlFor="upload-mapping-file">
            {t('upload.mapping_file')}
          </label>
          <input id="upload-mapping-file" type="file" accept=".json,application/json" disabled={busy} onChange={(e) => void readMapping(e.target.files?.[0])} className="file-input" />
          <label className="field-label" htmlFor="upload-mapping" style={{ marginTop: 8 }}>
            {t('upload.mapping')}
          </label>
          <Input.TextArea id="upload-mapping" value={mappingText} onChange={(e) => setMappingText(e.target.value)} rows={6} disabled={busy} placeholder={t('upload.mapping_placeholder')} spellCheck={false} className="mono" />
        </Col>
        <Col xs={24} md={12}>
          <label className="field-label" htmlFor="upload-file">
            {t('upload.data_file')}
          </label>
          <input id="upload-file" type="file" accept=".csv,.xlsx,.jsonl,.txt" disabled={busy} onChange={(e) => setFile(e.target.files?.[0] ?? null)} className="file-input" />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 4 }}>
            {t('upload.hint')}
          </Typography.Paragraph>
          <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => void start()} loading={busy} style={{ marginBottom: 12 }}>
            {t('upload.start')}
          </Button>
          {phase !== 'idle' && (
            <div aria-live="polite">
              <Typography.Text>{t(`upload.phase_${phase}`)}</Typography.Text>
              <Progress percent={phase === 'uploading' ? Math.round(progress * 100) : phase === 'processing' ? 100 : phase === 'done' ? 100 : Math.round(progress * 100)} status={phase === 'failed' ? 'exception' : phase === 'processing' ? 'active' : phase === 'done' ? 'success' : 'normal'} aria-label={t('upload.progress')} />
              {job !== null && (
                <Descriptions
                  data-testid="upload-result"
                  size="small"
                  column={3}
                  items={[
                    { key: 'r', label: t('run.rows_read'), children: <span data-testid="upload-rows-read">{formatCount(job.rows_read, locale)}</span> },
                    { key: 'a', label: t('run.accepted'), children: <span data-testid="upload-accepted">{formatCount(job.accepted, locale)}</span> },
                    { key: 'q', label: t('run.quarantined'), children: <span data-testid="upload-quarantined">{formatCount(job.quarantined, locale)}</span> },
                  ]}
                />
              )}
            </div>
          )}
          {error !== null && <Alert type="error" showIcon title={error} role="alert" />}
        </Col>
      </Row>
    </Card>
  );
}

export default function Sources(): ReactNode {
  const { t, tc, locale } = useI18n();
  const { can } = useAuth();
  const sources = useApi<{ items: SourceSummary[] }>(can('sources') ? '/api/sources' : null);
  const [selected, setSelected] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const items = sources.data?.items ?? [];
  const current = selected ?? items[0]?.source ?? null;
  const cols: ColumnsType<SourceSummary> = [
    { title: t('source.source'), key: 'source', render: (_, r) => <Typography.Text strong={r.source === current}>{r.source}</Typography.Text> },
    { title: t('source.kind'), key: 'kind', responsive: ['md'], render: (_, r) => (r.kind === undefined ? '—' : tc('kind', r.kind)) },
    { title: t('source.department'), dataIndex: 'department', key: 'dept', responsive: ['lg'] },
    { title: t('source.records'), key: 'records', align: 'right', render: (_, r) => formatCount(num(r.records) ?? num(r.record_count) ?? num(r.accepted), locale) },
    { title: t('source.std_rate'), key: 'std', align: 'right', render: (_, r) => formatPercent(r.standardization_rate) ?? '—' },
    { title: t('source.last_ingest'), key: 'last', responsive: ['md'], render: (_, r) => formatDateTime(r.last_ingest_at, locale) },
    { title: t('source.freshness'), key: 'fresh', align: 'right', responsive: ['sm'], render: (_, r) => formatDays(r.freshness_days, locale) ?? '—' },
  ];
  const totalRecords = items.reduce((s, r) => s + (num(r.records) ?? num(r.record_count) ?? 0), 0);
  return (
    <>
      <PageTitle title={t('nav.sources')} sub={t('source.sub')} />
      {can('ingest') && (
        <UploadCard
          onDone={(s) => {
            sources.reload();
            setVersion((v) => v + 1);
            if (s !== '') setSelected(s);
          }}
        />
      )}
      <ErrorAlert error={sources.error} />
      {can('sources') && (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('source.count')} value={items.length} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('source.records_total')} value={formatCount(totalRecords, locale)} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('source.list')} style={{ marginBottom: 16 }}>
            <Table<SourceSummary>
              data-testid="sources-table"
              size="small"
              rowKey="source"
              columns={cols}
              dataSource={items}
              loading={sources.loading}
              pagination={false}
              scroll={{ x: 'max-content' }}
              onRow={(r) => ({ onClick: () => setSelected(r.source), style: { cursor: 'pointer' } })}
              rowClassName={(r) => (r.source === current ? 'row-selected' : '')}
              rowSelection={{ type: 'radio', selectedRowKeys: current === null ? [] : [current], onChange: (keys) => setSelected(String(keys[0])), columnTitle: t('source.select') }}
            />
          </Card>
          {current !== null && can('ingest') && (
            <Card size="small" title={`${t('source.detail')} · ${current}`}>
              <SourceDetail key={`${current}|${version}`} source={current} canIngest={can('ingest')} />
            </Card>
          )}
        </>
      )}
    </>
  );
}
