// Possibly unregistered floating residents (漏登): by district and grid, exported to .xlsx for the
// grid workers' door-to-door visits.
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Col, Input, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { useAuth } from '../app/auth.js';
import { Link } from '../app/router.js';
import { ErrorAlert, errorText, PageTitle, useApi } from '../components/common.js';
import { useI18n } from '../i18n/index.js';
import { download, query } from '../lib/api.js';
import { formatCount } from '../lib/format.js';
import type { Regions, UnregisteredItem } from '../lib/types.js';

export default function Unregistered(): ReactNode {
  const { t, tc, locale } = useI18n();
  const { can } = useAuth();
  const { message } = AntApp.useApp();
  const regions = useApi<Regions>('/api/regions');
  const [district, setDistrict] = useState<string | undefined>(undefined);
  const [gridText, setGridText] = useState('');
  const [grid, setGrid] = useState('');
  const list = useApi<{ items: UnregisteredItem[]; by_district: Record<string, number> | { district: string; count: number; name?: string }[] }>(`/api/unregistered${query({ district, grid })}`);
  const names = new Map((regions.data?.districts ?? []).map((d) => [d.code, (locale === 'en' ? d.name_en : null) ?? d.name ?? d.code]));
  const byDistrict: { district: string; count: number }[] = (() => {
    const b = list.data?.by_district;
    if (b === undefined || b === null) return [];
    return Array.isArray(b) ? b : Object.entries(b).map(([d, count]) => ({ district: d, count }));
  })();
  const cols: ColumnsType<UnregisteredItem> = [
    { title: t('field.name'), key: 'name', render: (_, r) => (can('persons') ? <Link to={`/people/${encodeURIComponent(r.person_id)}`}>{r.name ?? r.person_id}</Link> : (r.name ?? '—')) },
    { title: t('unreg.district'), key: 'district', render: (_, r) => (r.district === null ? '—' : (names.get(r.district) ?? r.district_name ?? r.district)) },
    { title: t('field.id_number'), key: 'id', responsive: ['md'], render: (_, r) => r.id_number ?? '—' },
    { title: t('field.phone'), key: 'phone', responsive: ['lg'], render: (_, r) => r.phone ?? '—' },
    { title: t('unreg.grid'), key: 'grid', responsive: ['md'], render: (_, r) => r.grid_id ?? '—' },
    { title: t('unreg.evidence'), key: 'ev', render: (_, r) => <Space wrap size={[2, 2]}>{r.evidence.map((e) => <Tag key={e}>{tc('kind', e)}</Tag>)}</Space> },
  ];
  const save = async (): Promise<void> => {
    try {
      await download(`/api/unregistered${query({ district, grid, format: 'xlsx' })}`, `unregistered${district === undefined ? '' : `-${district}`}.xlsx`);
    } catch (e) {
      void message.error(errorText(e, locale));
    }
  };
  const total = byDistrict.reduce((s, d) => s + d.count, 0) || (list.data?.items.length ?? 0);
  return (
    <>
      <PageTitle
        title={t('nav.unregistered')}
        sub={t('unreg.sub')}
        extra={
          <Button icon={<DownloadOutlined />} onClick={() => void save()}>
            {t('unreg.export')}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setGrid(gridText.trim());
          }}
        >
          <Row gutter={[12, 8]} align="bottom">
            <Col xs={24} sm={10} md={8}>
              <label className="field-label" htmlFor="unreg-district">
                {t('unreg.district')}
              </label>
              <Select id="unreg-district" allowClear style={{ width: '100%' }} value={district} onChange={(v) => setDistrict(v)} placeholder={t('unreg.all_districts')} options={(regions.data?.districts ?? []).map((d) => ({ value: d.code, label: d.name ?? d.code }))} />
            </Col>
            <Col xs={24} sm={10} md={8}>
              <label className="field-label" htmlFor="unreg-grid">
                {t('unreg.grid')}
              </label>
              <Input id="unreg-grid" value={gridText} onChange={(e) => setGridText(e.target.value)} placeholder={t('unreg.grid_placeholder')} allowClear />
            </Col>
            <Col xs={24} sm={4} md={4}>
              <Button htmlType="submit" icon={<SearchOutlined />}>
                {t('common.filter')}
              </Button>
            </Col>
          </Row>
        </form>
      </Card>
      <ErrorAlert error={list.error} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('unreg.total')} value={formatCount(total, locale)} />
          </Card>
        </Col>
        <Col xs={24} md={18}>
          <Card size="small" title={t('unreg.by_district')}>
            <Space wrap>
              {byDistrict.map((d) => (
                <Tag key={d.district} color="orange">
                  {d.district === 'unknown' ? t('unreg.unknown_district') : (names.get(d.district) ?? d.district)}: {formatCount(d.count, locale)}
                </Tag>
              ))}
            </Space>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('unreg.list')}>
        <Table<UnregisteredItem> data-testid="unregistered-table" size="small" rowKey="person_id" columns={cols} dataSource={list.data?.items ?? []} loading={list.loading} pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }} scroll={{ x: 'max-content' }} />
      </Card>
    </>
  );
}
