// The hand-built city of eight persons and eight sources the indicator tests count by hand
// (indicators.test.ts tells who is who), and its ingest and resolution into a store.

import { computeIdCheckChar } from '../identity/index.js';
import { ingestFiles } from '../ingest/pipeline.js';
import { loadMapping } from '../ingest/load-mapping.js';
import { resolvePending } from '../resolve/resolve.js';
import type { Store } from '../store/types.js';
import type { TempDir } from './files.js';

export function id(region: string, birth: string, seq: string): string {
  const first17 = `${region}${birth.replace(/-/g, '')}${seq}`;
  return first17 + computeIdCheckChar(first17);
}

// The 17th digit's parity is the sex: odd male.
export const P = {
  A: { name: '张伟', id: id('110105', '1990-05-12', '011'), sex: '男', birth: '1990-05-12' },
  B: { name: '李娜', id: id('420102', '1985-03-08', '022'), sex: '女', birth: '1985-03-08' },
  C: { name: '王芳', id: id('420102', '1988-07-20', '042'), sex: '女', birth: '1988-07-20' },
  D: { name: '王小明', id: id('420102', '2015-09-01', '031'), sex: '男', birth: '2015-09-01' },
  E: { name: '赵强', id: id('510104', '2012-02-14', '051'), sex: '男', birth: '2012-02-14' },
  F: { name: '陈静', id: id('440305', '1975-11-30', '062'), sex: '女', birth: '1975-11-30' },
  G: { name: '刘洋', id: id('110105', '1970-01-01', '071'), sex: '男', birth: '1970-01-01' },
  H: { name: '孙磊', id: id('320102', '1992-06-15', '091'), sex: '男', birth: '1992-06-15' },
};
export const nanshan = '广东省深圳市南山区科技园路1号';
export const futian = '广东省深圳市福田区福华路2号';

interface SourceFile {
  mapping: Record<string, unknown>;
  header: string[];
  rows: string[][];
}

