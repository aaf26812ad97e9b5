import { describe, expect, it } from 'vitest';
import { catalogues, isMessageId, translate, translateCode } from './catalog.js';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('message catalogue', () => {
  it('has the same keys in both languages, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const [k, v] of Object.entries(en)) expect(v.trim(), k).not.toBe('');
    for (const [k, v] of Object.entries(zhCN)) expect(v.trim(), k).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    for (const k of Object.keys(zhCN) as (keyof typeof zhCN)[]) expect(placeholders(en[k]), k).toEqual(placeholders(zhCN[k]));
  });

  it('writes Chinese in the Chinese catalogue', () => {
    const latinOnly = Object.entries(zhCN).filter(([, v]) => !/[\u4e00-\u9fff]/.test(v)).map(([k]) => k);
    // a few labels are the same in both (e.g. "#")
    expect(latinOnly).toEqual([]);
  });

  it('fills placeholders and falls back to the code for unknown codes', () => {
    expect(translate('zh-CN', 'people.total', { n: 3 })).toBe('共 3 人');
    expect(translate('en', 'people.total', { n: 3 })).toBe('3 persons');
    expect(translate('en', 'login.locked', {})).toContain('{minutes}');
    expect(translateCode('zh-CN', 'field', 'phone')).toBe('联系电话');
    expect(translateCode('en', 'reason', 'field_too_long:name')).toBe('field_too_long:name');
    expect(isMessageId('nav.audit')).toBe(true);
    expect(isMessageId('nav.nothing')).toBe(false);
    expect(Object.keys(catalogues)).toEqual(['zh-CN', 'en']);
  });
});
