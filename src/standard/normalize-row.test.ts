import { describe, expect, it } from 'vitest';
import { parseMapping } from './mapping.js';
import { normalizeRow } from './normalize-row.js';

const mapping = parseMapping(
  {
    source: 'roster',
    kind: 'grid_collection',
    record_id: 'id',
    observed_at: 'seen',
    roles: {
      subject: { surname: '姓', given_name: '名', id_type: '证件类型', id_number: '证件号码', residence_address: ['区', '街道', '门牌'] },
      guardian: { name: '监护人', phone: '监护人电话' },
    },
    relations: [{ type: 'guardian_of', from: 'guardian', to: 'subject' }],
    facts: { collected_at: 'seen', grid_id: '网格', work_injury_insured: '工伤' },
  },
  'roster.json',
);

function cells(overrides: Record<string, string>): Record<string, string> {
  return { id: 'R1', seen: '2025-03-01 08:30:00', 姓: '', 名: '', 证件类型: '', 证件号码: '', 区: '', 街道: '', 门牌: '', 监护人: '', 监护人电话: '', 网格: 'G-7', 工伤: '', ...overrides };
}

describe('normalizeRow', () => {
  it('composes the name from surname and given name and joins address columns', () => {
    const row = normalizeRow(mapping, { line: 2, cells: cells({ 姓: '欧阳', 名: '娜娜', 区: '南山区', 街道: '粤海街道', 门牌: '科技园1号' }) }, { fallbackRecordId: 'x', jurisdiction: '440300' });
    expect(row.outcome).toBe('accepted');
    if (row.outcome !== 'accepted') return;
    const [subject] = row.persons;
    expect(subject).toMatchObject({ role: 'subject', name: '欧阳娜娜', residenceRegion: '440305' });
    expect(subject?.namePinyin).toEqual(['ou', 'yang', 'na', 'na']);
    expect(row.observedAt).toBe('2025-03-01T00:30:00Z');
    // A guardian with no name and no id is no person; the relation needs both ends.
    expect(row.persons).toHaveLength(1);
    expect(row.relations).toEqual([]);
  });

  it('keeps a passport number as given and does not hold it to GB 11643', () => {
    const row = normalizeRow(mapping, { line: 3, cells: cells({ 姓: 'SMITH', 名: 'John', 证件类型: '护照', 证件号码: 'e 1234 5678' }) }, { fallbackRecordId: 'x' });
    if (row.outcome !== 'accepted') throw new Error('expected accepted');
    expect(row.persons[0]).toMatchObject({ idType: 'passport', idNumber: 'E12345678', idValid: false });
    expect(row.valuesStandard).toBe(row.valuesTotal);
  });

  it('records the guardian relation and normalises yes/no facts', () => {
    const row = normalizeRow(mapping, { line: 4, cells: cells({ 姓: '张', 名: '小明', 监护人: '张伟', 监护人电话: '138 0013 8000', 工伤: '是' }) }, { fallbackRecordId: 'x' });
    if (row.outcome !== 'accepted') throw new Error('expected accepted');
    expect(row.persons.map((p) => p.role)).toEqual(['subject', 'guardian']);
    expect(row.relations).toEqual([{ type: 'guardian_of', from: 'guardian', to: 'subject' }]);
    expect(row.facts.work_injury_insured).toMatchObject({ value: '是', ok: true });
    expect(row.persons[1]?.phone).toBe('13800138000');
  });

  it('names the role in field_too_long for roles other than subject, and uses the fallback id', () => {
    const row = normalizeRow(mapping, { line: 5, cells: cells({ id: '', 姓: '张', 名: '三', 监护人: '李'.repeat(101) }) }, { fallbackRecordId: 'file:5' });
    expect(row).toMatchObject({ outcome: 'quarantined', reason: 'field_too_long:guardian.name', recordId: 'file:5' });
  });

  it('quarantines a row with no usable name and no id', () => {
    const row = normalizeRow(mapping, { line: 6, cells: cells({ 网格: 'G-1', 监护人电话: '13800138000' }) }, { fallbackRecordId: 'x' });
    expect(row).toMatchObject({ outcome: 'quarantined', reason: 'no_identity' });
  });
});