const sources: SourceFile[] = [
  {
    mapping: {
      source: 'police', kind: 'residence_registration', record_id: 'no', observed_at: 'reg',
      roles: { subject: { name: 'name', id_number: 'id', sex: 'sex', birth_date: 'birth', residence_address: 'home' } },
      facts: { registered_at: 'reg', residence_since: 'since' },
    },
    header: ['no', 'name', 'id', 'sex', 'birth', 'home', 'reg', 'since'],
    rows: [
      ['R1', P.A.name, P.A.id, P.A.sex, P.A.birth, nanshan, '2025-03-10', '2025-03-03'],
      ['R2', P.C.name, P.C.id, P.C.sex, P.C.birth, nanshan, '2025-02-10', '2025-01-20'],
      ['R3', P.E.name, P.E.id, P.E.sex, P.E.birth, futian, '2025-04-08', ''],
      ['R4', P.H.name, P.H.id, P.H.sex, '1992-06-16', futian, '2025-05-20', '2025-05-06'],
    ],
  },
  {
    mapping: {
      source: 'insurance', kind: 'social_insurance', record_id: 'no', observed_at: 'updated',
      roles: { subject: { name: 'name', id_number: 'id', employer_name: 'employer' } },
      facts: { medical_insured: 'medical', work_injury_insured: 'injury' },
    },
    header: ['no', 'name', 'id', 'employer', 'medical', 'injury', 'updated'],
    rows: [
      ['S1', P.A.name, P.A.id, '深圳市甲科技有限公司', '是', '是', '2025-01-15'],
      ['S2', P.B.name, P.B.id, '深圳市乙物流有限公司', '否', '否', '2025-06-10'],
      ['S3', P.F.name, P.F.id, '深圳市丙商贸有限公司', '是', '是', '2025-02-01'],
    ],
  },
  {
    mapping: {
      source: 'contract', kind: 'labor_contract', record_id: 'no', observed_at: 'filed',
      roles: { subject: { name: 'name', id_number: 'id', employer_name: 'employer' } },
    },
    header: ['no', 'name', 'id', 'employer', 'filed'],
    rows: [['L1', P.A.name, P.A.id, '深圳市甲科技有限公司', '2025-01-20']],
  },
  {
    mapping: {
      source: 'school', kind: 'education', record_id: 'no', observed_at: 'enrolled',
      roles: {
        subject: { name: 'name', id_number: 'id', sex: 'sex', birth_date: 'birth' },
        guardian: { name: 'g_name', id_number: 'g_id' },
      },
      relations: [{ type: 'guardian_of', from: 'guardian', to: 'subject' }],
      facts: { school_type: 'type' },
    },
    header: ['no', 'name', 'id', 'sex', 'birth', 'g_name', 'g_id', 'type', 'enrolled'],
    rows: [
      ['E1', P.D.name, P.D.id, P.D.sex, P.D.birth, P.C.name, P.C.id, '公办', '2025-04-15'],
      ['E2', P.E.name, P.E.id, P.E.sex, P.E.birth, '', '', '民办', '2025-04-15'],
    ],
  },
  {
    mapping: {
      source: 'housing', kind: 'housing', record_id: 'no', observed_at: 'start',
      roles: { subject: { name: 'name', id_number: 'id', birth_date: 'birth', residence_address: 'home' } },
      facts: { housing_type: 'type' },
    },
    header: ['no', 'name', 'id', 'birth', 'home', 'type', 'start'],
    rows: [
      ['H1', P.A.name, P.A.id, P.A.birth, nanshan, '保障性住房', '2025-06-01'],
      ['H2', P.B.name, P.B.id, P.B.birth, futian, '租赁', '2025-06-05'],
      ['H3', P.H.name, P.H.id, P.H.birth, futian, '租赁', '2025-05-25'],
    ],
  },
  {
    mapping: {
      source: 'health', kind: 'health', record_id: 'no', observed_at: 'at',
      roles: { subject: { name: 'name', id_number: 'id' } },
      facts: { family_doctor_signed: 'signed' },
    },
    header: ['no', 'name', 'id', 'signed', 'at'],
    rows: [
      ['J1', P.A.name, P.A.id, '是', '2025-03-01'],
      ['J2', P.C.name, P.C.id, '否', '2025-02-20'],
    ],
  },
  {
    mapping: {
      source: 'filing', kind: 'medical_insurance', record_id: 'no', observed_at: 'at',
      roles: { subject: { name: 'name', id_number: 'id' } },
      facts: { filed_at: 'filed' },
    },
    header: ['no', 'name', 'id', 'filed', 'at'],
    rows: [
      ['M1', P.B.name, P.B.id, '2025-06-12', '2025-06-12'],
      ['M2', P.G.name, P.G.id, '2025-13-45', '2025-06-15'],
    ],
  },
  {
    mapping: {
      source: 'grid', kind: 'grid_collection', record_id: 'no', observed_at: 'at',
      roles: { subject: { name: 'name', id_number: 'id', residence_address: 'home', employer_name: 'employer', phone: 'phone' } },
      facts: { collected_at: 'at' },
    },
    header: ['no', 'name', 'id', 'home', 'employer', 'phone', 'at'],
    rows: [
      ['G1', P.C.name, P.C.id, nanshan, '南山区某餐馆', '', '2025-01-10'],
      ['G2', P.D.name, P.D.id, nanshan, '', '', '2025-04-01'],
      ['G3', P.E.name, P.E.id, futian, '', '', '2025-04-01'],
      ['G4', P.F.name, P.F.id, nanshan, '', '12345', '2025-03-15'],
    ],
  },
];

export const ingestedAt = new Date('2025-07-01T00:00:00Z');
export const now = new Date('2025-07-02T12:00:00Z');
export const node = { region: '440300' };

export async function buildCity(store: Store, dir: TempDir): Promise<void> {
  await store.initNode({ nodeId: 'T', region: node.region, name: 'test', createdAt: ingestedAt.toISOString() });
  for (const s of sources) {
    const name = String(s.mapping.source);
    const mappingPath = dir.write(`${name}.json`, JSON.stringify(s.mapping));
    const csv = dir.write(`${name}.csv`, [s.header, ...s.rows].map((r) => r.join(',')).join('\n'));
    await ingestFiles(store, await loadMapping(mappingPath), [csv], { now: () => ingestedAt });
  }
  await resolvePending(store.resolution, { nodeId: 'T', jurisdiction: node.region, now: () => ingestedAt });
}
