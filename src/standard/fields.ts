// The data standard's person fields, source kinds and standard facts (spec/data-standard.md §1).
// One list, used by mapping validation, normalisation, storage and the console.

export const personFields = [
  'name',
  'surname',
  'given_name',
  'id_number',
  'id_type',
  'sex',
  'birth_date',
  'ethnicity',
  'phone',
  'hukou_address',
  'residence_address',
  'employer_name',
  'employer_credit_code',
  'social_security_no',
] as const;

export type PersonField = (typeof personFields)[number];

export const idTypes = ['resident_id', 'hk_mo_tw_permit', 'foreign_permanent', 'passport'] as const;
export type IdType = (typeof idTypes)[number];

/** Source kinds and the standard facts each usually carries (a mapping may add others). */
export const sourceKinds = {
  residence_registration: ['registered_at', 'residence_since', 'residence_reason'],
  social_insurance: ['pension_insured', 'medical_insured', 'work_injury_insured', 'insured_since', 'contribution_months'],
  labor_contract: ['contract_start', 'contract_end', 'industry', 'monthly_wage'],
  health: ['family_doctor_signed', 'clinic'],
  education: ['school', 'school_type', 'grade'],
  housing: ['lease_start', 'lease_end', 'housing_type'],
  medical_insurance: ['insured_place', 'filed_at'],
  civil_affairs: ['marital_status'],
  market: ['business_name'],
  grid_collection: ['collected_at', 'grid_id'],
  legal_aid: ['case_type', 'opened_at'],
  access_control: ['device_id', 'event_at'],
} as const satisfies Record<string, readonly string[]>;

export type SourceKind = keyof typeof sourceKinds;

export function isSourceKind(kind: string): kind is SourceKind {
  return Object.hasOwn(sourceKinds, kind);
}

export function isPersonField(field: string): field is PersonField {
  return (personFields as readonly string[]).includes(field);
}

/** Facts whose values are dates: normalised to ISO like `birth_date`. */
export const dateFacts: ReadonlySet<string> = new Set([
  'registered_at',
  'residence_since',
  'insured_since',
  'contract_start',
  'contract_end',
  'lease_start',
  'lease_end',
  'filed_at',
  'collected_at',
  'opened_at',
  'event_at',
]);

/** Facts whose values are 是/否. */
export const yesNoFacts: ReadonlySet<string> = new Set([
  'pension_insured',
  'medical_insured',
  'work_injury_insured',
  'family_doctor_signed',
]);

/** The longest value accepted per field, in characters; a longer one quarantines its row. */
export const fieldMaxLength: Readonly<Record<PersonField, number>> = {
  name: 100,
  surname: 50,
  given_name: 80,
  id_number: 40,
  id_type: 40,
  sex: 20,
  birth_date: 40,
  ethnicity: 40,
  phone: 40,
  hukou_address: 300,
  residence_address: 300,
  employer_name: 200,
  employer_credit_code: 40,
  social_security_no: 40,
};

export const factMaxLength = 1000;
