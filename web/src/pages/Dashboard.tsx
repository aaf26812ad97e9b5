// Indicators against their targets: the jurisdiction's figures, one indicator by district (chart
// and table), its trend, and how fresh each source's data is.
import { CheckCircleOutlined, CloseCircleOutlined, MinusCircleOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Row, Select, Skeleton, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useAuth } from '../app/auth.js';
import { ErrorAlert, PageTitle, useApi } from '../components/common.js';
import type { ChartOption } from '../components/Chart.js';
import { useI18n } from '../i18n/index.js';
import { prefetch, query } from '../lib/api.js';
import { chartTarget, chartValue, formatCount, formatDateTime, formatDays, formatIndicatorValue, formatPercent, formatTarget, type Locale } from '../lib/format.js';
import type { Indicator, Regions, SourceSummary, TrendPoint } from '../lib/types.js';

// ECharts starts loading with this page, in parallel with the indicator requests.
const chartModule = import('../components/Chart.js');
const Chart = lazy(() => chartModule);

/** The indicator shown first, requested before the list arrives (it always exists). */
const FIRST_INDICATOR = 'registration_accuracy';

const KPIS_PATH = '/api/kpis';
const districtsPath = (id: string): string => `/api/kpis/districts${query({ id })}`;
const trendPath = (id: string): string => `/api/kpis/trend${query({ id, months: 12 })}`;

// Opened on the dashboard: its data is requested while the rest of the app is still starting.
if (window.location.pathname === '/dashboard') {
  for (const p of [KPIS_PATH, '/api/regions', districtsPath(FIRST_INDICATOR), trendPath(FIRST_INDICATOR)]) prefetch(p);
}

export function MetTag(props: { met: boolean | null; value: number | null }): ReactNode {
  const { t } = useI18n();
  if (props.value === null) return <Tag icon={<MinusCircleOutlined />}>{t('kpi.no_data')}</Tag>;
  if (props.met === null) return <Tag>{t('kpi.no_target')}</Tag>;
  return props.met ? (
    <Tag color="success" icon={<CheckCircleOutlined />}>
      {t('kpi.met')}
    </Tag>
  ) : (
    <Tag color="error" icon={<CloseCircleOutlined />}>
      {t('kpi.not_met')}
    </Tag>
  );
}

function indicatorName(ind: Indicator, locale: Locale): string {
  return locale === 'zh-CN' ? ind.name_zh : ind.name_en;
}

function mark(name: string): void {
  if (performance.getEntriesByName(name).length === 0) performance.mark(name);
}

function ChartBox(props: { option: ChartOption | null; loading: boolean; height: number; label: string; testId: string; onFinished?: () => void }): ReactNode {
  const { t } = useI18n();
  // While loading, the chart is already created (empty) so that drawing starts as the data lands.
  if (props.option === null && !props.loading) return <Empty description={t('kpi.no_data')} />;
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: props.height }} />}>
      <Chart option={props.option} height={props.height} label={props.label} testId={props.testId} {...(props.onFinished === undefined ? {} : { onFinished: props.onFinished })} />
    </Suspense>
  );
}

