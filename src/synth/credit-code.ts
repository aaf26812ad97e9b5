// Unified social credit codes (统一社会信用代码, GB 32100-2015) for synthetic employers and
// businesses: 登记管理部门 + 机构类别 + region + organisation code (GB 11714, own check) + check.
// The checksums are a few lines, so they live here rather than as an import from identity.

const creditChars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const creditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const orgWeights = [3, 7, 9, 10, 5, 8, 4, 2];

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = creditChars.indexOf(first17[i] ?? '');
    if (value < 0) throw new RangeError(`not a credit-code character at ${i}`);
    sum += value * (creditWeights[i] as number);
  }
  return creditChars[(31 - (sum % 31)) % 31] as string;
}

/** GB 11714 organisation code check character for an 8-character body of digits/capitals. */
export function orgCodeCheckChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body.charCodeAt(i);
    const value = c <= 57 ? c - 48 : c - 55;
    sum += value * (orgWeights[i] as number);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

export type CreditKind = 'enterprise' | 'individual';

/** A unique, valid code for the n-th synthetic organisation registered in `region`. */
export function makeCreditCode(kind: CreditKind, region: string, serial: number): string {
  // A multiplier coprime to 10^8 spreads consecutive serials over the space (bijective).
  const body = String((serial * 7919 + 10_000_019) % 100_000_000).padStart(8, '0');
  const first17 = (kind === 'enterprise' ? '91' : '92') + region + body + orgCodeCheckChar(body);
  return first17 + creditCodeCheckChar(first17);
}
