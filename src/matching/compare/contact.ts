// Household contact: phone, residence and hukou address as one comparison. Family members share
// all three, so weighing them as three independent fields (as Fellegi-Sunter assumes) would count
// one household three times and merge parents with children; together, their agreement weighs what
// sharing a household is worth. The per-field levels (phone.ts, address.ts) are the parts.

import type { RecordFeatures } from '../features.js';
import { addressLevel } from './address.js';
import { phoneLevel } from './phone.js';

export const contactLevels = [
  'phone_and_home',
  'phone',
  'home_same',
  'home_close',
  'home_partial',
  'same_region',
  'same_city',
  'different',
] as const;
export const CONTACT_PHONE_AND_HOME = 0;
export const CONTACT_PHONE = 1;
export const CONTACT_HOME_SAME = 2;
export const CONTACT_HOME_CLOSE = 3;

/** Address levels (address.ts) → contact levels, for the address part alone. */
const fromAddress = [2, 3, 5, 4, 6, 7] as const;

function homeLevel(a: RecordFeatures, b: RecordFeatures): number {
  const residence = addressLevel(a.residenceRegion, a.residenceGrams, b.residenceRegion, b.residenceGrams);
  if (residence === 0) return 0;
  const hukou = addressLevel(a.hukouRegion, a.hukouGrams, b.hukouRegion, b.hukouGrams);
  if (residence < 0) return hukou;
  if (hukou < 0) return residence;
  return Math.min(residence, hukou);
}

/** Level of the pair's household contact, or -1 when neither phones nor addresses compare. */
export function contactLevel(a: RecordFeatures, b: RecordFeatures): number {
  const samePhone = a.phone !== null && b.phone !== null && phoneLevel(a.phone, b.phone) === 0;
  const home = homeLevel(a, b);
  if (samePhone) return home === 0 || home === 1 ? CONTACT_PHONE_AND_HOME : CONTACT_PHONE;
  if (home < 0) return a.phone !== null && b.phone !== null ? contactLevels.length - 1 : -1;
  return fromAddress[home as 0 | 1 | 2 | 3 | 4 | 5];
}
