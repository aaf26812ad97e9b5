// A reviewer's verdict on two records (same / not same): kept for every later run, and applied now
// — the two persons are merged, or the person is split — with stable ids and recorded events.

import { parseModel, Resolver, type ReviewDecision } from '../matching/index.js';
import { AppError } from '../errors.js';
import type { ResolutionStore } from '../store/resolution/resolution-store.js';
import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../audit/entry.js';
import { comparePersonIds, eventAuditEntries, eventRows, rebuildGolden } from './resolve.js';

export interface DecisionOptions {
  nodeId: string;
  jurisdiction: string;
  reviewer: string;
  /** The reviewer's role, for the audit log (default officer). */
  role?: string;
  now?: () => Date;
  audit?: (entries: AuditEntry[]) => Promise<unknown>;
}

export interface DecisionOutcome {
  events: number;
  moved: number;
}

export async function applyDecision(rs: ResolutionStore, decision: ReviewDecision, options: DecisionOptions): Promise<DecisionOutcome> {
  const at = (options.now ?? (() => new Date()))().toISOString();
  const latest = await rs.latestModel();
  if (latest === undefined) throw new AppError('conflict', '尚无匹配模型：请先导入数据', 'no match model yet: ingest data first');
  const persons = await rs.personsOfRecords([decision.a, decision.b]);
  if (!persons.has(decision.a) || !persons.has(decision.b)) {
    throw new AppError('not_found', '复核的记录不存在或尚未匹配', 'the records under review do not exist or are not resolved yet');
  }
  await rs.decideReview(decision, options.reviewer, at);
  let seq = await rs.personSeq();
  const resolver = new Resolver({ model: parseModel(JSON.parse(latest.model)), mintPersonId: () => `P${options.nodeId}${(++seq).toString(36).padStart(7, '0')}`, decisions: await rs.decisions(), comparePersonIds });
  const known = await rs.recordsOfPersons([...new Set(persons.values())]);
  const contentHash = new Map(known.map((k) => [k.loaded.input.key, k.loaded.contentHash]));
  resolver.restore(known.map((k) => ({ input: k.loaded.input, personId: k.personId })));
  const result = resolver.decide(decision);
  const dropped = await rs.writeResolution({
    links: result.assignments.map((a) => ({ recordKey: a.recordKey, personId: a.personId, contentHash: contentHash.get(a.recordKey) ?? '' })),
    matchLinks: result.links.map((l) => ({ a: l.a, b: l.b, probability: l.probability, score: l.score, rule: l.rule, levels: JSON.stringify(l.levels) })),
    blockKeys: [],
    reviews: [],
    events: eventRows(result.events, at),
    personSeq: seq,
    at,
  });
  const requestId = randomUUID();
  const decided: AuditEntry = { time: at, actor: options.reviewer, role: options.role ?? 'officer', action: 'review', objectIds: [...new Set(persons.values())], purpose: 'entity_resolution', outcome: 'ok', requestId, details: { verdict: decision.same ? 'same' : 'not_same' } };
  await options.audit?.([decided, ...eventAuditEntries(result.events, at, options.reviewer, requestId)]);
  const touched = [...new Set([...persons.values(), ...result.assignments.map((a) => a.personId)])];
  await rebuildGolden(rs, touched, options.jurisdiction, at);
  await rs.refreshPersonViews(dropped.filter((id) => !touched.includes(id)));
  return { events: result.events.length, moved: result.assignments.length };
}
