// 司法 法律援助: legal-aid cases, mostly labour disputes of migrant workers. JSON Lines,
// dates as YYYY/M/D; the clerk sometimes copies an old 15-digit id from earlier papers.

import type { SourceDef } from '../source.js';

export const legalAid: SourceDef = {
  source: 'legal_aid',
  kind: 'legal_aid',
  department: '市司法局',
  format: 'jsonl',
  encoding: 'utf-8',
  columns: ['案件编号', '受援人姓名', '受援人身份证号', '性别', '出生日期', '联系电话', '户籍所在地', '经常居住地', '工作单位', '案件类型', '立案日期'],
  mapping: {
    record_id: '案件编号',
    observed_at: '立案日期',
    roles: {
      subject: {
        name: '受援人姓名', id_number: '受援人身份证号', sex: '性别', birth_date: '出生日期', phone: '联系电话',
        hukou_address: '户籍所在地', residence_address: '经常居住地', employer_name: '工作单位',
      },
    },
    relations: [],
    facts: { case_type: '案件类型', opened_at: '立案日期' },
  },
  evidence: 'living',
  noise: { idTypo: 0.008, idSwap: 0.004, idLegacy15: 0.05, nameHomophone: 0.008, duplicate: 0.01 },
  recordId: (n) => `FY${String(n).padStart(8, '0')}`,
  emit(ctx) {
    for (const person of ctx.household.members) {
      const aid = ctx.plans.get(person)?.legalAid;
      if (!aid) continue;
      ctx.emit((recordId) => {
        const p = ctx.present();
        const id = p.id(person);
        return {
          row: {
            案件编号: recordId, 受援人姓名: p.name(person), 受援人身份证号: id, 性别: p.sex(person, 'zh'),
            出生日期: p.birth(person, 'slash'), 联系电话: p.phone(person, aid.openedAt),
            户籍所在地: p.hukou(person, ['full', 'no_province']), 经常居住地: p.home(ctx.household.home, ['full', 'short_city']),
            工作单位: person.work?.employer.name ?? '', 案件类型: aid.caseType, 立案日期: p.date(aid.openedAt, 'slash'),
          },
          links: [{ role: 'subject', person, present: p }],
        };
      });
    }
  },
};
