// The fourteen indicators of spec/kpis.md, as data. docs/INDICATORS.md explains each reading;
// change the two together.

import type { Condition, IndicatorDefinition, Population } from './definition.js';

const floating = (...where: Condition[]): Population => ({ population: 'floating', where });
const everyone = (...where: Condition[]): Population => ({ population: 'all', where });

/** Floating workers: employment evidence from any source. */
const worker: Condition = {
  any: [{ has_kind: 'labor_contract' }, { has_kind: 'social_insurance' }, { has_kind: 'market' }, { flag: 'has_employer' }],
};
const child: Condition = { age: 'child' };
const adult: Condition = { age: 'adult' };
const withoutLocalMedical: Condition = { not: { fact: 'medical_insured', equals: '是' } };

export const builtinDefinitions: readonly IndicatorDefinition[] = [
  {
    id: 'registration_accuracy', name_zh: '基础信息准确率', name_en: 'Registration accuracy', unit: 'rate',
    target: { op: '>=', value: 0.98 }, direction: 'up',
    formula: { type: 'ratio', numerator: floating({ flag: 'identity_consistent' }, { not: { flag: 'open_conflict' } }), denominator: floating() },
  },
  {
    id: 'missed_registration_rate', name_zh: '漏登率', name_en: 'Missed registration rate', unit: 'rate',
    target: { op: '<=', value: 0.03 }, direction: 'down',
    formula: { type: 'ratio', numerator: floating({ not: { has_kind: 'residence_registration' } }), denominator: floating() },
  },
  {
    id: 'standardization_rate', name_zh: '数据标准化率', name_en: 'Standardisation rate', unit: 'rate',
    target: { op: '>=', value: 0.95 }, direction: 'up',
    formula: { type: 'sum_ratio', population: everyone(), numerator: 'values_standard', denominator: 'values_total' },
  },
  {
    id: 'duplicate_rate', name_zh: '数据重复率', name_en: 'Duplicate rate', unit: 'rate',
    target: { op: 'none', value: null }, direction: 'down', baseline: 0.35,
    formula: { type: 'sum_ratio', population: everyone(), numerator: 'records_beyond_first', denominator: 'records' },
  },
  {
    id: 'inconsistency_rate', name_zh: '信息不一致比例', name_en: 'Inconsistency rate', unit: 'rate',
    target: { op: 'none', value: null }, direction: 'down', baseline: 0.28,
    formula: { type: 'ratio', numerator: everyone({ flag: 'open_conflict' }), denominator: everyone({ min_sources: 2 }) },
  },
  {
    id: 'registration_cycle_days', name_zh: '登记周期', name_en: 'Registration cycle', unit: 'days',
    target: { op: '<=', value: 7 }, direction: 'down',
    formula: {
      type: 'median_working_days', population: floating(),
      end: { kind: 'residence_registration', fact: 'registered_at' },
      start: [{ fact: 'residence_since' }, { first_evidence: true }],
    },
  },
  {
    id: 'archive_coverage', name_zh: '电子档案覆盖率', name_en: 'Electronic archive coverage', unit: 'rate',
    target: { op: '>=', value: 1 }, direction: 'up',
    formula: { type: 'ratio', numerator: floating({ flag: 'has_golden' }, { flag: 'has_service_code' }), denominator: floating() },
  },
  {
    id: 'public_school_rate', name_zh: '随迁子女公办学校就读率', name_en: 'Migrant children in public schools', unit: 'rate',
    target: { op: '>=', value: 0.9 }, direction: 'up',
    formula: {
      type: 'ratio',
      numerator: floating(child, { has_kind: 'education' }, { fact: 'school_type', equals: '公办' }),
      denominator: floating(child, { has_kind: 'education' }),
    },
  },
  {
    id: 'contract_rate', name_zh: '劳动合同签订率', name_en: 'Labour contract rate', unit: 'rate',
    target: { op: '>=', value: 0.8 }, direction: 'up',
    formula: { type: 'ratio', numerator: floating(worker, { has_kind: 'labor_contract' }), denominator: floating(worker) },
  },
  {
    id: 'work_injury_rate', name_zh: '工伤保险参保率', name_en: 'Work-injury insurance rate', unit: 'rate',
    target: { op: '>=', value: 0.85 }, direction: 'up',
    formula: { type: 'ratio', numerator: floating(worker, { fact: 'work_injury_insured', equals: '是' }), denominator: floating(worker) },
  },
  {
    id: 'remote_medical_rate', name_zh: '异地就医备案率', name_en: 'Remote medical care filing rate', unit: 'rate',
    target: { op: '>=', value: 0.85 }, direction: 'up',
    formula: {
      type: 'ratio',
      numerator: floating(adult, withoutLocalMedical, { has_kind: 'medical_insurance' }),
      denominator: floating(adult, withoutLocalMedical),
    },
  },
  {
    id: 'affordable_housing_rate', name_zh: '保障性住房覆盖率', name_en: 'Affordable housing coverage', unit: 'rate',
    target: { op: '>=', value: 0.25 }, direction: 'up',
    formula: {
      type: 'ratio',
      numerator: floating({ has_kind: 'housing' }, { fact: 'housing_type', equals: '保障性住房' }),
      denominator: floating({ has_kind: 'housing' }),
    },
  },
  {
    id: 'family_doctor_rate', name_zh: '家庭医生签约率', name_en: 'Family doctor contracts', unit: 'rate',
    target: { op: 'none', value: null }, direction: 'up',
    formula: {
      type: 'ratio',
      numerator: floating({ has_kind: 'health' }, { fact: 'family_doctor_signed', equals: '是' }),
      denominator: floating({ has_kind: 'health' }),
    },
  },
  {
    id: 'data_freshness_days', name_zh: '数据更新周期', name_en: 'Data freshness', unit: 'days',
    target: { op: '<=', value: 1 }, direction: 'down',
    formula: { type: 'max_source_age_days' },
  },
];
