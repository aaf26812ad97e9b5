import { describe, expect, it } from 'vitest';
import { normalizeEmployer } from './employer.js';

describe('normalizeEmployer', () => {
  it('unifies every bracket to half-width ( )', () => {
    const expected = '某某科技有限公司(深圳分公司)';
    for (const raw of ['某某科技有限公司（深圳分公司）', '某某科技有限公司【深圳分公司】', '某某科技有限公司〔深圳分公司〕', '某某科技有限公司[深圳分公司]']) {
      expect(normalizeEmployer(raw).value, raw).toBe(expected);
    }
  });

  it('collapses whitespace and rejects blanks', () => {
    expect(normalizeEmployer('  深圳市 　某某   公司 ').value).toBe('深圳市 某某 公司');
    expect(normalizeEmployer(' ')).toMatchObject({ ok: false, issue: 'empty' });
  });
});
