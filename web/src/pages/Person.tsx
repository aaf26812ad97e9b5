// One person (一人一档): the golden record with the provenance of every field, every source record,
// value history, conflicts, family relations, the service code (一人一码), and reveal of a masked
// field for a stated purpose (written to the audit log).
import { ArrowLeftOutlined, EyeOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Empty, Form, Image, Modal, Popconfirm, Row, Select, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { useAuth } from '../app/auth.js';
import { Link } from '../app/router.js';
import { ErrorAlert, errorText, PageTitle, useApi } from '../components/common.js';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import { formatDateTime } from '../lib/format.js';
import { GOLDEN_FIELDS, PURPOSES, type CodeReply, type GoldenField, type GoldenValue, type HistoryItem, type PersonView, type Purpose, type RevealReply, type SourceRecord } from '../lib/types.js';
import { FloatingTag, Masked } from './People.js';

/** Golden field → the field name the reveal route takes. */
const REVEAL_FIELD: Partial<Record<GoldenField, string>> = { name: 'name', id_number: 'id_number', birth_date: 'birth_date', phone: 'phone', ethnicity: 'ethnicity', hukou_detail: 'hukou_detail', residence_detail: 'residence_detail' };

interface Revealed {
  value: string | null;
  audit_index: number;
}

function RevealDialog(props: { personId: string; field: string | null; onClose: () => void; onDone: (field: string, r: Revealed) => void }): ReactNode {
  const { t, locale } = useI18n();
  const [purpose, setPurpose] = useState<Purpose | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [touched, setTouched] = useState(false);
  const close = (): void => {
    setPurpose(undefined);
    setError(null);
    setTouched(false);
    props.onClose();
  };
  const ok = async (): Promise<void> => {
    setTouched(true);
    if (purpose === undefined || props.field === null) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api<RevealReply>(`/api/persons/${encodeURIComponent(props.personId)}/reveal`, { body: { field: props.field, purpose } });
      props.onDone(props.field, { value: r.value, audit_index: r.audit_index });
      close();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={props.field !== null}
      title={props.field === null ? '' : t('reveal.title', { field: t(`field.${props.field as GoldenField}`) })}
      okText={t('reveal.confirm')}
      cancelText={t('common.cancel')}
      onOk={() => void ok()}
      onCancel={close}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('reveal.explain')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={() => void ok()}>
        <Form.Item label={t('reveal.purpose')} htmlFor="reveal-purpose" required validateStatus={touched && purpose === undefined ? 'error' : ''} help={touched && purpose === undefined ? t('reveal.purpose_required') : undefined}>
          <Select<Purpose> id="reveal-purpose" value={purpose} onChange={setPurpose} placeholder={t('reveal.purpose_placeholder')} options={PURPOSES.map((p) => ({ value: p, label: t(`purpose.${p}`) }))} autoFocus />
        </Form.Item>
      </Form>
      {error !== null && <Alert type="error" showIcon title={errorText(error, locale)} />}
    </Modal>
  );
}

function HistoryTable(props: { items: HistoryItem[] }): ReactNode {
  const { t, locale } = useI18n();
  const cols: ColumnsType<HistoryItem> = [
    { title: t('history.value'), key: 'value', render: (_, r) => r.value ?? '—' },
    { title: t('history.first_seen'), key: 'first', render: (_, r) => formatDateTime(r.first_seen, locale) },
    { title: t('history.last_seen'), key: 'last', render: (_, r) => formatDateTime(r.last_seen, locale) },
    { title: t('person.sources'), key: 'sources', render: (_, r) => r.sources.map((s) => <Tag key={s}>{s}</Tag>) },
  ];
  return <Table<HistoryItem> size="small" rowKey={(r) => `${r.value ?? ''}|${r.first_seen ?? ''}`} columns={cols} dataSource={props.items} pagination={false} scroll={{ x: 'max-content' }} />;
}

function RecordCard(props: { r: SourceRecord }): ReactNode {
  const { t, tc, locale } = useI18n();
  const r = props.r;
  const fields = Object.entries(r.fields).filter(([, v]) => v !== null && v !== '');
  const facts = Object.entries(r.facts);
  return (
    <Card
      size="small"
      title={
        <Space wrap size={4}>
          <Tag color="geekblue">{r.source}</Tag>
          <span>{r.department}</span>
          <Typography.Text type="secondary">{tc('kind', r.kind)}</Typography.Text>
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={[{ key: 'rid', label: t('record.record_id'), children: r.record_id }, { key: 'obs', label: t('provenance.observed_at'), children: formatDateTime(r.observed_at, locale) }, { key: 'role', label: t('record.role'), children: tc('relrole', r.role) }, ...fields.map(([k, v]) => ({ key: `f-${k}`, label: tc('field', k), children: v }))]} />
      {facts.length > 0 && <Descriptions size="small" title={t('record.facts')} column={{ xs: 1, sm: 2, lg: 3 }} items={facts.map(([k, v]) => ({ key: `x-${k}`, label: tc('fact', k), children: v }))} style={{ marginTop: 8 }} />}
    </Card>
  );
}

export function CodeTab(props: { personId: string; canRevoke: boolean }): ReactNode {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const code = useApi<CodeReply>(`/api/persons/${encodeURIComponent(props.personId)}/code`);
  const revoke = async (): Promise<void> => {
    try {
      await api(`/api/persons/${encodeURIComponent(props.personId)}/code/revoke`, { body: {} });
      void message.success(t('code.revoked'));
      code.reload();
    } catch (e) {
      void message.error(errorText(e, locale));
    }
  };
  if (code.loading) return <Skeleton active />;
  if (code.error !== null) return <ErrorAlert error={code.error} />;
  if (code.data === null) return <Empty />;
  return (
    <Row gutter={24} align="middle">
      <Col xs={24} sm={10} md={8} style={{ textAlign: 'center' }}>
        <Image src={`data:image/png;base64,${code.data.qr_png_base64}`} alt={t('code.qr_alt')} width={220} preview={false} data-testid="person-qr" />
      </Col>
      <Col xs={24} sm={14} md={16}>
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'id', label: t('code.code_id'), children: <Typography.Text code>{code.data.code_id}</Typography.Text> },
            { key: 'exp', label: t('code.expires_at'), children: formatDateTime(code.data.expires_at, locale) },
            { key: 'note', label: t('code.note_label'), children: t('code.note') },
          ]}
        />
        {props.canRevoke && (
          <Popconfirm title={t('code.revoke_confirm')} onConfirm={() => void revoke()} okText={t('common.ok')} cancelText={t('common.cancel')}>
            <Button danger>{t('code.revoke')}</Button>
          </Popconfirm>
        )}
      </Col>
    </Row>
  );
}

