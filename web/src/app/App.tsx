// The console: locale and antd theme, sign-in gate, the shell with the menu of what the role may
// use, and the page for the current path.
import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { I18nProvider, useI18n } from '../i18n/index.js';
import { LoginPage } from '../pages/Login.js';
import { AuthProvider, useAuth } from './auth.js';
import { firstAllowedPath, findRoute } from './routes.js';
import { match, navigate, usePath } from './router.js';
import { Shell } from './Shell.js';

// The landing page of most roles: its code loads while the session is being checked.
const dashboardModule = import('../pages/Dashboard.js');
const Dashboard = lazy(() => dashboardModule);
const People = lazy(() => import('../pages/People.js'));
const Person = lazy(() => import('../pages/Person.js'));
const Sources = lazy(() => import('../pages/Sources.js'));
const Review = lazy(() => import('../pages/Review.js'));
const Unregistered = lazy(() => import('../pages/Unregistered.js'));
const Audit = lazy(() => import('../pages/Audit.js'));
const Codes = lazy(() => import('../pages/Codes.js'));
const Users = lazy(() => import('../pages/Users.js'));
const MyCode = lazy(() => import('../pages/MyCode.js'));

function Welcome(): ReactNode {
  const { t } = useI18n();
  const { user } = useAuth();
  return <Result status="info" title={t('welcome.title', { user: user?.username ?? '' })} subTitle={t('welcome.none')} />;
}

function Page(props: { routeKey: string; pathname: string }): ReactNode {
  switch (props.routeKey) {
    case 'dashboard':
      return <Dashboard />;
    case 'people':
      return <People />;
    case 'person':
      return <Person id={match('/people/:id', props.pathname)?.id ?? ''} />;
    case 'sources':
      return <Sources />;
    case 'review':
      return <Review />;
    case 'unregistered':
      return <Unregistered />;
    case 'audit':
      return <Audit />;
    case 'codes':
      return <Codes />;
    case 'users':
      return <Users />;
    case 'mycode':
      return <MyCode />;
    case 'welcome':
      return <Welcome />;
    default:
      return null;
  }
}

function Routed(): ReactNode {
  const auth = useAuth();
  const { t } = useI18n();
  const full = usePath();
  const pathname = full.split('?')[0] ?? '/';
  const route = findRoute(pathname);
  const home = firstAllowedPath(auth.can);

  useEffect(() => {
    if (auth.status === 'signed_out' && pathname !== '/login') navigate(`/login${pathname === '/' ? '' : `?next=${encodeURIComponent(full)}`}`, true);
    if (auth.status === 'signed_in' && (pathname === '/' || pathname === '/login')) {
      const next = new URLSearchParams(window.location.search).get('next');
      navigate(next !== null && next.startsWith('/') && !next.startsWith('//') ? next : home, true);
    }
  }, [auth.status, pathname, full, home]);

  if (auth.status === 'loading') {
    return (
      <div className="center-screen">
        <Spin size="large" />
      </div>
    );
  }
  if (auth.status === 'signed_out') return <LoginPage />;
  if (pathname === '/' || pathname === '/login') return null;

  let body: ReactNode;
  if (route === null) body = <Result status="404" title="404" subTitle={t('error.page_not_found')} />;
  else if (!route.allowed(auth.can)) body = <Result status="403" title="403" subTitle={t('error.page_forbidden')} />;
  else body = <Page routeKey={route.key} pathname={pathname} />;

  return (
    <Shell route={route}>
      <Suspense
        fallback={
          <div className="center-block">
            <Spin />
          </div>
        }
      >
        {body}
      </Suspense>
    </Shell>
  );
}

function Themed(): ReactNode {
  const { locale } = useI18n();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <ConfigProvider
      locale={locale === 'zh-CN' ? zhCN : enUS}
      theme={{
        token: { colorPrimary: '#1f4e99', borderRadius: 4, fontFamily: '-apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif' },
        components: { Layout: { siderBg: '#0f2a52', headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 16px' }, Menu: { darkItemBg: '#0f2a52', darkSubMenuItemBg: '#0b2244', darkItemSelectedBg: '#1f4e99' } },
      }}
    >
      <AntApp>
        <AuthProvider>
          <Routed />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App(): ReactNode {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}
