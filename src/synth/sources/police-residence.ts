// 公安 居住登记: the police register of floating residents. Read from id cards at the counter, so
// few id errors; gb18030 with CRLF like the old desktop systems; dates as YYYY/M/D. Some people
// registered twice (a new registration after a move within the city).

import { cityToday, formatDay } from '../dates.js';
import type { SourceDef } from '../source.js';

export const policeResidence: SourceDef = {
  source: 'police_residence',
  kind: 'residence_registration',
  department: '市公安局',
  format: 'csv',
  encoding: 'gb18030',
  eol: '\r\n',
  columns: ['登记编号', '姓名', '性别', '公民身份号码', '出生日期', '民族', '联系电话', '户籍地址', '现住址', '居住事由', '居住起始日期', '登记日期'],
  mapping: {
    record_id: '登记编号',
    observed_at: '登记日期',
    roles: {
      subject: {
        name: '姓名', sex: '性别', id_number: '公民身份号码', birth_date: '出生日期', ethnicity: '民族',
        phone: '联系电话', hukou_address: '户籍地址', residence_address: '现住址',
      },
    },
    relations: [],
    facts: { registered_at: '登记日期', residence_since: '居住起始日期', residence_reason: '居住事由' },
  },
  evidence: null,
  noise: { idTypo: 0.002, idSwap: 0.001, idFormat: 0.002, nameHomophone: 0.002, nameLookalike: 0.001, birthMissing: 0, phoneMissing: 0.02, duplicate: 0.03 },
  recordId: (n) => `DJ${String(n).padStart(10, '0')}`,
  emit(ctx) {
    for (const person of ctx.household.members) {
      const reg = ctx.plans.get(person)?.registration;
      if (!reg) continue;
      ctx.emit((recordId, copy) => {
        const at = copy === 0 ? reg.at : Math.min(cityToday, reg.at + ctx.rng.between(30, 700));
        const p = ctx.present();
        const id = p.id(person);
        return {
          row: {
            登记编号: recordId, 姓名: p.name(person), 性别: p.sex(person, 'zh'), 公民身份号码: id,
            出生日期: p.birth(person, 'slash'), 民族: person.ethnicity, 联系电话: p.phone(person, at),
            户籍地址: p.hukou(person, ['full', 'full', 'no_province']), 现住址: p.home(ctx.household.home, ['full', 'no_province']),
            居住事由: reg.reason, 居住起始日期: formatDay(reg.since, 'slash'), 登记日期: formatDay(at, 'slash'),
          },
          links: [{ role: 'subject', person, present: p }],
        };
      });
    }
  },
};
