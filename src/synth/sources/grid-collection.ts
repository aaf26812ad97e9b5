// 网格员采集: door-to-door collection by grid workers on handheld forms — the noisiest source:
// every date style mixed, 15-digit ids of older residents, homophones, pinyin-only names,
// remarks with commas and line breaks. gb18030 with CRLF.

import { type DateStyle, formatDateTime } from '../dates.js';
import type { SourceDef } from '../source.js';

const birthStyles: readonly DateStyle[] = ['iso', 'slash', 'compact', 'chinese', 'dotted'];
const remarks = ['', '', '', '', '已核实', '住户不在家,电话核实', '租户,房东代报', '已核实\n需回访'];

export const gridCollection: SourceDef = {
  source: 'grid_collection',
  kind: 'grid_collection',
  department: '市网格化服务管理中心',
  format: 'csv',
  encoding: 'gb18030',
  eol: '\r\n',
  columns: ['采集编号', '网格编号', '姓名', '性别', '民族', '身份证号', '出生日期', '手机号', '户籍地', '居住地址', '工作单位', '采集时间', '备注'],
  mapping: {
    record_id: '采集编号',
    observed_at: '采集时间',
    roles: {
      subject: {
        name: '姓名', sex: '性别', ethnicity: '民族', id_number: '身份证号', birth_date: '出生日期', phone: '手机号',
        hukou_address: '户籍地', residence_address: '居住地址', employer_name: '工作单位',
      },
    },
    relations: [],
    facts: { collected_at: '采集时间', grid_id: '网格编号' },
  },
  evidence: 'living',
  noise: {
    idTypo: 0.02, idSwap: 0.01, idLegacy15: 0.05, idFormat: 0.03, idMissing: 0.02, parentId: 0.03,
    nameHomophone: 0.03, nameLookalike: 0.008, nameTraditional: 0.006, namePinyin: 0.005, nameFormat: 0.03,
    birthWrong: 0.006, birthMissing: 0.05, sexWrong: 0.003, phoneFormat: 0.15, phoneMissing: 0.1, addressMissing: 0.05, duplicate: 0.04,
  },
  recordId: (n) => `WG${String(n).padStart(10, '0')}`,
  emit(ctx) {
    const home = ctx.household.home;
    const grid = `${home.county}${String((Number(home.room) % 7) + 1).padStart(3, '0')}`;
    for (const person of ctx.household.members) {
      const seen = ctx.plans.get(person)?.grid;
      if (!seen) continue;
      ctx.emit((recordId, copy) => {
        const rng = ctx.rng;
        const at = seen.at - copy * rng.int(400);
        const p = ctx.present();
        const id = p.id(person);
        const ethnicity = person.ethnicity === '汉族' && rng.chance(0.2) ? '汉' : person.ethnicity;
        return {
          row: {
            采集编号: recordId, 网格编号: grid, 姓名: p.name(person), 性别: p.sex(person, 'zh'), 民族: ethnicity,
            身份证号: id, 出生日期: p.birth(person, rng.pick(birthStyles)), 手机号: p.phone(person, at),
            户籍地: p.hukou(person, ['full', 'no_province', 'county']),
            居住地址: p.home(home, ['full', 'no_province', 'short_city', 'county', 'no_street']),
            工作单位: person.work && rng.chance(0.6) ? person.work.employer.name : '',
            采集时间: formatDateTime(at, rng.between(8 * 3600, 19 * 3600)), 备注: rng.pick(remarks),
          },
          links: [{ role: 'subject', person, present: p }],
        };
      });
    }
  },
};
