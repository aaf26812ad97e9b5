import { describe, expect, it } from 'vitest';
import { normalizeDate, normalizeDateTime } from './date.js';

describe('normalizeDate', () => {
  it('reads every accepted format', () => {
    for (const raw of ['2024-03-05', '2024/3/5', '2024/03/05', '20240305', '2024年3月5日', '2024 年 3 月 5 日', '2024.3.5', '2024-3-5 14:30:00', '2024-03-05T14:30', '２０２４－０３－０５']) {
      expect(normalizeDate(raw), raw).toMatchObject({ ok: true, value: '2024-03-05' });
    }
  });

  it('reads Excel serial numbers of the 1900 date system', () => {
    expect(normalizeDate('45292').value).toBe('2024-01-01');
    expect(normalizeDate('45292.75').value).toBe('2024-01-01');
    expect(normalizeDate('1').value).toBe('1900-01-01');
    expect(normalizeDate('59').value).toBe('1900-02-28');
    // 60 is Excel's nonexistent 1900-02-29; 61 is 1900-03-01.
    expect(normalizeDate('60')).toMatchObject({ ok: false, issue: 'bad_date' });
    expect(normalizeDate('61').value).toBe('1900-03-01');
    expect(normalizeDate('32874').value).toBe('1990-01-01');
  });

  it('refuses a bare year instead of reading it as a serial in 1905', () => {
    expect(normalizeDate('1985')).toMatchObject({ ok: false, issue: 'year_only' });
  });

  it('rejects impossible dates and years out of range', () => {
    expect(normalizeDate('2023-02-29')).toMatchObject({ ok: false, value: null, issue: 'bad_date' });
    expect(normalizeDate('2024-02-29').value).toBe('2024-02-29');
    expect(normalizeDate('2024-13-01').issue).toBe('bad_date');
    expect(normalizeDate('2024-04-31').issue).toBe('bad_date');
    expect(normalizeDate('1849-12-31').issue).toBe('out_of_range');
    expect(normalizeDate('2101-01-01').issue).toBe('out_of_range');
    expect(normalizeDate('2024-01-01 25:00:00').issue).toBe('bad_time');
    expect(normalizeDate('0').ok).toBe(false);
    expect(normalizeDate('yesterday').issue).toBe('bad_format');
    expect(normalizeDate('2024-1').ok).toBe(false);
  });

  it('gives the Beijing date of a time written with a zone', () => {
    expect(normalizeDate('2024-01-01T20:00:00Z').value).toBe('2024-01-02');
    expect(normalizeDate('2024-01-01T20:00:00+08:00').value).toBe('2024-01-01');
  });
});

describe('normalizeDateTime', () => {
  it('reads a date alone as midnight in Beijing', () => {
    expect(normalizeDateTime('2024-01-01').value).toBe('2023-12-31T16:00:00Z');
  });

  it('reads zone-less times as Beijing time and honours explicit zones', () => {
    expect(normalizeDateTime('2024-01-01 08:30:15').value).toBe('2024-01-01T00:30:15Z');
    expect(normalizeDateTime('2024/1/1 8:30').value).toBe('2024-01-01T00:30:00Z');
    expect(normalizeDateTime('20240101083015').value).toBe('2024-01-01T00:30:15Z');
    expect(normalizeDateTime('2024-01-01T08:30:15Z').value).toBe('2024-01-01T08:30:15Z');
    expect(normalizeDateTime('2024-01-01T08:30:15-0500').value).toBe('2024-01-01T13:30:15Z');
    expect(normalizeDateTime('2024-01-01 08:30:15.123').value).toBe('2024-01-01T00:30:15Z');
  });

  it('reads the fraction of an Excel serial as the time of day', () => {
    expect(normalizeDateTime('45292.5').value).toBe('2024-01-01T04:00:00Z');
  });

  it('rejects bad times', () => {
    expect(normalizeDateTime('2024-01-01 12:60').issue).toBe('bad_time');
    expect(normalizeDateTime('2024-01-01T00:00:00+15:00').issue).toBe('bad_time');
  });
});
