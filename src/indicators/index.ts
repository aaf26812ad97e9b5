// Indicators (指标): the measures of spec/kpis.md and a city's own, defined as data, computed over
// the store for the jurisdiction, each district and the last twelve month ends, cached after every
// ingest and read from the cache. docs/INDICATORS.md says how each one is read.

export { builtinDefinitions } from './builtin.js';
export type { Condition, Direction, Formula, IndicatorDefinition, Measure, PersonFlag, Population, PopulationName, StartRef, Target, TargetOp, Unit } from './definition.js';
export { parseDefinitions, parseDefinitionsText } from './parse-definitions.js';
export { definitionsFileName, loadCityDefinitions } from './load-definitions.js';
export { activeDefinitions, computeIndicators, refreshIndicators, type Computed, type RefreshOptions, type RefreshSummary } from './compute.js';
export {
  readIndicators,
  readIndicatorsByDistrict,
  readIndicatorStatus,
  readIndicatorTrend,
  type IndicatorStatus,
  type ReadOptions,
  type TrendOptions,
} from './read.js';
export type { IndicatorDistricts, IndicatorResult, IndicatorTrend, TrendPoint } from './result.js';
export { savedCustomDefinitions } from './cache.js';
