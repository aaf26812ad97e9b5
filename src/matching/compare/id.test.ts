import { describe, expect, it } from 'vitest';
import { extractFeatures } from '../features.js';
import { input, residentId } from '../fixtures.js';
import { idLevel, idLevels } from './id.js';

const id = residentId('440305', '19900315', 123);
function level(a: string, b: string, extra: { birth?: string; idType?: 'passport' } = {}): string | null {
  const x = extractFeatures(input('a', { name: '张伟', id: a, ...extra }));
  const y = extractFeatures(input('b', { name: '张伟', id: b, idType: extra.idType }));
  const l = idLevel(x, y);
  return l < 0 ? null : idLevels[l]!;
}

describe('id number levels', () => {
  it('equal', () => expect(level(id, id)).toBe('equal'));
  it('one substitution, which fails the checksum', () => {
    const slip = id.slice(0, 14) + (id.charAt(14) === '9' ? '8' : '9') + id.slice(15);
    expect(level(id, slip)).toBe('one_edit');
  });
  it('adjacent swap', () => {
    const swapped = id.slice(0, 6) + id.charAt(7) + id.charAt(6) + id.slice(8); // 1990 -> 9190
    expect(level(id, swapped)).toBe('adjacent_swap');
  });
  it('the 15- and 18-digit forms of one number', () => {
    const id18 = residentId('440301', '19800101', 1);
    const id15 = id18.slice(0, 6) + id18.slice(8, 17);
    expect(level(id15, id18)).toBe('forms_15_18');
    expect(level(id15, id15)).toBe('equal');
  });
  it('different', () => expect(level(id, residentId('110101', '19700101', 5))).toBe('different'));
  it('other id types: one character dropped is one edit', () => {
    expect(level('E12345678', 'E1234578', { idType: 'passport' })).toBe('one_edit');
  });
  it('not comparable across id types', () => {
    const x = extractFeatures(input('a', { id: 'E1234567', idType: 'passport' }));
    const y = extractFeatures(input('b', { id }));
    expect(idLevel(x, y)).toBe(-1);
  });
  it('not evidence when the id is not its holder\'s (a parent\'s id in a child\'s row)', () => {
    expect(level(id, id, { birth: '2015-06-01' })).toBeNull();
  });
});
