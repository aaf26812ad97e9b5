// Shared pieces of the pages: data loading, error display in the current language, page title.
import { Alert, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/index.js';
import { api, ApiError, takePrefetched } from '../lib/api.js';
import type { Locale } from '../lib/format.js';

export function errorText(err: unknown, locale: Locale): string {
  if (err instanceof ApiError) return locale === 'zh-CN' ? err.messageZh : err.messageEn;
  if (err instanceof Error) return err.message;
  return String(err);
}

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** GETs `path` (null: nothing to load) and reloads when it changes. */
export function useApi<T>(path: string | null, purpose?: string): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const live = useRef(0);
  useEffect(() => {
    if (path === null) {
      setData(null);
      setLoading(false);
      return;
    }
    const n = ++live.current;
    const ctl = new AbortController();
    setLoading(true);
    setError(null);
    const early = purpose === undefined ? takePrefetched<T>(path) : undefined;
    (early ?? api<T>(path, { signal: ctl.signal, ...(purpose === undefined ? {} : { purpose }) })).then(
      (d) => {
        if (n !== live.current) return;
        setData(d);
        setLoading(false);
      },
      (e: unknown) => {
        if (n !== live.current || (e instanceof DOMException && e.name === 'AbortError')) return;
        setError(e);
        setData(null);
        setLoading(false);
      },
    );
    return () => ctl.abort();
  }, [path, purpose, tick]);
  const reload = useCallback(() => setTick((x) => x + 1), []);
  return { data, error, loading, reload };
}

export function ErrorAlert(props: { error: unknown }): ReactNode {
  const { locale, t } = useI18n();
  if (props.error === null || props.error === undefined) return null;
  const status = props.error instanceof ApiError ? props.error.status : 0;
  const title = status === 403 ? t('error.forbidden') : status === 404 ? t('error.not_found') : t('error.title');
  return <Alert type="error" showIcon role="alert" title={title} description={errorText(props.error, locale)} style={{ marginBottom: 16 }} />;
}

export function PageTitle(props: { title: string; extra?: ReactNode; sub?: ReactNode }): ReactNode {
  useEffect(() => {
    document.title = `${props.title} · yima`;
  }, [props.title]);
  return (
    <div className="page-title">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {props.title}
        </Typography.Title>
        {props.sub !== undefined && <Typography.Text type="secondary">{props.sub}</Typography.Text>}
      </div>
      {props.extra !== undefined && <div className="page-title-extra">{props.extra}</div>}
    </div>
  );
}
