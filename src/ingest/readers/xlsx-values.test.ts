import { describe, expect, it } from 'vitest';
import { excelSerialToDate, formatDate, formatNumber, isDateFormat } from './xlsx-values.js';

describe('xlsx cell values', () => {
  it('writes numbers without an exponent for integers, however large', () => {
    expect(formatNumber(110101199003070000)).toBe('110101199003070000');
    expect(formatNumber(1.5e21)).toBe('1500000000000000000000');
    expect(formatNumber(-42)).toBe('-42');
    expect(formatNumber(0.25)).toBe('0.25');
    expect(formatNumber(Number.NaN)).toBe('');
  });

  it('writes a date as YYYY-MM-DD and adds the time only when there is one', () => {
    expect(formatDate(new Date(Date.UTC(2024, 1, 29)))).toBe('2024-02-29');
    expect(formatDate(new Date(Date.UTC(2024, 1, 29, 8, 0, 5)))).toBe('2024-02-29T08:00:05');
  });

  it('rounds away the floating-point dust of Excel times', () => {
    // 1/3 of a day is 08:00:00, stored as 0.333...; a millisecond short of midnight is midnight.
    expect(formatDate(excelSerialToDate(45000 + 1 / 3, false))).toBe('2023-03-15T08:00:00');
    expect(formatDate(new Date(Date.UTC(2024, 0, 1, 23, 59, 59, 999)))).toBe('2024-01-02');
  });

  it('counts serial days from 1900, or from 1904 when the workbook says so', () => {
    expect(formatDate(excelSerialToDate(32939, false))).toBe('1990-03-07');
    expect(formatDate(excelSerialToDate(32939 - 1462, true))).toBe('1990-03-07');
  });

  it('tells date formats from number formats', () => {
    expect(['yyyy-mm-dd', 'mm-dd-yy', 'yyyy"年"m"月"d"日"', '[$-804]yyyy/m/d h:mm', 'h:mm:ss'].map(isDateFormat)).toEqual([true, true, true, true, true]);
    expect(['0.00', '#,##0', '"元"0.00', '0.00E+00', 'General', '@', undefined].map(isDateFormat)).toEqual([false, false, false, false, false, false, false]);
  });
});
