// 市场监管 个体工商户: registered individual businesses and their operators. The business's own
// credit code (92...) is the operator's employer code. Dates as YYYYMMDD.

import type { SourceDef } from '../source.js';

export const marketBusiness: SourceDef = {
  source: 'market_business',
  kind: 'market',
  department: '市市场监督管理局',
  format: 'csv',
  encoding: 'utf-8',
  eol: '\n',
  columns: ['注册号', '字号名称', '统一社会信用代码', '经营者姓名', '经营者身份证号', '联系电话', '行业', '成立日期'],
  mapping: {
    record_id: '注册号',
    observed_at: '成立日期',
    roles: {
      subject: { name: '经营者姓名', id_number: '经营者身份证号', phone: '联系电话', employer_name: '字号名称', employer_credit_code: '统一社会信用代码' },
    },
    relations: [],
    facts: { business_name: '字号名称' },
  },
  evidence: 'working',
  noise: { idTypo: 0.004, idSwap: 0.002, nameHomophone: 0.004, duplicate: 0.01 },
  recordId: (n) => `GT${String(n).padStart(9, '0')}`,
  emit(ctx) {
    for (const person of ctx.household.members) {
      const work = person.work;
      if (!ctx.plans.get(person)?.business || !work) continue;
      ctx.emit((recordId) => {
        const p = ctx.present();
        const id = p.id(person);
        return {
          row: {
            注册号: recordId, 字号名称: work.employer.name, 统一社会信用代码: work.employer.creditCode,
            经营者姓名: p.name(person), 经营者身份证号: id, 联系电话: p.phone(person, work.since),
            行业: work.employer.industry, 成立日期: p.date(work.since, 'compact'),
          },
          links: [{ role: 'subject', person, present: p }],
        };
      });
    }
  },
};