export default function Dashboard(): ReactNode {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const kpis = useApi<Indicator[]>(KPIS_PATH);
  const regions = useApi<Regions>('/api/regions');
  const [selected, setSelected] = useState<string | null>(null);
  const indicators = useMemo(() => kpis.data ?? [], [kpis.data]);
  const current = indicators.find((i) => i.id === selected) ?? indicators.find((i) => i.id === FIRST_INDICATOR) ?? indicators.find((i) => i.value !== null && i.target !== null) ?? indicators[0] ?? null;
  const currentId = current?.id ?? (kpis.data === null ? (selected ?? FIRST_INDICATOR) : null);
  const byDistrict = useApi<{ id: string; rows: Indicator[] }>(currentId === null ? null : districtsPath(currentId));
  const trend = useApi<{ id: string; points: TrendPoint[] }>(currentId === null ? null : trendPath(currentId));
  const sources = useApi<{ items: SourceSummary[] }>(can('sources') ? '/api/sources' : null);

  useEffect(() => {
    if (kpis.data !== null) mark('yima:kpi-table');
  }, [kpis.data]);

  const districtName = useMemo(() => {
    const m = new Map<string, string>();
    for (const d of regions.data?.districts ?? []) m.set(d.code, (locale === 'en' ? d.name_en : null) ?? d.name ?? d.code);
    return (code: string | null, given?: string | null): string => (code === null ? t('kpi.jurisdiction') : (m.get(code) ?? given ?? code));
  }, [regions.data, t, locale]);

  const met = indicators.filter((i) => i.value !== null && i.met === true).length;
  const notMet = indicators.filter((i) => i.value !== null && i.met === false).length;
  const noData = indicators.filter((i) => i.value === null).length;

  const columns: ColumnsType<Indicator> = [
    { title: t('kpi.indicator'), key: 'name', render: (_, r) => <Typography.Text strong={r.id === current?.id}>{indicatorName(r, locale)}</Typography.Text> },
    { title: t('kpi.value'), key: 'value', align: 'right', render: (_, r) => formatIndicatorValue(r, locale) ?? <Typography.Text type="secondary">{t('kpi.no_data')}</Typography.Text> },
    { title: t('kpi.target'), key: 'target', align: 'right', responsive: ['sm'], render: (_, r) => formatTarget(r, locale) ?? '—' },
    {
      title: t('kpi.fraction'),
      key: 'fraction',
      align: 'right',
      responsive: ['xxl'],
      render: (_, r) => (r.numerator === null || r.denominator === null ? '—' : `${formatCount(r.numerator, locale)} / ${formatCount(r.denominator, locale)}`),
    },
    { title: t('kpi.status'), key: 'met', render: (_, r) => <MetTag met={r.met} value={r.value} /> },
  ];

  const rows = byDistrict.data?.rows ?? [];
  const barOption = useMemo<ChartOption | null>(() => {
    if (current === null || rows.length === 0) return null;
    const unit = current.unit === 'rate' ? '%' : locale === 'zh-CN' ? '天' : 'd';
    const target = chartTarget(current);
    return {
      aria: { enabled: true },
      animation: false,
      grid: { left: 48, right: 24, top: 32, bottom: 56 },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}${unit}` : t('kpi.no_data')) },
      xAxis: { type: 'category', data: rows.map((r) => districtName(r.district, r.district_name)), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', name: unit, max: current.unit === 'rate' ? 100 : undefined },
      series: [
        {
          type: 'bar',
          name: indicatorName(current, locale),
          barMaxWidth: 36,
          data: rows.map((r) => ({ value: chartValue(r), itemStyle: { color: r.met === false ? '#cf1322' : r.met === true ? '#389e0d' : '#8c8c8c' } })),
          markLine:
            target === null
              ? undefined
              : { symbol: 'none', silent: true, lineStyle: { color: '#d48806', type: 'dashed', width: 2 }, label: { formatter: `${t('kpi.target')} ${formatTarget(current, locale) ?? ''}`, position: 'insideEndTop' }, data: [{ yAxis: target }] },
        },
      ],
    };
  }, [current, rows, locale, t, districtName]);

  const points = trend.data?.points ?? [];
  const lineOption = useMemo<ChartOption | null>(() => {
    if (current === null || points.length === 0) return null;
    const target = chartTarget(current);
    return {
      aria: { enabled: true },
      animation: false,
      grid: { left: 48, right: 24, top: 32, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: points.map((p) => p.period) },
      yAxis: { type: 'value', name: current.unit === 'rate' ? '%' : locale === 'zh-CN' ? '天' : 'd' },
      series: [
        {
          type: 'line',
          name: indicatorName(current, locale),
          connectNulls: false,
          data: points.map((p) => chartValue({ value: p.value, unit: current.unit })),
          markLine: target === null ? undefined : { symbol: 'none', silent: true, lineStyle: { color: '#d48806', type: 'dashed' }, data: [{ yAxis: target }] },
        },
      ],
    };
  }, [current, points, locale]);

  const districtColumns: ColumnsType<Indicator> = [
    { title: t('kpi.district'), key: 'district', render: (_, r) => districtName(r.district, r.district_name) },
    { title: t('kpi.value'), key: 'value', align: 'right', render: (_, r) => formatIndicatorValue(r, locale) ?? t('kpi.no_data') },
    { title: t('kpi.fraction'), key: 'fraction', align: 'right', render: (_, r) => (r.numerator === null || r.denominator === null ? '—' : `${formatCount(r.numerator, locale)} / ${formatCount(r.denominator, locale)}`) },
    { title: t('kpi.status'), key: 'met', render: (_, r) => <MetTag met={r.met} value={r.value} /> },
  ];

  const sourceColumns: ColumnsType<SourceSummary> = [
    { title: t('source.source'), dataIndex: 'source', key: 'source' },
    { title: t('source.department'), dataIndex: 'department', key: 'department', responsive: ['md'] },
    { title: t('source.last_ingest'), key: 'last', render: (_, r) => formatDateTime(r.last_ingest_at, locale) },
    {
      title: t('source.freshness'),
      key: 'fresh',
      align: 'right',
      render: (_, r) => (r.freshness_days === null ? '—' : <Tag color={r.freshness_days <= 1 ? 'success' : 'warning'}>{formatDays(r.freshness_days, locale)}</Tag>),
    },
    { title: t('source.std_rate'), key: 'std', align: 'right', responsive: ['md'], render: (_, r) => formatPercent(r.standardization_rate) ?? '—' },
  ];

  return (
    <>
      <PageTitle title={t('nav.dashboard')} sub={t('kpi.sub')} />
      <ErrorAlert error={kpis.error} />
      <Row gutter={[16, 16]}>
        <Col xs={8} md={6} lg={4}>
          <Card size="small">
            <Statistic title={t('kpi.count_met')} value={met} styles={{ content: { color: '#389e0d' } }} />
          </Card>
        </Col>
        <Col xs={8} md={6} lg={4}>
          <Card size="small">
            <Statistic title={t('kpi.count_not_met')} value={notMet} styles={{ content: { color: '#cf1322' } }} />
          </Card>
        </Col>
        <Col xs={8} md={6} lg={4}>
          <Card size="small">
            <Statistic title={t('kpi.count_no_data')} value={noData} />
          </Card>
        </Col>
        <Col xs={24} md={6} lg={12}>
          <Card size="small">
            <label htmlFor="kpi-select" className="field-label">
              {t('kpi.choose')}
            </label>
            <Select
              id="kpi-select"
              style={{ width: '100%' }}
              value={current?.id}
              onChange={(v) => setSelected(v)}
              options={indicators.map((i) => ({ value: i.id, label: indicatorName(i, locale) }))}
              loading={kpis.loading}
            />
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Card size="small" title={t('kpi.all')}>
            <Table<Indicator>
              data-testid="kpi-table"
              size="small"
              rowKey="id"
              columns={columns}
              dataSource={indicators}
              loading={kpis.loading}
              pagination={false}
              scroll={{ x: 'max-content' }}
              onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer' } })}
              rowClassName={(r) => (r.id === current?.id ? 'row-selected' : '')}
            />
          </Card>
        </Col>
        <Col xs={24} xl={13}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card
              size="small"
              title={current === null ? t('kpi.by_district') : `${t('kpi.by_district')} · ${indicatorName(current, locale)}`}
              extra={current === null ? null : <Tooltip title={t('kpi.target')}>{formatTarget(current, locale) ?? t('kpi.no_target')}</Tooltip>}
            >
              <ErrorAlert error={byDistrict.error} />
              <ChartBox option={barOption} loading={byDistrict.loading || kpis.loading} height={280} label={t('kpi.by_district')} testId="kpi-chart" onFinished={() => mark('yima:kpi-chart')} />
              <Table<Indicator>
                size="small"
                rowKey={(r) => r.district ?? 'all'}
                columns={districtColumns}
                dataSource={rows}
                pagination={false}
                loading={byDistrict.loading}
                scroll={{ x: 'max-content' }}
                style={{ marginTop: 8 }}
              />
            </Card>
            <Card size="small" title={t('kpi.trend')}>
              <ErrorAlert error={trend.error} />
              <ChartBox option={lineOption} loading={trend.loading || kpis.loading} height={220} label={t('kpi.trend')} testId="kpi-trend" />
            </Card>
          </Space>
        </Col>
        {can('sources') && (
          <Col xs={24}>
            <Card size="small" title={t('kpi.freshness')}>
              <ErrorAlert error={sources.error} />
              <Table<SourceSummary> size="small" rowKey="source" columns={sourceColumns} dataSource={sources.data?.items ?? []} loading={sources.loading} pagination={false} scroll={{ x: 'max-content' }} />
            </Card>
          </Col>
        )}
      </Row>
    </>
  );
}
