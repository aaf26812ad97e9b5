// The shapes that leave the module (CLI JSON and GET /api/kpis*): snake_case, JSON-ready, exactly
// these fields. Rates are fractions (0.228, not 22.8); a value is null, never made up, when its
// denominator is empty.

import type { IndicatorDefinition, Unit } from './definition.js';
import type { ComputedValue } from './tally.js';

export interface IndicatorResult {
  id: string;
  name_zh: string;
  name_en: string;
  /** County-level GB/T 2260 code; null for the whole jurisdiction. */
  district: string | null;
  value: number | null;
  /** null for the indicators in days (a median or a maximum has no numerator). */
  numerator: number | null;
  denominator: number;
  target: number | null;
  met: boolean | null;
}

export interface IndicatorDistricts {
  id: string;
  rows: IndicatorResult[];
}

export interface TrendPoint {
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number;
}

export interface IndicatorTrend {
  id: string;
  points: TrendPoint[];
}

/** Rates to four decimals (a tenth of a per mille), days to two: beyond that is float noise. */
export function roundValue(value: number | null, unit: Unit): number | null {
  if (value === null) return null;
  const scale = unit === 'rate' ? 10_000 : 100;
  return Math.round(value * scale) / scale;
}

/** Met is judged on the value as shown, so a table never says 98.0% missed a 98% target. */
export function judge(definition: Pick<IndicatorDefinition, 'unit' | 'target'>, value: number | null): boolean | null {
  const { op, value: target } = definition.target;
  if (value === null || op === 'none' || target === null) return null;
  const shown = roundValue(value, definition.unit)!;
  return op === '>=' ? shown >= target : shown <= target;
}

export function toResult(definition: IndicatorDefinition, computed: ComputedValue): IndicatorResult {
  return {
    id: definition.id,
    name_zh: definition.name_zh,
    name_en: definition.name_en,
    district: computed.district,
    value: roundValue(computed.value, definition.unit),
    numerator: computed.numerator,
    denominator: computed.denominator,
    target: definition.target.value,
    met: judge(definition, computed.value),
  };
}
