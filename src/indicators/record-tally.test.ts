import { describe, expect, it } from 'vitest';
import { decodeTally, encodeTally, type TallySource } from './record-tally.js';

const kinds = new Map([['school', 'education'], ['police', 'residence_registration']]);

/** A school record of a child and a guardian, linked as the given role. */
function schoolRecord(role: 'child' | 'guardian', guardianLinked = true): TallySource {
  return {
    source: 'school', role, observedAt: '2025-04-14T20:30:00.000Z', ingestedAt: '2025-07-01T00:00:00.000Z', valuesTotal: 7, valuesStandard: 6,
    facts: JSON.stringify({ school_type: ['公办学校', '公办', 1], grade: ['3', '3', 1] }),
    persons: [
      { role: 'child', fields: '{"name":["王小明","王小明",1]}', sex: 'M', birth_date: '2015-09-01', personId: 'P1' },
      { role: 'guardian', fields: '{"employer_name":["甲公司","甲公司",1]}', sex: 'F', birth_date: '1988-07-20', personId: guardianLinked ? 'P2' : null },
    ],
  };
}

describe('the indicators’ summary of a person’s records', () => {
  it('keeps the Beijing day, the role’s sex, birth date and employer, and the wanted facts of sources that have them', () => {
    const [record] = decodeTally(encodeTally([schoolRecord('guardian')]), kinds, new Set(['school_type']), new Set(['school']))!;
    // 20:30 UTC on the 14th is the 15th in Beijing.
    expect(record).toEqual({ source: 'school', kind: 'education', date: '2025-04-15', facts: { school_type: '公办' }, hasEmployer: true, valuesTotal: 0, valuesStandard: 0, sex: 'F', birthDate: '1988-07-20' });
  });

  it('counts a record’s values once, for its first linked role', () => {
    const [child] = decodeTally(encodeTally([schoolRecord('child')]), kinds, new Set(), new Set())!;
    expect([child!.valuesTotal, child!.valuesStandard, child!.hasEmployer]).toEqual([7, 6, false]);
    // The guardian counts them when the child's role is linked to no one.
    const alone = schoolRecord('guardian');
    const unlinkedChild = { ...alone, persons: alone.persons.map((p) => (p.role === 'child' ? { ...p, personId: null } : p)) };
    expect(decodeTally(encodeTally([unlinkedChild]), kinds, new Set(), new Set())![0]!.valuesTotal).toBe(7);
  });

  it('takes the ingest time when a record has no observed time, and leaves out facts of other sources', () => {
    const record = { ...schoolRecord('child'), observedAt: null };
    const [r] = decodeTally(encodeTally([record]), kinds, new Set(['school_type']), new Set(['police']))!;
    expect(r!.date).toBe('2025-07-01');
    expect(r!.facts).toEqual({});
  });

  it('reads nothing from a summary of another form or none', () => {
    for (const text of [null, '', '{', '{"v":0,"r":[]}', '{"v":1,"r":[["school"]]}', '[1]']) expect(decodeTally(text, kinds, new Set(), new Set()), String(text)).toBeUndefined();
    expect(decodeTally(encodeTally([]), kinds, new Set(), new Set())).toEqual([]);
  });
});
