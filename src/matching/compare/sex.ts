// Sex levels: equal → different (missing on either side is no evidence).

export const sexLevels = ['equal', 'different'] as const;
export const SEX_EQUAL = 0;
export const SEX_DIFFERENT = 1;

export function sexLevel(a: 'M' | 'F', b: 'M' | 'F'): number {
  return a === b ? SEX_EQUAL : SEX_DIFFERENT;
}
