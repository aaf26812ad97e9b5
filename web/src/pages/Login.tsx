// Sign-in: labelled fields, the server's error in the chosen language, the lock-out message.
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useAuth } from '../app/auth.js';
import { LanguageSwitch } from '../app/Shell.js';
import { errorText } from '../components/common.js';
import { useI18n } from '../i18n/index.js';
import { ApiError } from '../lib/api.js';
import { lockMinutes } from '../lib/format.js';

interface Values {
  username: string;
  password: string;
}

export function LoginPage(): ReactNode {
  const { t, locale } = useI18n();
  const { login } = useAuth();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    document.title = `${t('login.title')} · yima`;
  }, [t]);

  const submit = async (v: Values): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await login(v.username.trim(), v.password);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  let message: ReactNode = null;
  if (error instanceof ApiError && error.status === 429) {
    message = <Alert type="warning" showIcon role="alert" title={t('login.locked_title')} description={t('login.locked', { minutes: lockMinutes(error.retryAfterS) })} />;
  } else if (error instanceof ApiError && error.status === 401) {
    message = <Alert type="error" showIcon role="alert" title={t('login.bad_credentials')} description={errorText(error, locale)} />;
  } else if (error !== null) {
    message = <Alert type="error" showIcon role="alert" title={t('error.title')} description={errorText(error, locale)} />;
  }

  return (
    <main className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <Card className="login-card">
        <div className="login-brand">
          <span className="brand-mark" aria-hidden>
            码
          </span>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
          </div>
        </div>
        <Typography.Title level={4} style={{ marginTop: 8 }}>
          {t('login.title')}
        </Typography.Title>
        <Form<Values> layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} disabled={busy} name="login">
          <Form.Item label={t('login.username')} name="username" rules={[{ required: true, whitespace: true, message: t('login.username_required') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.password_required') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          {message !== null && <div style={{ marginBottom: 16 }}>{message}</div>}
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {t('login.notice')}
        </Typography.Paragraph>
      </Card>
    </main>
  );
}
