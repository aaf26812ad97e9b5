// Sex levels: equal → different (missing on either side is no evidence).

export const sexLevels = ['equal', 'different'] as const;

export function sexLevel(a: 'M' | 'F', b: 'M' | 'F'): number {
  return a === b ? 0 : 1;
}
