// 卫健 居民健康档案: health records kept by community clinics, exported as JSON Lines with dates
// written 2023年5月6日. A child's row sometimes carries a parent's id (typed from the parent's
// card at the desk) and the parent's phone.

import type { SourceDef } from '../source.js';

export const healthRecords: SourceDef = {
  source: 'health_records',
  kind: 'health',
  department: '市卫生健康委员会',
  format: 'jsonl',
  encoding: 'utf-8',
  columns: ['档案编号', '居民姓名', '身份证件号码', '性别', '出生日期', '民族', '联系电话', '现住址', '家庭医生签约', '签约机构', '建档日期'],
  mapping: {
    record_id: '档案编号',
    observed_at: '建档日期',
    roles: {
      subject: {
        name: '居民姓名', id_number: '身份证件号码', sex: '性别', birth_date: '出生日期', ethnicity: '民族',
        phone: '联系电话', residence_address: '现住址',
      },
    },
    relations: [],
    facts: { family_doctor_signed: '家庭医生签约', clinic: '签约机构' },
  },
  evidence: 'living',
  noise: { idTypo: 0.006, idSwap: 0.003, parentId: 0.03, nameHomophone: 0.008, nameTraditional: 0.003, birthWrong: 0.003, duplicate: 0.015 },
  recordId: (n) => `JK${String(n).padStart(12, '0')}`,
  emit(ctx) {
    for (const person of ctx.household.members) {
      const health = ctx.plans.get(person)?.health;
      if (!health) continue;
      ctx.emit((recordId) => {
        const p = ctx.present();
        const id = p.id(person);
        return {
          row: {
            档案编号: recordId, 居民姓名: p.name(person), 身份证件号码: id, 性别: p.sex(person, 'zh'),
            出生日期: p.birth(person, 'chinese'), 民族: person.ethnicity, 联系电话: p.phone(person, health.createdAt),
            现住址: p.home(ctx.household.home, ['no_province', 'county', 'short_city']),
            家庭医生签约: health.familyDoctor ? '是' : '否', 签约机构: health.familyDoctor ? health.clinic : '',
            建档日期: p.date(health.createdAt, 'chinese'),
          },
          links: [{ role: 'subject', person, present: p }],
        };
      });
    }
  },
};
