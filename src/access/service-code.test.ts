// A service code is checked beyond its signature: a code issued in the future, or given a longer life
// than the node gives, is refused even when the node's own key signed it.

import { describe, expect, it } from 'vitest';
import { checkCode, defaultCodeTtlS, generateCodeKey, issueCode, newCodeId } from './service-code.js';

describe('service code claims', () => {
  const key = generateCodeKey();
  const now = new Date('2026-12-07T08:00:00.000Z');
  const id = newCodeId();

  it('a code as the node issues it is valid for its life, then expired', async () => {
    const { code } = await issueCode(key, id, 1, now);
    expect(await checkCode(key, code, now)).toMatchObject({ valid: true, codeId: id, epoch: 1 });
    expect(await checkCode(key, code, new Date(now.getTime() + (defaultCodeTtlS - 1) * 1000))).toMatchObject({ valid: true });
    expect(await checkCode(key, code, new Date(now.getTime() + (defaultCodeTtlS + 1) * 1000))).toEqual({ valid: false, reason: 'expired' });
  });

  it('refuses a code issued in the future, or given a longer life than the node gives', async () => {
    const future = await issueCode(key, id, 1, new Date(now.getTime() + 3600_000));
    expect((await checkCode(key, future.code, now)).valid).toBe(false);
    const tenYears = await issueCode(key, id, 1, now, 10 * 365 * 86_400);
    expect((await checkCode(key, tenYears.code, now)).valid).toBe(false);
  });
});
