import { describe, expect, it } from 'vitest';
import { chartTarget, chartValue, formatDays, formatIndicatorValue, formatPercent, formatTarget, lockMinutes, lowerIsBetter, shortHex } from './format.js';

describe('indicator formatting', () => {
  it('shows rates as percent and no data as null', () => {
    expect(formatPercent(0.9834)).toBe('98.3%');
    expect(formatPercent(null)).toBeNull();
    expect(formatIndicatorValue({ value: 0.5, unit: 'rate' }, 'zh-CN')).toBe('50.0%');
    expect(formatIndicatorValue({ value: null, unit: 'rate' }, 'en')).toBeNull();
    expect(formatIndicatorValue({ value: 3, unit: 'days' }, 'zh-CN')).toBe('3 天');
    expect(formatIndicatorValue({ value: 1, unit: 'days' }, 'en')).toBe('1 day');
    expect(formatDays(2.25, 'en')).toBe('2.3 days');
  });

  it('writes targets with their direction', () => {
    expect(formatTarget({ id: 'registration_accuracy', target: 0.98, unit: 'rate' }, 'zh-CN')).toBe('≥ 98%');
    expect(formatTarget({ id: 'missed_registration_rate', target: 0.03, unit: 'rate' }, 'zh-CN')).toBe('≤ 3%');
    expect(formatTarget({ id: 'registration_cycle_days', target: 7, unit: 'days' }, 'en')).toBe('≤ 7 days');
    expect(formatTarget({ id: 'family_doctor_rate', target: null, unit: 'rate' }, 'en')).toBeNull();
    expect(formatTarget({ id: 'x', target: 0.985, unit: 'rate' }, 'en')).toBe('≥ 98.5%');
    expect(lowerIsBetter('duplicate_rate')).toBe(true);
    expect(lowerIsBetter('contract_rate')).toBe(false);
  });

  it('gives chart values in percent', () => {
    expect(chartValue({ value: 0.12345, unit: 'rate' })).toBe(12.35);
    expect(chartValue({ value: 4, unit: 'days' })).toBe(4);
    expect(chartTarget({ target: 0.9, unit: 'rate' })).toBe(90);
  });

  it('shortens hashes and rounds lock-out minutes up', () => {
    expect(shortHex('a'.repeat(64))).toBe(`${'a'.repeat(12)}…${'a'.repeat(8)}`);
    expect(shortHex('abcd')).toBe('abcd');
    expect(lockMinutes(61)).toBe(2);
    expect(lockMinutes(null)).toBe(1);
  });
});
