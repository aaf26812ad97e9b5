// 民政 婚姻登记: marriage registrations, both spouses on one row (subject + spouse roles).
// Dates written 2019年5月20日.

import type { SourceDef } from '../source.js';

export const civilMarriage: SourceDef = {
  source: 'civil_marriage',
  kind: 'civil_affairs',
  department: '市民政局',
  format: 'csv',
  encoding: 'utf-8',
  eol: '\n',
  columns: ['登记证号', '申请人姓名', '申请人证件号', '申请人出生日期', '配偶姓名', '配偶证件号', '配偶出生日期', '婚姻状况', '登记日期'],
  mapping: {
    record_id: '登记证号',
    observed_at: '登记日期',
    roles: {
      subject: { name: '申请人姓名', id_number: '申请人证件号', birth_date: '申请人出生日期' },
      spouse: { name: '配偶姓名', id_number: '配偶证件号', birth_date: '配偶出生日期' },
    },
    relations: [{ type: 'spouse_of', from: 'spouse', to: 'subject' }],
    facts: { marital_status: '婚姻状况' },
  },
  evidence: 'living',
  noise: { idTypo: 0.002, idSwap: 0.001, idLegacy15: 0.02, nameHomophone: 0.002, birthMissing: 0, duplicate: 0.003 },
  recordId: (n) => `J${String(n).padStart(11, '0')}`,
  emit(ctx) {
    for (const person of ctx.household.members) {
      const marriage = ctx.plans.get(person)?.marriage;
      if (!marriage) continue;
      ctx.emit((recordId) => {
        const a = ctx.present();
        const b = ctx.present();
        const aId = a.id(person);
        const bId = b.id(marriage.spouse);
        return {
          row: {
            登记证号: recordId, 申请人姓名: a.name(person), 申请人证件号: aId, 申请人出生日期: a.birth(person, 'chinese'),
            配偶姓名: b.name(marriage.spouse), 配偶证件号: bId, 配偶出生日期: b.birth(marriage.spouse, 'chinese'),
            婚姻状况: '已婚', 登记日期: a.date(marriage.at, 'chinese'),
          },
          links: [
            { role: 'subject', person, present: a },
            { role: 'spouse', person: marriage.spouse, present: b },
          ],
        };
      });
    }
  },
};
