import { describe, expect, it } from 'vitest';
import { dayOf, excelSerial, formatDay, ymdOf } from './dates.js';

describe('integer days', () => {
  it('agree with the platform calendar from 1900 to 2100', () => {
    for (let t = Date.UTC(1900, 0, 1); t < Date.UTC(2100, 0, 1); t += 86_400_000 * 37) {
      const d = new Date(t);
      const day = Math.round(t / 86_400_000);
      expect(dayOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())).toBe(day);
      expect(ymdOf(day)).toEqual({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
    }
  });

  it('writes every style the data standard accepts', () => {
    const day = dayOf(2024, 3, 5);
    expect(formatDay(day, 'iso')).toBe('2024-03-05');
    expect(formatDay(day, 'slash')).toBe('2024/3/5');
    expect(formatDay(day, 'compact')).toBe('20240305');
    expect(formatDay(day, 'chinese')).toBe('2024年3月5日');
    expect(formatDay(day, 'dotted')).toBe('2024.3.5');
  });

  it('counts Excel serials from 1899-12-30', () => {
    const expected = (Date.UTC(2025, 5, 30) - Date.UTC(1899, 11, 30)) / 86_400_000;
    expect(excelSerial(dayOf(2025, 6, 30))).toBe(expected);
  });
});
