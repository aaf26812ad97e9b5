// 住建 租赁备案: lease filings. The address is kept split over six columns (区/街道/道路门牌/
// 小区/楼栋/房号), which the mapping joins with the array form. Dates written 2024.3.5.

import type { SourceDef } from '../source.js';
import { splitHome } from '../addresses.js';

export const housingLease: SourceDef = {
  source: 'housing_lease',
  kind: 'housing',
  department: '市住房和建设局',
  format: 'csv',
  encoding: 'utf-8',
  eol: '\n',
  columns: ['备案号', '承租人姓名', '证件类型', '证件号码', '联系电话', '所在区', '所在街道', '道路门牌', '小区名称', '楼栋', '房号', '住房类型', '租赁起始日期', '租赁终止日期', '备案日期'],
  mapping: {
    record_id: '备案号',
    observed_at: '备案日期',
    roles: {
      tenant: {
        name: '承租人姓名', id_type: '证件类型', id_number: '证件号码', phone: '联系电话',
        residence_address: ['所在区', '所在街道', '道路门牌', '小区名称', '楼栋', '房号'],
      },
    },
    relations: [],
    facts: { lease_start: '租赁起始日期', lease_end: '租赁终止日期', housing_type: '住房类型' },
  },
  evidence: 'living',
  noise: { idTypo: 0.004, idSwap: 0.002, nameHomophone: 0.005, duplicate: 0.02 },
  recordId: (n) => `ZL${String(n).padStart(9, '0')}`,
  emit(ctx) {
    for (const person of ctx.household.members) {
      const housing = ctx.plans.get(person)?.housing;
      if (!housing) continue;
      ctx.emit((recordId, copy) => {
        const p = ctx.present();
        const id = p.id(person);
        const [county, street, road, place, building, room] = splitHome(ctx.household.home);
        // A renewal is filed as a new lease a year earlier or later.
        const start = housing.start - copy * 365;
        const owned = housing.type === '自有';
        return {
          row: {
            备案号: recordId, 承租人姓名: p.name(person), 证件类型: person.idType === 'passport' ? '护照' : '居民身份证', 证件号码: id,
            联系电话: p.phone(person, start), 所在区: county, 所在街道: ctx.rng.chance(0.9) ? street : '', 道路门牌: road,
            小区名称: place, 楼栋: building, 房号: room, 住房类型: housing.type,
            租赁起始日期: owned ? '' : p.date(start, 'dotted'), 租赁终止日期: owned ? '' : p.date(start + 365, 'dotted'),
            备案日期: p.date(start, 'dotted'),
          },
          links: [{ role: 'tenant', person, present: p }],
        };
      });
    }
  },
};
