// 人社 劳动合同备案: labour contracts filed by employers. Typed by company clerks, so more typos;
// sex as the GB/T 2261.1 code (1/2), dates as YYYYMMDD, plain UTF-8 CSV.

import { cityToday } from '../dates.js';
import type { SourceDef } from '../source.js';

export const hrssContract: SourceDef = {
  source: 'hrss_contract',
  kind: 'labor_contract',
  department: '市人力资源和社会保障局',
  format: 'csv',
  encoding: 'utf-8',
  eol: '\n',
  columns: ['备案编号', '劳动者姓名', '身份证号码', '性别代码', '联系方式', '用人单位名称', '用人单位统一社会信用代码', '合同开始日期', '合同终止日期', '行业类别', '月工资(元)', '备案日期'],
  mapping: {
    record_id: '备案编号',
    observed_at: '备案日期',
    roles: {
      subject: {
        name: '劳动者姓名', id_number: '身份证号码', sex: '性别代码', phone: '联系方式',
        employer_name: '用人单位名称', employer_credit_code: '用人单位统一社会信用代码',
      },
    },
    relations: [],
    facts: { contract_start: '合同开始日期', contract_end: '合同终止日期', industry: '行业类别', monthly_wage: '月工资(元)' },
  },
  evidence: 'working',
  noise: { idTypo: 0.008, idSwap: 0.004, nameHomophone: 0.008, nameLookalike: 0.003, phoneFormat: 0.12, duplicate: 0.01 },
  recordId: (n) => `HT${String(n).padStart(9, '0')}`,
  emit(ctx) {
    for (const person of ctx.household.members) {
      const contract = ctx.plans.get(person)?.contract;
      const work = person.work;
      if (!contract || !work) continue;
      ctx.emit((recordId) => {
        const p = ctx.present();
        const id = p.id(person);
        const filed = Math.min(cityToday, contract.start + ctx.rng.int(20));
        return {
          row: {
            备案编号: recordId, 劳动者姓名: p.name(person), 身份证号码: id, 性别代码: p.sex(person, 'code'),
            联系方式: p.phone(person, filed), 用人单位名称: work.employer.name, 用人单位统一社会信用代码: work.employer.creditCode,
            合同开始日期: p.date(contract.start, 'compact'), 合同终止日期: p.date(contract.end, 'compact'),
            行业类别: work.employer.industry, '月工资(元)': work.monthlyWage, 备案日期: p.date(filed, 'compact'),
          },
          links: [{ role: 'subject', person, present: p }],
        };
      });
    }
  },
};
