// Search of persons by name (hanzi or pinyin), id number, phone or service code; values come
// masked from the server as the role requires.
import { SearchOutlined } from '@ant-design/icons';
import { Button, Card, Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, navigate } from '../app/router.js';
import { ErrorAlert, PageTitle } from '../components/common.js';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import type { Floating, PersonSummary } from '../lib/types.js';

export function FloatingTag(props: { value: Floating }): ReactNode {
  const { t } = useI18n();
  const color = props.value === 'floating' ? 'orange' : props.value === 'local' ? 'blue' : 'default';
  return <Tag color={color}>{t(`floating.${props.value}`)}</Tag>;
}

export function Masked(props: { value: string | null; masked: boolean }): ReactNode {
  const { t } = useI18n();
  if (props.value === null) return <Typography.Text type="secondary">{t('person.withheld')}</Typography.Text>;
  return props.masked ? (
    <Tooltip title={t('person.masked_hint')}>
      <span className="masked">{props.value}</span>
    </Tooltip>
  ) : (
    <span>{props.value}</span>
  );
}

const searchKey = 'yima.people.q';

interface SearchState {
  data: { items: PersonSummary[]; total: number } | null;
  error: unknown;
  loading: boolean;
}

/** POST /api/persons/search for the current text; the latest answer wins. */
function useSearch(q: string): SearchState {
  const [state, setState] = useState<SearchState>({ data: null, error: null, loading: false });
  useEffect(() => {
    if (q === '') {
      setState({ data: null, error: null, loading: false });
      return;
    }
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    api<{ items: PersonSummary[]; total: number }>('/api/persons/search', { body: { q, limit: 50 }, signal: ctl.signal }).then(
      (data) => setState({ data, error: null, loading: false }),
      (error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        setState({ data: null, error, loading: false });
      },
    );
    return () => ctl.abort();
  }, [q]);
  return state;
}

export default function People(): ReactNode {
  const { t } = useI18n();
  // The search text (an id number, a phone) stays out of the address bar and the server's URLs:
  // it lives in this tab's session and goes to the server in a POST body.
  const [q, setQ] = useState(() => sessionStorage.getItem(searchKey) ?? '');
  const [text, setText] = useState(q);
  const result = useSearch(q);

  const columns: ColumnsType<PersonSummary> = [
    {
      title: t('field.name'),
      key: 'name',
      render: (_, r) => (
        <Link to={`/people/${encodeURIComponent(r.person_id)}`}>
          <Masked value={r.name} masked={r.masked.includes('name')} />
        </Link>
      ),
    },
    { title: t('field.id_number'), key: 'id', render: (_, r) => <Masked value={r.id_number} masked={r.masked.includes('id_number')} /> },
    { title: t('field.sex'), key: 'sex', responsive: ['md'], render: (_, r) => (r.sex === null ? '—' : t(r.sex === 'M' ? 'sex.M' : r.sex === 'F' ? 'sex.F' : 'sex.unknown')) },
    { title: t('field.birth_date'), dataIndex: 'birth_date', key: 'birth', responsive: ['lg'] },
    { title: t('field.phone'), key: 'phone', responsive: ['sm'], render: (_, r) => <Masked value={r.phone} masked={r.masked.includes('phone')} /> },
    { title: t('field.residence_region'), key: 'res', responsive: ['lg'], render: (_, r) => r.residence_region_name ?? r.residence_region ?? '—' },
    { title: t('person.floating'), key: 'floating', render: (_, r) => <FloatingTag value={r.floating} /> },
    { title: t('person.sources'), key: 'sources', align: 'right', responsive: ['md'], render: (_, r) => r.sources.length },
  ];

  return (
    <>
      <PageTitle title={t('nav.people')} sub={t('people.sub')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <form
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            const next = text.trim();
            sessionStorage.setItem(searchKey, next);
            setQ(next);
          }}
        >
          <label htmlFor="person-q" className="field-label">
            {t('people.query_label')}
          </label>
          <Space.Compact style={{ width: '100%', maxWidth: 640 }}>
            <Input id="person-q" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('people.placeholder')} allowClear autoComplete="off" />
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('people.search')}
            </Button>
          </Space.Compact>
        </form>
      </Card>
      <ErrorAlert error={result.error} />
      {q !== '' && (
        <Card size="small" title={result.data === null ? t('people.results') : t('people.total', { n: result.data.total })}>
          <Table<PersonSummary>
            data-testid="people-results"
            size="small"
            rowKey="person_id"
            columns={columns}
            dataSource={result.data?.items ?? []}
            loading={result.loading}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            onRow={(r) => ({ onDoubleClick: () => navigate(`/people/${encodeURIComponent(r.person_id)}`) })}
          />
        </Card>
      )}
    </>
  );
}
