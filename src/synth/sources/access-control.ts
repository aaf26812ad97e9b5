// 智能门禁: door events from the urban-village access-control platform. One row per event, so a
// person appears several times; many rows carry only the card (no name, no id) and are not
// identifiable (the ingest quarantines them as no_identity). Date-times, JSON Lines.

import { cityToday, formatDateTime } from '../dates.js';
import { deriveSeed } from '../random.js';
import type { SourceDef } from '../source.js';

export const accessControl: SourceDef = {
  source: 'access_control',
  kind: 'access_control',
  department: '城中村智能门禁平台',
  format: 'jsonl',
  encoding: 'utf-8',
  columns: ['事件编号', '住户姓名', '证件号码', '门禁卡号', '设备编号', '通行方式', '通行时间'],
  mapping: {
    record_id: '事件编号',
    observed_at: '通行时间',
    roles: { subject: { name: '住户姓名', id_number: '证件号码' } },
    relations: [],
    facts: { device_id: '设备编号', event_at: '通行时间', card_no: '门禁卡号' },
  },
  evidence: 'living',
  noise: { idTypo: 0.004, nameHomophone: 0.01, duplicate: 0 },
  recordId: (n) => `EV${String(n).padStart(12, '0')}`,
  emit(ctx) {
    const home = ctx.household.home;
    const device = `MJ-${home.county}-${String(deriveSeed(0, home.place.charCodeAt(0), home.place.charCodeAt(1)) % 10_000).padStart(4, '0')}`;
    for (const person of ctx.household.members) {
      const events = ctx.plans.get(person)?.accessEvents ?? 0;
      const card = `C${(deriveSeed(1, Number(person.key.slice(1))) >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
      for (let e = 0; e < events; e++) {
        ctx.emit((recordId) => {
          const rng = ctx.rng;
          const p = ctx.present();
          const shape = rng.next();
          const id = shape < 0.55 ? p.withhold('id') : p.id(person);
          const name = shape < 0.15 ? p.withhold('name') : p.name(person);
          const method = shape < 0.15 ? '刷卡' : rng.pick(['刷卡', '人脸识别', '人脸识别', '二维码']);
          return {
            row: {
              事件编号: recordId, 住户姓名: name, 证件号码: id, 门禁卡号: card, 设备编号: device, 通行方式: method,
              通行时间: formatDateTime(person.arrival + rng.int(Math.max(1, cityToday - person.arrival + 1)), rng.int(86_400)),
            },
            links: [{ role: 'subject', person, present: p }],
          };
        });
      }
    }
  },
};
