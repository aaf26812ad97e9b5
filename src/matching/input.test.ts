import { describe, expect, it } from 'vitest';
import { person } from './fixtures.js';
import { matchInputsOf } from './input.js';
import type { AcceptedRow } from '../standard/record.js';

describe('matchInputsOf', () => {
  it('makes one input per role, each with the roles the row ties to it', () => {
    const child = person({ role: 'subject', name: '张小明' });
    const guardian = person({ role: 'guardian', name: '王芳' });
    const row: AcceptedRow = {
      outcome: 'accepted', line: 2, recordId: 'G1', observedAt: '2024-09-01', persons: [child, guardian],
      relations: [{ type: 'guardian_of', from: 'guardian', to: 'subject' }], facts: {}, valuesTotal: 2, valuesStandard: 2, raw: {},
    };
    const [c, g] = matchInputsOf('school', 'education', row);
    expect(c).toMatchObject({ key: 'school\u0001G1\u0001subject', source: 'school', kind: 'education', observedAt: '2024-09-01' });
    expect(c!.related).toEqual([{ type: 'guardian_of', direction: 'to', other: guardian }]);
    expect(g!.related).toEqual([{ type: 'guardian_of', direction: 'from', other: child }]);
  });
});
