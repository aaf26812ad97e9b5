// 人社 参保: the social-insurance roll, exported from the HR system as an .xlsx workbook whose
// dates are Excel serial numbers. 个人编号 is the insurance system's own number for the person.

import { cityToday } from '../dates.js';
import type { SourceDef } from '../source.js';

const yesNo = (b: boolean): string => (b ? '是' : '否');

export const hrssInsurance: SourceDef = {
  source: 'hrss_insurance',
  kind: 'social_insurance',
  department: '市人力资源和社会保障局',
  format: 'xlsx',
  encoding: 'utf-8',
  sheet: '参保人员名册',
  columns: ['记录号', '参保人姓名', '证件号码', '性别', '出生日期', '手机号码', '单位名称', '统一社会信用代码', '个人社保编号', '养老保险', '医疗保险', '工伤保险', '参保日期', '累计缴费月数', '数据更新日期'],
  mapping: {
    record_id: '记录号',
    observed_at: '数据更新日期',
    roles: {
      subject: {
        name: '参保人姓名', id_number: '证件号码', sex: '性别', birth_date: '出生日期', phone: '手机号码',
        employer_name: '单位名称', employer_credit_code: '统一社会信用代码', social_security_no: '个人社保编号',
      },
    },
    relations: [],
    facts: { pension_insured: '养老保险', medical_insured: '医疗保险', work_injury_insured: '工伤保险', insured_since: '参保日期', contribution_months: '累计缴费月数' },
  },
  evidence: 'working',
  noise: { idTypo: 0.003, idSwap: 0.002, idFormat: 0, nameHomophone: 0.004, birthMissing: 0, phoneMissing: 0.1, duplicate: 0.005 },
  recordId: (n) => `SB${String(n).padStart(9, '0')}`,
  emit(ctx) {
    for (const person of ctx.household.members) {
      const ins = ctx.plans.get(person)?.insurance;
      const work = person.work;
      if (!ins || !work) continue;
      ctx.emit((recordId) => {
        const updated = Math.min(cityToday, ins.since + ctx.rng.int(cityToday - ins.since + 1));
        const p = ctx.present();
        const id = p.id(person);
        return {
          row: {
            记录号: recordId, 参保人姓名: p.name(person), 证件号码: id, 性别: p.sex(person, 'zh'),
            出生日期: p.birth(person, 'excel'), 手机号码: p.phone(person, updated), 单位名称: work.employer.name,
            统一社会信用代码: work.employer.creditCode, 个人社保编号: socialSecurityNumber(person.key),
            养老保险: yesNo(ins.pension), 医疗保险: yesNo(ins.medical), 工伤保险: yesNo(ins.workInjury),
            参保日期: p.date(ins.since, 'excel'), 累计缴费月数: ins.months, 数据更新日期: p.date(updated, 'excel'),
          },
          links: [{ role: 'subject', person, present: p }],
        };
      });
    }
  },
};

/** The insurance system's own 9-digit number for a person: a bijection of the person's index. */
function socialSecurityNumber(personKey: string): string {
  const n = Number(personKey.slice(1));
  return `44${String((n * 7_654_321 + 1_234_567) % 1_000_000_000).padStart(9, '0')}`;
}
