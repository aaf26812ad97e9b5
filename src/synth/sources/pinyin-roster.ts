// 流动人口服务站 花名册: a roster of foreign residents and minority migrants kept by a service
// station, names spelled in latin letters and split into 姓（拼音）/ 名（拼音）, the way travel
// documents write them; passports for foreigners. Dates as YYYYMMDD, sex as M/F.

import type { SourceDef } from '../source.js';

export const pinyinRoster: SourceDef = {
  source: 'service_station_roster',
  kind: 'grid_collection',
  department: '市流动人口服务站',
  format: 'csv',
  encoding: 'utf-8',
  eol: '\n',
  columns: ['序号', '姓（拼音）', '名（拼音）', '证件类型', '证件号码', '性别', '出生日期', '民族或国籍', '联系电话', '居住地址', '登记日期'],
  mapping: {
    record_id: '序号',
    observed_at: '登记日期',
    roles: {
      subject: {
        surname: '姓（拼音）', given_name: '名（拼音）', id_type: '证件类型', id_number: '证件号码', sex: '性别',
        birth_date: '出生日期', phone: '联系电话', residence_address: '居住地址',
      },
    },
    relations: [],
    facts: { collected_at: '登记日期', nationality_or_ethnicity: '民族或国籍' },
  },
  evidence: 'living',
  noise: { idTypo: 0.005, idSwap: 0.003, duplicate: 0.01 },
  recordId: (n) => String(n),
  emit(ctx) {
    for (const person of ctx.household.members) {
      const roster = ctx.plans.get(person)?.roster;
      if (!roster) continue;
      ctx.emit((recordId) => {
        const p = ctx.present();
        const id = p.id(person);
        const [surname, given] = p.nameParts(person);
        return {
          row: {
            序号: recordId, '姓（拼音）': surname, '名（拼音）': given, 证件类型: person.idType === 'passport' ? '护照' : '居民身份证',
            证件号码: id, 性别: p.sex(person, 'letter'), 出生日期: p.birth(person, 'compact'),
            民族或国籍: person.nationality ?? person.ethnicity, 联系电话: p.phone(person, roster.at),
            居住地址: p.home(ctx.household.home, ['no_province', 'county']), 登记日期: p.date(roster.at, 'compact'),
          },
          links: [{ role: 'subject', person, present: p }],
        };
      });
    }
  },
};
