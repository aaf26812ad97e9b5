// Service window: check a resident's service code (一人一码) and see the masked identity behind it.
import { CheckCircleOutlined, CloseCircleOutlined, ScanOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Input, Result } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link } from '../app/router.js';
import { errorText, PageTitle } from '../components/common.js';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import { formatDateTime } from '../lib/format.js';
import type { VerifyReply } from '../lib/types.js';
import { FloatingTag } from './People.js';

export default function Codes(): ReactNode {
  const { t, tc, locale } = useI18n();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [reply, setReply] = useState<VerifyReply | null>(null);
  const [error, setError] = useState<unknown>(null);
  const check = async (): Promise<void> => {
    if (code.trim() === '') return;
    setBusy(true);
    setError(null);
    setReply(null);
    try {
      setReply(await api<VerifyReply>('/api/codes/verify', { body: { code: code.trim() } }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const p = reply?.person;
  return (
    <>
      <PageTitle title={t('nav.codes')} sub={t('codes.sub')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void check();
          }}
        >
          <label className="field-label" htmlFor="code-input">
            {t('codes.label')}
          </label>
          <Input.TextArea id="code-input" rows={3} value={code} onChange={(e) => setCode(e.target.value)} placeholder={t('codes.placeholder')} className="mono" spellCheck={false} />
          <Button type="primary" htmlType="submit" icon={<ScanOutlined />} loading={busy} style={{ marginTop: 12 }}>
            {t('codes.verify')}
          </Button>
        </form>
      </Card>
      {error !== null && <Alert type="error" showIcon title={errorText(error, locale)} />}
      {reply !== null && (
        <Card size="small">
          <Result
            status={reply.valid ? 'success' : 'error'}
            icon={reply.valid ? <CheckCircleOutlined /> : <CloseCircleOutlined />}
            title={reply.valid ? t('codes.valid') : t('codes.invalid')}
            subTitle={reply.valid ? (reply.expires_at === undefined ? undefined : `${t('code.expires_at')}: ${formatDateTime(reply.expires_at, locale)}`) : reply.reason === undefined ? undefined : tc('codereason', reply.reason)}
          />
          {p !== undefined && (
            <Descriptions
              size="small"
              bordered
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'name', label: t('field.name'), children: p.person_id === '' ? p.name : <Link to={`/people/${encodeURIComponent(p.person_id)}`}>{p.name ?? '—'}</Link> },
                { key: 'id', label: t('field.id_number'), children: p.id_number ?? '—' },
                { key: 'birth', label: t('field.birth_date'), children: p.birth_date ?? '—' },
                { key: 'phone', label: t('field.phone'), children: p.phone ?? '—' },
                { key: 'res', label: t('field.residence_region'), children: p.residence_region_name ?? '—' },
                { key: 'fl', label: t('person.floating'), children: <FloatingTag value={p.floating} /> },
              ]}
            />
          )}
        </Card>
      )}
    </>
  );
}
