// The locale of the console (zh-CN first, English on request), remembered in localStorage.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Locale } from '../lib/format.js';
import { translate, translateCode, type MessageId, type Vars } from './catalog.js';

export type { MessageId };

interface I18n {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: (id: MessageId, vars?: Vars) => string;
  /** Label for a code under a prefix (`field.name`), falling back to the code. */
  tc: (prefix: string, code: string) => string;
}

const LOCALE_KEY = 'yima.locale';

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(LOCALE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // storage unavailable: default
  }
  return 'zh-CN';
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider(props: { children: ReactNode }): ReactNode {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((l: Locale) => {
    setLocaleState(l);
    try {
      localStorage.setItem(LOCALE_KEY, l);
    } catch {
      // ignore
    }
    document.documentElement.lang = l;
  }, []);
  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (id, vars) => translate(locale, id, vars),
      tc: (prefix, code) => translateCode(locale, prefix, code),
    }),
    [locale, setLocale],
  );
  return <Ctx.Provider value={value}>{props.children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (v === null) throw new Error('useI18n outside I18nProvider');
  return v;
}
