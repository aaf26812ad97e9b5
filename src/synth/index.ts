// The synthetic city generator: department files with mappings and ground truth, from a seed.

export { type CityManifest, type CityManifestSource, type CityOptions, generateCity } from './city.js';
export { type DistrictRates, districtRates, type Hardness, hardCaseRates, populationRates } from './rates.js';
export type { SourceKind, SourceMapping } from './source.js';
