// The configured truth of the synthetic city: population shares, service coverage that varies by
// district (so per-district indicators differ), and how often each kind of entry error happens.

export type Hardness = 'easy' | 'normal' | 'hard';

export const populationRates = {
  /** Households whose members' hukou lies outside the node's region. */
  floatingHouseholdShare: 0.6,
  foreignHouseholdShare: 0.003,
  /** Floating persons with evidence of living/working/studying here but no residence registration. */
  unregisteredShare: 0.2,
  villageShareFloating: 0.5,
  villageShareLocal: 0.1,
  workerShareFloating: 0.88,
  workerShareLocal: 0.72,
  selfEmployedShare: 0.08,
  phoneChangeShare: 0.25,
  elderSharesPhone: 0.5,
  spouseSharesPhone: 0.05,
  teenOwnPhone: 0.6,
} as const;

/** Hard cases are features of the population, scaled by hardness (not by source). */
export const hardCaseRates = {
  /** Of households with children. */
  twins: 0.04,
  /** Of adults: a stranger elsewhere with the same name and birth date. */
  sameNameBirthday: 0.008,
} as const;

export interface DistrictRates {
  readonly insurance: number;
  readonly workInjury: number;
  readonly contract: number;
  readonly health: number;
  readonly familyDoctor: number;
  readonly housingRecord: number;
  readonly affordable: number;
  readonly publicSchool: number;
  readonly remoteMedical: number;
  readonly grid: number;
  readonly access: number;
}

const clamp = (x: number): number => Math.min(0.99, Math.max(0.01, x));

/**
 * Coverage among floating persons in the i-th county of the region. Districts spread around the
 * base by a golden-ratio sequence, so neighbours differ and the spread is even. Locals are
 * better covered (a fixed uplift) because the gaps the plan targets are the migrants'.
 */
export function districtRates(countyIndex: number, floating: boolean): DistrictRates {
  const t = ((countyIndex + 1) * 0.6180339887) % 1;
  const s = 2 * t - 1;
  const up = floating ? 0 : 0.1;
  return {
    insurance: clamp(0.8 + 0.1 * s + up),
    workInjury: clamp(0.88 + 0.08 * s + up),
    contract: clamp(0.78 + 0.12 * s + up),
    health: clamp(0.55 + 0.15 * s + up),
    familyDoctor: clamp(0.45 + 0.15 * s),
    housingRecord: clamp(0.45 + 0.15 * s - (floating ? 0 : 0.2)),
    affordable: clamp(0.25 + 0.1 * s),
    publicSchool: clamp(0.88 + 0.07 * s + up),
    remoteMedical: clamp(0.8 + 0.1 * s),
    grid: clamp(0.35 + 0.1 * s - (floating ? 0 : 0.15)),
    access: clamp(0.6 + 0.2 * s),
  };
}

/** Per-row probabilities of each deliberate error or formatting habit. */
export interface NoiseRates {
  readonly idTypo: number;
  readonly idSwap: number;
  readonly idLegacy15: number;
  readonly idFormat: number;
  readonly idMissing: number;
  readonly parentId: number;
  readonly nameHomophone: number;
  readonly nameLookalike: number;
  readonly nameTraditional: number;
  readonly namePinyin: number;
  readonly nameFormat: number;
  readonly nameMissing: number;
  readonly birthWrong: number;
  readonly birthMissing: number;
  readonly sexWrong: number;
  readonly phoneFormat: number;
  readonly phoneMissing: number;
  readonly addressMissing: number;
  readonly duplicate: number;
}

export const baseNoise: NoiseRates = {
  idTypo: 0.006,
  idSwap: 0.003,
  idLegacy15: 0,
  idFormat: 0.01,
  idMissing: 0.005,
  parentId: 0,
  nameHomophone: 0.006,
  nameLookalike: 0.002,
  nameTraditional: 0.002,
  namePinyin: 0,
  nameFormat: 0.01,
  nameMissing: 0.003,
  birthWrong: 0.002,
  birthMissing: 0.01,
  sexWrong: 0.001,
  phoneFormat: 0.05,
  phoneMissing: 0.05,
  addressMissing: 0.03,
  duplicate: 0.01,
};

const hardnessFactor: Record<Hardness, number> = { easy: 0.3, normal: 1, hard: 2.5 };

/** A source's own rates (base overridden where it differs), scaled for the hardness. */
export function scaleNoise(overrides: Partial<NoiseRates>, hardness: Hardness): NoiseRates {
  const f = hardnessFactor[hardness];
  const merged = { ...baseNoise, ...overrides };
  const scaled = {} as Record<keyof NoiseRates, number>;
  for (const key of Object.keys(merged) as (keyof NoiseRates)[]) {
    scaled[key] = Math.min(0.5, merged[key] * f);
  }
  return scaled;
}

export function hardCaseFactor(hardness: Hardness): number {
  return hardness === 'easy' ? 0.5 : hardness === 'hard' ? 2 : 1;
}
