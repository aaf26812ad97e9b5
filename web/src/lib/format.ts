// Pure formatting of indicator values, targets, counts and dates for both languages.
import type { Indicator } from './types.js';

export type Locale = 'zh-CN' | 'en';

/** Indicators where a lower value is better; the others aim at a minimum. */
const LOWER_IS_BETTER = new Set(['missed_registration_rate', 'duplicate_rate', 'inconsistency_rate', 'registration_cycle_days', 'data_freshness_days']);

export function lowerIsBetter(id: string): boolean {
  return LOWER_IS_BETTER.has(id);
}

export function formatPercent(fraction: number | null | undefined, digits = 1): string | null {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return null;
  return `${(fraction * 100).toFixed(digits)}%`;
}

export function formatCount(n: number | null | undefined, locale: Locale): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return new Intl.NumberFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-US').format(n);
}

export function formatDays(days: number | null | undefined, locale: Locale): string | null {
  if (days === null || days === undefined || !Number.isFinite(days)) return null;
  const v = Number.isInteger(days) ? String(days) : days.toFixed(1);
  return locale === 'zh-CN' ? `${v} 天` : `${v} ${days === 1 ? 'day' : 'days'}`;
}

/** The value of an indicator as shown, or null for "no data". */
export function formatIndicatorValue(ind: Pick<Indicator, 'value' | 'unit'>, locale: Locale): string | null {
  if (ind.value === null) return null;
  return ind.unit === 'rate' ? formatPercent(ind.value) : formatDays(ind.value, locale);
}

/** "≥ 98.0%", "≤ 7 天"; null when the indicator has no target. */
export function formatTarget(ind: Pick<Indicator, 'id' | 'target' | 'unit'>, locale: Locale): string | null {
  if (ind.target === null) return null;
  const v = ind.unit === 'rate' ? formatPercent(ind.target, ind.target * 100 === Math.round(ind.target * 100) ? 0 : 1) : formatDays(ind.target, locale);
  return `${lowerIsBetter(ind.id) ? '≤' : '≥'} ${v ?? ''}`;
}

/** Value for charts: rates in percent, days as they are. */
export function chartValue(ind: Pick<Indicator, 'value' | 'unit'>): number | null {
  if (ind.value === null) return null;
  return ind.unit === 'rate' ? Math.round(ind.value * 10000) / 100 : ind.value;
}

export function chartTarget(ind: Pick<Indicator, 'target' | 'unit'>): number | null {
  if (ind.target === null) return null;
  return ind.unit === 'rate' ? Math.round(ind.target * 10000) / 100 : ind.target;
}

export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}

/** Shortens a long hex string for display: first 12 … last 8. */
export function shortHex(hex: string, head = 12, tail = 8): string {
  return hex.length <= head + tail + 1 ? hex : `${hex.slice(0, head)}…${hex.slice(-tail)}`;
}

/** Minutes to wait after a login lock, rounded up, at least 1. */
export function lockMinutes(retryAfterS: number | null): number {
  if (retryAfterS === null || !Number.isFinite(retryAfterS) || retryAfterS <= 0) return 1;
  return Math.max(1, Math.ceil(retryAfterS / 60));
}
