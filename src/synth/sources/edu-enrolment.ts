// 教育 学籍: school enrolment of children with their guardian on the same row (two roles and a
// guardian_of relation). Excel-made CSV: UTF-8 with BOM, CRLF, ISO dates.

import type { SourceDef } from '../source.js';

export const eduEnrolment: SourceDef = {
  source: 'edu_enrolment',
  kind: 'education',
  department: '市教育局',
  format: 'csv',
  encoding: 'utf-8',
  bom: true,
  eol: '\r\n',
  columns: ['学籍号', '学生姓名', '学生身份证号', '性别', '出生日期', '学校名称', '办学性质', '年级', '家庭住址', '监护人姓名', '监护人身份证号', '与学生关系', '监护人联系电话', '入学日期'],
  mapping: {
    record_id: '学籍号',
    observed_at: '入学日期',
    roles: {
      subject: { name: '学生姓名', id_number: '学生身份证号', sex: '性别', birth_date: '出生日期', residence_address: '家庭住址' },
      guardian: { name: '监护人姓名', id_number: '监护人身份证号', phone: '监护人联系电话' },
    },
    relations: [{ type: 'guardian_of', from: 'guardian', to: 'subject' }],
    facts: { school: '学校名称', school_type: '办学性质', grade: '年级' },
  },
  evidence: 'studying',
  noise: { idTypo: 0.005, idSwap: 0.003, parentId: 0.015, nameHomophone: 0.006, birthMissing: 0.002, duplicate: 0.008 },
  recordId: (n) => `G${String(n).padStart(10, '0')}`,
  emit(ctx) {
    for (const child of ctx.household.members) {
      const school = ctx.plans.get(child)?.school;
      if (!school) continue;
      const guardian = child.guardian;
      ctx.emit((recordId) => {
        const s = ctx.present();
        const g = ctx.present();
        const childId = s.id(child);
        const links = [{ role: 'subject', person: child, present: s }];
        const row = {
          学籍号: recordId, 学生姓名: s.name(child), 学生身份证号: childId, 性别: s.sex(child, 'zh'),
          出生日期: s.birth(child, 'iso'), 学校名称: school.name, 办学性质: school.type, 年级: school.grade,
          家庭住址: s.home(ctx.household.home, ['no_province', 'county']),
          监护人姓名: '', 监护人身份证号: '', 与学生关系: '', 监护人联系电话: '', 入学日期: s.date(school.since, 'iso'),
        };
        if (guardian) {
          row.监护人身份证号 = g.id(guardian);
          row.监护人姓名 = g.name(guardian);
          row.与学生关系 = guardian.sex === 'F' ? '母亲' : '父亲';
          row.监护人联系电话 = g.phone(guardian, school.since);
          links.push({ role: 'guardian', person: guardian, present: g });
        }
        return { row, links };
      });
    }
  },
};
