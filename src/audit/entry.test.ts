import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { auditLeafHash, decodeAuditEntry, encodeAuditEntry, validateAuditEntry, type AuditEntry } from './entry.js';

const entry: AuditEntry = {
  time: '2025-03-01T08:30:00.000Z',
  actor: 'officer01',
  role: 'officer',
  action: 'reveal',
  objectIds: ['p-0190a5b2c3d4', 'p-0190a5b2c3d5'],
  purpose: '核查居住登记',
  outcome: 'ok',
  requestId: 'req-7f3a',
  details: { field: 'phone', count: 2 },
};

function detailOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return `${error.code}: ${error.detail ?? ''}`;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('canonical encoding', () => {
  it('writes sorted keys without whitespace, in UTF-8', () => {
    expect(encodeAuditEntry(entry).toString('utf8')).toBe(
      '{"action":"reveal","actor":"officer01","details":{"count":2,"field":"phone"},' +
        '"objectIds":["p-0190a5b2c3d4","p-0190a5b2c3d5"],"outcome":"ok","purpose":"核查居住登记",' +
        '"requestId":"req-7f3a","role":"officer","time":"2025-03-01T08:30:00.000Z"}',
    );
    expect(encodeAuditEntry(entry).includes(Buffer.from('核查', 'utf8'))).toBe(true);
  });

  it('does not depend on the order the fields were written in', () => {
    const shuffled = { details: { count: 2, field: 'phone' }, requestId: 'req-7f3a', outcome: 'ok', purpose: '核查居住登记',
      objectIds: ['p-0190a5b2c3d4', 'p-0190a5b2c3d5'], action: 'reveal', role: 'officer', actor: 'officer01',
      time: '2025-03-01T08:30:00.000Z' } as const;
    expect(encodeAuditEntry(shuffled)).toEqual(encodeAuditEntry(entry));
    const { details: _omitted, ...withoutDetails } = entry;
    expect(encodeAuditEntry({ ...withoutDetails, details: undefined })).toEqual(encodeAuditEntry(withoutDetails));
  });

  it('hashes the encoding as an RFC 6962 leaf', () => {
    const expected = createHash('sha256').update(Buffer.from([0])).update(encodeAuditEntry(entry)).digest();
    expect(auditLeafHash(entry)).toEqual(expected);
    expect(auditLeafHash({ ...entry, outcome: 'denied' })).not.toEqual(expected);
  });

  it('decodes its own encoding and refuses any other spelling of it', () => {
    expect(decodeAuditEntry(encodeAuditEntry(entry))).toEqual(entry);
    const spaced = Buffer.from(JSON.stringify(JSON.parse(encodeAuditEntry(entry).toString()), null, 1));
    expect(detailOf(() => decodeAuditEntry(spaced))).toBe('bad_request: entry: not canonical');
    expect(detailOf(() => decodeAuditEntry(Buffer.from('{"action":')))).toBe('bad_request: entry: not JSON');
  });

  it('round-trips any valid entry (property)', () => {
    const token = fc.stringMatching(/^[a-z][a-z0-9_-]{0,11}$/);
    const arbitraryEntry = fc.record({
      time: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
      actor: token, role: token,
      action: fc.constantFrom('ingest', 'merge', 'reveal', 'export'),
      objectIds: fc.array(token, { maxLength: 5 }),
      purpose: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/[\u0000-\u001f\u007f\d]/.test(s)),
      outcome: fc.constantFrom('ok', 'denied', 'error'),
      requestId: token,
      details: fc.dictionary(token, fc.oneof(fc.integer({ min: 0, max: 1e9 }), fc.constantFrom('a', '中文', 'x y'))),
    }) as fc.Arbitrary<AuditEntry>;
    fc.assert(fc.property(arbitraryEntry, (e) => {
      const bytes = encodeAuditEntry(e);
      expect(decodeAuditEntry(bytes)).toEqual(e);
      expect(encodeAuditEntry(decodeAuditEntry(bytes))).toEqual(bytes);
    }));
  });
});

describe('validation', () => {
  it('refuses actions outside the closed list, bad outcomes and non-canonical times', () => {
    expect(detailOf(() => validateAuditEntry({ ...entry, action: 'delete' }))).toBe('bad_request: action: not a known action');
    expect(detailOf(() => validateAuditEntry({ ...entry, outcome: 'maybe' }))).toMatch(/^bad_request: outcome/);
    expect(detailOf(() => validateAuditEntry({ ...entry, time: '2025-03-01T16:30:00+08:00' }))).toMatch(/^bad_request: time/);
    expect(detailOf(() => validateAuditEntry({ ...entry, time: '2025-02-30T08:30:00.000Z' }))).toMatch(/^bad_request: time/);
    expect(detailOf(() => validateAuditEntry({ ...entry, extra: 'x' }))).toBe('bad_request: extra: unknown field');
    expect(detailOf(() => validateAuditEntry({ ...entry, purpose: '' }))).toMatch(/^bad_request: purpose/);
    expect(detailOf(() => validateAuditEntry({ ...entry, details: { n: Number.NaN } }))).toMatch(/^bad_request: details\.n/);
    expect(detailOf(() => validateAuditEntry('{}'))).toBe('bad_request: entry: not an object');
  });

  it('refuses a name where an internal id belongs', () => {
    expect(detailOf(() => validateAuditEntry({ ...entry, objectIds: ['p-1', '张三'] }))).toBe('bad_request: objectIds[1]: not an internal id');
  });

  it.each([
    ['an id number in the object ids', { objectIds: ['11010519491231002X'] }, 'entry.objectIds[0]'],
    ['an id number with spaces in the purpose', { purpose: '核查 110105 19491231 0023 的登记' }, 'entry.purpose'],
    ['a mobile in the details', { details: { contact: '13812345678' } }, 'entry.details.contact'],
    ['a mobile written as a number', { details: { n: 13812345678 } }, 'entry.details.n'],
    ['a mobile with the country code', { purpose: 'call +86 138-1234-5678' }, 'entry.purpose'],
    ['an id number as a details key', { details: { '110105194912310023': 1 } }, 'entry.details key #0'],
    ['a mobile in the request id', { requestId: 'req:13812345678' }, 'entry.requestId'],
  ])('refuses %s, without quoting it', (_label, change, path) => {
    const detail = detailOf(() => validateAuditEntry({ ...entry, ...change }));
    expect(detail).toBe(`bad_request: ${path}: looks like an id number or a mobile number`);
    expect(detail).not.toMatch(/\d{11}/);
  });

  it('lets digests, timestamps and counts through', () => {
    const digest = createHash('sha256').update('file').digest('hex');
    const ok = { ...entry, details: { fileSha256: digest, rows: 1234567, at: 1719000000000, seq: '123456789012' } };
    expect(validateAuditEntry(ok)).toBe(ok);
    // 64 hex digits hold an 18-digit run about once in a hundred digests; bounded by letters it must pass.
    expect(() => validateAuditEntry({ ...entry, details: { fileSha256: `ab${'1'.repeat(18)}cd${'0'.repeat(42)}` } })).not.toThrow();
  });
});