export default function Person(props: { id: string }): ReactNode {
  const { t, tc, locale } = useI18n();
  const { can } = useAuth();
  const person = useApi<PersonView>(`/api/persons/${encodeURIComponent(props.id)}`);
  const [revealField, setRevealField] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<Record<string, Revealed>>({});

  const back = (
    <Link to="/people">
      <ArrowLeftOutlined /> {t('person.back')}
    </Link>
  );
  if (person.loading) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (person.error !== null || person.data === null) {
    return (
      <>
        <PageTitle title={t('nav.person')} extra={back} />
        <ErrorAlert error={person.error} />
      </>
    );
  }
  const p = person.data;
  const nameValue = p.golden.name?.value ?? null;

  interface Row {
    field: GoldenField;
    g: GoldenValue | null | undefined;
  }
  const rows: Row[] = GOLDEN_FIELDS.map((f) => ({ field: f, g: p.golden[f] }));
  const shown = (r: Row): ReactNode => {
    const rev = revealed[r.field];
    if (rev !== undefined) {
      return (
        <Space wrap size={4}>
          <Typography.Text strong data-testid={`revealed-${r.field}`}>
            {rev.value ?? '—'}
          </Typography.Text>
          <Tag color="gold" data-testid={`revealed-${r.field}-audit`}>
            {t('reveal.audited', { index: rev.audit_index })}
          </Tag>
        </Space>
      );
    }
    if (p.withheld.includes(r.field)) return <Typography.Text type="secondary">{t('person.withheld')}</Typography.Text>;
    if (r.g === null || r.g === undefined || r.g.value === null) return <Typography.Text type="secondary">—</Typography.Text>;
    let v: string = r.g.value;
    if (r.field === 'sex') v = t(v === 'M' ? 'sex.M' : v === 'F' ? 'sex.F' : 'sex.unknown');
    if ((r.field === 'hukou_region' || r.field === 'residence_region') && r.g.region_name != null) v = `${r.g.region_name}（${r.g.value}）`;
    return <Masked value={v} masked={r.g.masked === true || p.masked.includes(r.field)} />;
  };
  const columns: ColumnsType<Row> = [
    { title: t('person.field'), key: 'field', width: 120, render: (_, r) => t(`field.${r.field}`) },
    {
      title: t('person.value'),
      key: 'value',
      render: (_, r) => {
        const f = REVEAL_FIELD[r.field];
        const canReveal = can('reveal') && f !== undefined && (r.g?.masked === true || p.masked.includes(r.field)) && revealed[r.field] === undefined;
        return (
          <Space size={8} wrap>
            {shown(r)}
            {canReveal && (
              <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => setRevealField(f)} aria-label={t('reveal.button_label', { field: t(`field.${r.field}`) })} style={{ padding: 0, height: 'auto' }}>
                {t('reveal.button')}
              </Button>
            )}
          </Space>
        );
      },
    },
    { title: t('provenance.source'), key: 'src', responsive: ['md'], render: (_, r) => (r.g == null ? '—' : <Tag>{r.g.source}</Tag>) },
    { title: t('provenance.observed_at'), key: 'obs', responsive: ['lg'], render: (_, r) => formatDateTime(r.g?.observed_at, locale) },
    { title: t('provenance.rule'), key: 'rule', responsive: ['lg'], render: (_, r) => (r.g == null ? '—' : tc('rule', r.g.rule)) },
  ];

  const tabs = [
    {
      key: 'records',
      label: `${t('person.tab_records')} (${p.records.length})`,
      children: p.records.length === 0 ? <Empty /> : <Space orientation="vertical" size={12} style={{ width: '100%' }}>{p.records.map((r) => <RecordCard key={`${r.source}|${r.record_id}|${r.role}`} r={r} />)}</Space>,
    },
    {
      key: 'history',
      label: t('person.tab_history'),
      children: (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {(['phone', 'residence', 'hukou', 'employer'] as const).map((k) => (
            <Card key={k} size="small" title={t(`history.${k}`)}>
              <HistoryTable items={p.history[k]} />
            </Card>
          ))}
        </Space>
      ),
    },
    {
      key: 'conflicts',
      label: `${t('person.tab_conflicts')} (${p.conflicts.length})`,
      children:
        p.conflicts.length === 0 ? (
          <Empty description={t('person.no_conflicts')} />
        ) : (
          <Table
            size="small"
            rowKey="field"
            pagination={false}
            dataSource={p.conflicts}
            columns={[
              { title: t('person.field'), key: 'f', render: (_, c) => tc('field', c.field) },
              { title: t('conflict.values'), key: 'v', render: (_, c) => <Space orientation="vertical" size={2}>{c.values.map((v) => <span key={v.value ?? ''}>{v.value ?? '—'} <Typography.Text type="secondary">← {v.sources.join('、')}</Typography.Text></span>)}</Space> },
            ]}
          />
        ),
    },
    {
      key: 'relations',
      label: `${t('person.tab_relations')} (${p.relations.length})`,
      children:
        p.relations.length === 0 ? (
          <Empty />
        ) : (
          <Table
            size="small"
            rowKey={(r) => `${r.type}|${r.role}|${r.other_person_id ?? r.other_name ?? ''}`}
            pagination={false}
            dataSource={p.relations}
            columns={[
              { title: t('relation.type'), key: 't', render: (_, r) => tc('reltype', r.type) },
              { title: t('relation.this_role'), key: 'r', render: (_, r) => tc('relrole', r.role) },
              { title: t('relation.other'), key: 'o', render: (_, r) => r.other_person_id === null ? (r.other_name ?? '—') : <Link to={`/people/${encodeURIComponent(r.other_person_id)}`}>{r.other_name ?? r.other_person_id}</Link> },
              { title: t('relation.other_role'), key: 'or', render: (_, r) => tc('relrole', r.other_role) },
            ]}
          />
        ),
    },
    ...(can('codes') ? [{ key: 'code', label: <span><QrcodeOutlined /> {t('person.tab_code')}</span>, children: <CodeTab personId={p.person_id} canRevoke={can('revoke_code')} /> }] : []),
  ];

  return (
    <>
      <PageTitle
        title={nameValue ?? t('nav.person')}
        sub={
          <Space wrap size={6}>
            <FloatingTag value={p.floating} />
            <span>
              {t('person.person_id')}: <Typography.Text code>{p.person_id}</Typography.Text>
            </span>
            {p.code_id !== null && (
              <span>
                {t('code.code_id')}: <Typography.Text code>{p.code_id}</Typography.Text>
              </span>
            )}
          </Space>
        }
        extra={back}
      />
      <Card size="small" title={t('person.golden')} style={{ marginBottom: 16 }} extra={<Typography.Text type="secondary">{t('person.sources_n', { n: p.sources.length })}</Typography.Text>}>
        <Table<Row> data-testid="golden-table" size="small" rowKey="field" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 'max-content' }} />
      </Card>
      {(p.records_withheld ?? 0) > 0 && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('person.records_withheld', { n: p.records_withheld ?? 0 })} />}
      <Card size="small">
        <Tabs items={tabs} />
      </Card>
      <RevealDialog personId={p.person_id} field={revealField} onClose={() => setRevealField(null)} onDone={(f, r) => setRevealed((x) => ({ ...x, [f]: r }))} />
    </>
  );
}
