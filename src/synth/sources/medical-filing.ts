// 医保 异地就医备案: people insured back home who filed to be treated here. Addresses written
// the short way (深圳南山区...), ISO dates.

import type { SourceDef } from '../source.js';

export const medicalFiling: SourceDef = {
  source: 'medical_filing',
  kind: 'medical_insurance',
  department: '市医疗保障局',
  format: 'csv',
  encoding: 'utf-8',
  eol: '\n',
  columns: ['备案流水号', '参保人姓名', '公民身份号码', '性别', '参保地', '联系电话', '现居住地址', '备案类型', '备案日期'],
  mapping: {
    record_id: '备案流水号',
    observed_at: '备案日期',
    roles: {
      subject: { name: '参保人姓名', id_number: '公民身份号码', sex: '性别', phone: '联系电话', residence_address: '现居住地址' },
    },
    relations: [],
    facts: { insured_place: '参保地', filed_at: '备案日期' },
  },
  evidence: 'living',
  noise: { idTypo: 0.004, idSwap: 0.002, nameHomophone: 0.005, nameTraditional: 0.004, duplicate: 0.01 },
  recordId: (n) => `YB${String(n).padStart(12, '0')}`,
  emit(ctx) {
    for (const person of ctx.household.members) {
      const filing = ctx.plans.get(person)?.medicalFiling;
      if (!filing) continue;
      ctx.emit((recordId) => {
        const p = ctx.present();
        const id = p.id(person);
        return {
          row: {
            备案流水号: recordId, 参保人姓名: p.name(person), 公民身份号码: id, 性别: p.sex(person, 'zh'),
            参保地: filing.place, 联系电话: p.phone(person, filing.filedAt),
            现居住地址: p.home(ctx.household.home, ['short_city', 'short_city', 'no_province']),
            备案类型: person.work ? '常驻异地工作人员' : '异地长期居住人员', 备案日期: p.date(filing.filedAt, 'iso'),
          },
          links: [{ role: 'subject', person, present: p }],
        };
      });
    }
  },
};
