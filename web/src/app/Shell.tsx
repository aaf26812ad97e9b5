// The frame around every page: side menu (a drawer on phones), header with breadcrumb, language
// switch and the account menu.
import { GlobalOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Drawer, Dropdown, Grid, Layout, Menu, Segmented, Space, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/index.js';
import type { Locale } from '../lib/format.js';
import { useAuth } from './auth.js';
import { ROUTES, type RouteDef } from './routes.js';
import { Link, navigate } from './router.js';

export function LanguageSwitch(props: { dark?: boolean }): ReactNode {
  const { locale, setLocale, t } = useI18n();
  return (
    <Segmented<Locale>
      size="small"
      aria-label={t('common.language')}
      value={locale}
      onChange={(v) => setLocale(v)}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'EN', value: 'en' },
      ]}
      className={props.dark === true ? 'lang-dark' : undefined}
    />
  );
}

function SideMenu(props: { route: RouteDef | null; onGo?: () => void }): ReactNode {
  const { t } = useI18n();
  const { can } = useAuth();
  const selected = props.route?.parent ?? props.route?.key;
  const items = ROUTES.filter((r) => r.menu && r.allowed(can)).map((r) => ({ key: r.key, icon: r.icon, label: <Link to={r.path}>{t(r.title)}</Link> }));
  return <Menu theme="dark" mode="inline" selectedKeys={selected === undefined ? [] : [selected]} items={items} onClick={() => props.onGo?.()} aria-label={t('nav.menu')} />;
}

function Brand(): ReactNode {
  const { t } = useI18n();
  return (
    <div className="brand">
      <span className="brand-mark" aria-hidden>
        码
      </span>
      <span className="brand-text">{t('app.name')}</span>
    </div>
  );
}

export function Shell(props: { route: RouteDef | null; children: ReactNode }): ReactNode {
  const { t } = useI18n();
  const { user, logout } = useAuth();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [drawer, setDrawer] = useState(false);

  const crumbs: { title: ReactNode }[] = [{ title: <Link to="/">{t('nav.home')}</Link> }];
  const parent = props.route?.parent === undefined ? undefined : ROUTES.find((r) => r.key === props.route?.parent);
  if (parent !== undefined) crumbs.push({ title: <Link to={parent.path}>{t(parent.title)}</Link> });
  if (props.route !== null) crumbs.push({ title: t(props.route.title) });

  const account = (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'who', label: `${user?.username ?? ''} · ${user === null ? '' : t(`role.${user.role}`)}`, disabled: true },
          ...(user?.region_name != null ? [{ key: 'region', label: `${t('user.region')}: ${user.region_name}`, disabled: true }] : []),
          ...(user?.department != null ? [{ key: 'dept', label: `${t('user.department')}: ${user.department}`, disabled: true }] : []),
          { type: 'divider' as const },
          { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), onClick: () => void logout() },
        ],
      }}
    >
      <Button type="text" icon={<UserOutlined />} aria-label={t('nav.account')}>
        {!phone && (
          <Space size={4}>
            <span>{user?.username}</span>
            {user !== null && <Tag color="blue">{t(`role.${user.role}`)}</Tag>}
          </Space>
        )}
      </Button>
    </Dropdown>
  );

  return (
    <Layout className="shell">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      {!phone && (
        <Layout.Sider width={200} className="shell-sider">
          <Brand />
          <SideMenu route={props.route} />
        </Layout.Sider>
      )}
      {phone && (
        <Drawer placement="left" open={drawer} onClose={() => setDrawer(false)} size={240} title={t('app.name')} styles={{ body: { padding: 0, background: '#0f2a52' } }}>
          <SideMenu route={props.route} onGo={() => setDrawer(false)} />
        </Drawer>
      )}
      <Layout>
        <Layout.Header className="shell-header">
          <div className="header-left">
            {phone && <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawer(true)} aria-label={t('nav.open_menu')} />}
            {phone ? (
              <span className="header-title">{t('app.name')}</span>
            ) : (
              <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
            )}
          </div>
          <Space size={phone ? 4 : 12}>
            <GlobalOutlined aria-hidden style={{ color: '#8c8c8c' }} />
            <LanguageSwitch />
            {account}
          </Space>
        </Layout.Header>
        <Layout.Content id="main" tabIndex={-1} className="shell-content">
          <Breadcrumb items={crumbs} className="shell-breadcrumb" />
          {props.children}
        </Layout.Content>
        <Layout.Footer className="shell-footer">{t('app.footer')}</Layout.Footer>
      </Layout>
    </Layout>
  );
}

export { navigate };
