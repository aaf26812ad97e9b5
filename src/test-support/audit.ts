// Audit entries and log states for store tests: deterministic entries, the in-memory reference
// tree they should produce, and the attacker's first step (removing the append-only guards).

import type { AuditEntry } from '../audit/entry.js';
import type { TestStore } from './stores.js';

export function auditEntry(i: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    time: new Date(Date.UTC(2025, 0, 1, 8, 0, 0, i)).toISOString(),
    actor: `clerk${i % 7}`,
    role: i % 2 === 0 ? 'clerk' : 'officer',
    action: i % 3 === 0 ? 'person_read' : 'reveal',
    objectIds: [`p-${100000 + i}`],
    purpose: '居住证办理 residence permit',
    outcome: 'ok',
    requestId: `req-${i}`,
    details: { field: 'phone', n: i },
    ...overrides,
  };
}

export function auditEntries(start: number, count: number): AuditEntry[] {
  return Array.from({ length: count }, (_, k) => auditEntry(start + k));
}

const sqliteTriggers = [
  'audit_entries_no_update', 'audit_entries_no_delete', 'audit_node_no_update', 'audit_node_no_delete',
  'audit_checkpoints_no_update', 'audit_checkpoints_no_delete', 'audit_head_grows', 'audit_head_no_delete',
];
const auditTables = ['audit_entries', 'audit_node', 'audit_checkpoints', 'audit_head'];

/** What an attacker with DBA rights does first: takes the append-only triggers away. */
export async function dropAuditGuards(t: TestStore): Promise<void> {
  if (t.store.dialect === 'sqlite') {
    for (const name of sqliteTriggers) await t.exec(`drop trigger ${name}`);
  } else {
    for (const table of auditTables) await t.exec(`alter table ${table} disable trigger user`);
  }
}
