import { describe, expect, it } from 'vitest';
import { normalizePhone } from './phone.js';

describe('normalizePhone', () => {
  it('strips country codes and separators from mobiles', () => {
    for (const raw of ['+86 138 0013 8000', '86-13800138000', '008613800138000', '138-0013-8000', '(+86)13800138000', '１３８００１３８０００']) {
      expect(normalizePhone(raw)).toMatchObject({ ok: true, value: '13800138000', kind: 'mobile' });
    }
  });

  it('keeps landlines with their area code', () => {
    expect(normalizePhone('0755-88886666')).toMatchObject({ ok: true, value: '0755-88886666', kind: 'landline' });
    expect(normalizePhone('(0755) 8888 6666').value).toBe('0755-88886666');
    expect(normalizePhone('075588886666').value).toBe('0755-88886666');
    expect(normalizePhone('010-62345678').value).toBe('010-62345678');
    expect(normalizePhone('02087654321').value).toBe('020-87654321');
    expect(normalizePhone('0311-1234567').value).toBe('0311-1234567');
    expect(normalizePhone('+86 755 8888 6666').value).toBe('0755-88886666');
  });

  it('takes the first of several numbers in one cell', () => {
    expect(normalizePhone('13800138000/13900139000').value).toBe('13800138000');
  });

  it('rejects short, foreign and malformed numbers', () => {
    expect(normalizePhone('12345')).toMatchObject({ ok: false, value: null, kind: null, issue: 'bad_phone' });
    expect(normalizePhone('10086').ok).toBe(false);
    expect(normalizePhone('1380013800').ok).toBe(false);
    expect(normalizePhone('12800138000').ok).toBe(false);
    expect(normalizePhone('+1 415 555 0100').ok).toBe(false);
    expect(normalizePhone('138001380OO').ok).toBe(false);
    expect(normalizePhone('88886666')).toMatchObject({ ok: false, issue: 'no_area_code' });
    expect(normalizePhone('')).toMatchObject({ ok: false, issue: 'empty' });
  });
});
