// Data classification and grading (数据分类分级, GB/T 35273 and the plan's 分级分类): every field a
// person leaves the server with has a level, and per role a treatment — shown, masked (revealable
// for a stated purpose) or withheld. docs/SECURITY.md carries this table (a test keeps them equal).
// A role the table does not name for a field gets `withhold`: deny unless allowed.

import type { Role } from './roles.js';

export type Level = 'L1' | 'L2' | 'L3' | 'L4';
export type Treatment = 'show' | 'mask' | 'withhold';

export const classifiedFields = [
  'person_id', 'name', 'sex', 'birth_date', 'ethnicity', 'id_number', 'id_type', 'phone', 'hukou_region', 'hukou_detail',
  'residence_region', 'residence_detail', 'employer', 'employer_credit_code', 'social_security_no', 'facts', 'sensitive_facts',
] as const;
export type ClassifiedField = (typeof classifiedFields)[number];

interface FieldClass {
  level: Level;
  zh: string;
  en: string;
  treatment: Partial<Record<Role, Treatment>>;
}

const staff = (t: Treatment, overrides: Partial<Record<Role, Treatment>> = {}): Partial<Record<Role, Treatment>> => ({
  admin: t, officer: t, grid_worker: t, clerk: t, ...overrides,
});

export const classification: Record<ClassifiedField, FieldClass> = {
  person_id: { level: 'L1', zh: '人员编号', en: 'person id', treatment: staff('show') },
  name: { level: 'L2', zh: '姓名', en: 'name', treatment: staff('show') },
  sex: { level: 'L2', zh: '性别', en: 'sex', treatment: staff('show') },
  // Masked to its year: month and day are the id number's hidden digits (access/mask.ts).
  birth_date: { level: 'L2', zh: '出生日期', en: 'birth date', treatment: staff('mask') },
  ethnicity: { level: 'L3', zh: '民族', en: 'ethnicity', treatment: staff('mask') },
  id_number: { level: 'L3', zh: '公民身份号码', en: 'id number', treatment: staff('mask') },
  id_type: { level: 'L2', zh: '证件类型', en: 'id type', treatment: staff('show') },
  phone: { level: 'L3', zh: '联系电话', en: 'phone', treatment: staff('mask') },
  hukou_region: { level: 'L2', zh: '户籍地（区划）', en: 'hukou region', treatment: staff('show') },
  hukou_detail: { level: 'L3', zh: '户籍地址详情', en: 'hukou address detail', treatment: staff('mask') },
  residence_region: { level: 'L2', zh: '现居住地（区划）', en: 'residence region', treatment: staff('show') },
  // Grid workers visit doors: the street address is their work.
  residence_detail: { level: 'L3', zh: '现居住地址详情', en: 'residence address detail', treatment: staff('mask', { grid_worker: 'show' }) },
  employer: { level: 'L2', zh: '工作单位', en: 'employer', treatment: staff('show') },
  employer_credit_code: { level: 'L1', zh: '统一社会信用代码', en: 'employer credit code', treatment: staff('show') },
  social_security_no: { level: 'L3', zh: '社会保障号码', en: 'social security number', treatment: staff('mask') },
  facts: { level: 'L2', zh: '业务信息（参保、合同、学籍、住房等）', en: 'service facts (insurance, contract, school, housing...)', treatment: staff('show', { grid_worker: 'withhold' }) },
  // Health, medical filings and legal aid: only the department that holds them.
  sensitive_facts: { level: 'L4', zh: '敏感业务信息（健康、医保、法律援助）', en: 'sensitive facts (health, medical, legal aid)', treatment: { officer: 'show' } },
};

/** Source kinds whose facts are L4 (PIPL art. 28: health, and matters of legal proceedings). */
export const sensitiveKinds: ReadonlySet<string> = new Set(['health', 'medical_insurance', 'legal_aid']);

/** Below this age a person's L3 fields are handled as L4: minors' data (PIPL art. 28, 31). */
export const minorAge = 14;

/**
 * How `role` receives `field`. For a minor, masked fields are withheld from roles outside the
 * departments (grid workers, clerks): they may still be revealed by an officer or an administrator.
 */
export function treatmentOf(field: ClassifiedField, role: Role, minor = false): Treatment {
  const entry = classification[field];
  const base = entry.treatment[role] ?? 'withhold';
  if (minor && entry.level === 'L3' && base !== 'withhold' && (role === 'grid_worker' || role === 'clerk')) return 'withhold';
  return base;
}

/** The table of docs/SECURITY.md, rendered from the one above. */
export function classificationMarkdown(): string {
  const shown: Role[] = ['admin', 'officer', 'grid_worker', 'clerk', 'analyst', 'auditor', 'resident'];
  const word: Record<Treatment, string> = { show: 'shown 显示', mask: 'masked 脱敏', withhold: '— 不提供' };
  const lines = [
    `| field 字段 | level 级别 | ${shown.join(' | ')} |`,
    `|---|---|${shown.map(() => '---').join('|')}|`,
    ...classifiedFields.map((f) => {
      const c = classification[f];
      return `| \`${f}\` ${c.zh} | ${c.level} | ${shown.map((r) => word[treatmentOf(f, r)]).join(' | ')} |`;
    }),
  ];
  return lines.join('\n');
}
