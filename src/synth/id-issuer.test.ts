import { describe, expect, it } from 'vitest';
import { computeIdCheckChar } from '../identity/id-number.js';
import { dayOf } from './dates.js';
import { IdIssuer, legacyId15 } from './id-issuer.js';
import { Rng } from './random.js';

describe('IdIssuer', () => {
  it('issues valid, distinct ids with region, birth date and sex parity', () => {
    const issuer = new IdIssuer();
    const rng = new Rng(3);
    const seen = new Set<string>();
    const birth = dayOf(1990, 2, 28);
    // Far more people than one (region, day) can hold per sex would overflow; 400 fit.
    for (let i = 0; i < 400; i++) {
      const sex = i % 2 === 0 ? 'M' : 'F';
      const { id } = issuer.issue(rng, '440305', birth, sex);
      expect(id.slice(0, 14)).toBe('44030519900228');
      expect(id[17]).toBe(computeIdCheckChar(id.slice(0, 17)));
      expect(Number(id[16]) % 2).toBe(sex === 'M' ? 1 : 0);
      seen.add(id);
    }
    expect(seen.size).toBe(400);
  });

  it('gives a twin a sequence next to the sibling', () => {
    const issuer = new IdIssuer();
    const rng = new Rng(4);
    const birth = dayOf(2015, 11, 28);
    const first = issuer.issue(rng, '441323', birth, 'M');
    const twin = issuer.issue(rng, '441323', birth, 'F', first.seq);
    expect(twin.seq - first.seq).toBeGreaterThan(0);
    expect(twin.seq - first.seq).toBeLessThanOrEqual(4);
    expect(twin.id).not.toBe(first.id);
  });

  it('shortens to the 15-digit legacy form', () => {
    expect(legacyId15('440524188001010014')).toBe('440524800101001');
  });
});
