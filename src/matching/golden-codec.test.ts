import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { input, residentId } from './fixtures.js';
import { applyResolutions, buildGoldenRecord, type GoldenRecord, type GoldenValue, type HistoryEntry } from './golden.js';
import { decodeGolden, encodeGolden } from './golden-codec.js';

const id = residentId('430104', '19880305', 222);
const records = [
  input('1', { source: 'police', name: '刘洋', id, phone: '13800138000', residence: '广东省深圳市南山区科技园路1号', observedAt: '2021-03-01' }),
  input('2', { source: 'health', name: '劉洋', phone: '13900139000', observedAt: '2024-05-01', birth: '1988-03-05' }),
  input('3', { source: 'hrss', name: '刘阳', id: id.slice(0, 16) + (id.charAt(16) === '9' ? '8' : '9') + id.charAt(17), observedAt: '2023-01-01', employer: '深圳市某某科技有限公司' }),
];

describe('golden record codec', () => {
  it('gives back the record it was given: values, provenance, history, conflicts', () => {
    const golden = buildGoldenRecord('P9', records, '440300');
    expect(golden.conflicts.length).toBeGreaterThan(0);
    expect(decodeGolden(encodeGolden(golden))).toEqual(golden);
  });

  it("keeps a reviewer's choice, whose time is the decision's and not the record's", () => {
    const golden = buildGoldenRecord('P9', records, '440300');
    const conflict = golden.conflicts.find((c) => c.field === 'name');
    expect(conflict).toBeDefined();
    const decided = applyResolutions(golden, [{ field: 'name', value: conflict!.values[1]!.value, decidedAt: '2026-01-02T03:04:05Z' }]);
    expect(decided.name?.provenance).toMatchObject({ rule: 'reviewer', observedAt: '2026-01-02T03:04:05Z' });
    expect(decodeGolden(encodeGolden(decided))).toEqual(decided);
  });

  it('reads a record stored in the plain form, as earlier versions wrote it', () => {
    const golden = buildGoldenRecord('P9', records, '440300');
    expect(decodeGolden(JSON.stringify(golden))).toEqual(golden);
  });

  it('takes less than half the bytes of the plain form', () => {
    const golden = buildGoldenRecord('P9', records, '440300');
    const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
    expect(bytes(encodeGolden(golden))).toBeLessThan(bytes(JSON.stringify(golden)) / 2);
  });

  it('refuses a damaged record rather than inventing provenance', () => {
    const text = encodeGolden(buildGoldenRecord('P9', records, '440300')).replace(/"o":\[\[0,/, '"o":[[99,');
    expect(() => decodeGolden(text)).toThrow(/P9/);
    expect(() => decodeGolden('{"v":2,')).toThrow();
  });

  it('round-trips any record: odd sources, keys, times and characters', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 12 });
    const source = fc.oneof(fc.constantFrom('police', 'health', 'hrss'), text);
    const key = fc.tuple(source, text, fc.constantFrom('subject', 'guardian')).map((parts) => parts.join('\u0001'));
    const time = fc.option(fc.constantFrom('2021-03-01', '2024-05-01T08:00:00Z', ''), { nil: null });
    const provenance = fc.record({
      source,
      recordKey: fc.oneof(key, text),
      observedAt: time,
      rule: fc.constantFrom('valid_id', 'from_id', 'most_common', 'most_recent', 'reviewer' as const),
    });
    const value: fc.Arbitrary<GoldenValue | null> = fc.option(fc.record({ value: text, provenance }), { nil: null });
    const history: fc.Arbitrary<HistoryEntry[]> = fc.array(fc.record({ value: text, firstSeen: time, lastSeen: time, sources: fc.array(source, { maxLength: 3 }) }), { maxLength: 3 });
    const golden: fc.Arbitrary<GoldenRecord> = fc.record({
      personId: text,
      name: value,
      idNumber: value,
      sex: value,
      birthDate: value,
      phone: value,
      hukouRegion: value,
      hukouDetail: value,
      residenceRegion: value,
      residenceDetail: value,
      employer: value,
      history: fc.record({ phone: history, residence: history, hukou: history, employer: history }),
      conflicts: fc.array(
        fc.record({
          field: fc.constantFrom('name', 'id_number', 'sex', 'birth_date' as const),
          values: fc.array(fc.record({ value: text, sources: fc.array(source, { maxLength: 2 }), recordKeys: fc.array(fc.oneof(key, text), { maxLength: 3 }) }), { maxLength: 3 }),
        }),
        { maxLength: 2 },
      ),
      floating: fc.record({ status: fc.constantFrom('floating', 'local', 'unknown' as const), hukouRegion: fc.option(text, { nil: null }), basis: fc.constantFrom('hukou_address', 'id_number', null) }),
      sources: fc.array(source, { maxLength: 3 }),
      kinds: fc.array(text, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(golden, (g) => {
        expect(decodeGolden(encodeGolden(g))).toEqual(g);
      }),
    );
  });
});
