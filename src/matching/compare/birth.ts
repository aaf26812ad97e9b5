// Birth date levels: equal → one typo (a digit replaced or two neighbours swapped) → month and
// day swapped → same year → else. Dates are ISO YYYY-MM-DD.

export const birthLevels = ['equal', 'one_typo', 'month_day_swapped', 'same_year', 'else'] as const;
export const BIRTH_EQUAL = 0;
export const BIRTH_ONE_TYPO = 1;
export const BIRTH_MONTH_DAY_SWAPPED = 2;
export const BIRTH_SAME_YEAR = 3;
export const BIRTH_ELSE = 4;

/**
 * True when two strings of equal length differ in exactly one position, or in exactly two
 * neighbouring positions holding the same characters swapped.
 */
export function isOneTypo(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let first = -1;
  let count = 0;
  for (let i = 0; i < a.length; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) {
      if (count === 0) first = i;
      count++;
      if (count > 2) return false;
    }
  }
  if (count === 1) return true;
  return (
    count === 2 &&
    a.charCodeAt(first) === b.charCodeAt(first + 1) &&
    a.charCodeAt(first + 1) === b.charCodeAt(first)
  );
}

export function birthLevel(a: string, b: string): number {
  if (a === b) return BIRTH_EQUAL;
  if (isOneTypo(a, b)) return BIRTH_ONE_TYPO;
  if (a.length === 10 && b.length === 10 && a.slice(0, 4) === b.slice(0, 4)) {
    if (a.slice(5, 7) === b.slice(8, 10) && a.slice(8, 10) === b.slice(5, 7)) return BIRTH_MONTH_DAY_SWAPPED;
    return BIRTH_SAME_YEAR;
  }
  return BIRTH_ELSE;
}
