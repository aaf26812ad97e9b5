import { describe, expect, it } from 'vitest';
import { ETHNIC_BASE_NAMES, normalizeEthnicity } from './ethnicity.js';

describe('normalizeEthnicity', () => {
  it('reads names, short names, codes and romanisations', () => {
    for (const raw of ['汉', '汉族', '01', '1', 'Han', 'HAN', '漢族']) expect(normalizeEthnicity(raw).value, raw).toBe('汉族');
    expect(normalizeEthnicity('08').value).toBe('壮族');
    expect(normalizeEthnicity('维吾尔').value).toBe('维吾尔族');
    expect(normalizeEthnicity('维族').value).toBe('维吾尔族');
    expect(normalizeEthnicity('Uygur').value).toBe('维吾尔族');
    expect(normalizeEthnicity('10').value).toBe('朝鲜族');
    expect(normalizeEthnicity('56').value).toBe('基诺族');
    expect(normalizeEthnicity('土家').value).toBe('土家族');
    expect(normalizeEthnicity('30').value).toBe('土族');
  });

  it('rejects what is not one of the 56', () => {
    expect(normalizeEthnicity('57')).toMatchObject({ ok: false, issue: 'unknown_ethnicity' });
    expect(normalizeEthnicity('其他').ok).toBe(false);
    expect(normalizeEthnicity('').issue).toBe('empty');
  });

  it('knows 56 groups', () => {
    expect(new Set(ETHNIC_BASE_NAMES).size).toBe(56);
  });
});
