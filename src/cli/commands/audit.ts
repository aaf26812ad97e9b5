// `yima audit checkpoint | prove --index N [--size M] | verify [--against FILE]`: the node's
// tamper-evident log from the command line. Each returns its exit code: 0 when the log (or the
// proof) checks out, 1 when it does not, with the first bad place named in both languages.

import { readFileSync } from 'node:fs';
import { verifyCheckpoint } from '../../audit/checkpoint.js';
import type { AuditReader, StoredCheckpoint } from '../../audit/log-store.js';
import { leafHash } from '../../audit/merkle.js';
import { proveConsistency, proveInclusion, rootAt } from '../../audit/merkle-proof.js';
import { verifyConsistency, verifyInclusion } from '../../audit/merkle-verify.js';
import { loadNodeVerifier, type AuditVerifier } from '../../audit/node-key.js';
import { describeLogProblem } from '../../audit/problem-text.js';
import { verifyStoredLog } from '../../audit/verify-stored.js';
import { AppError } from '../../errors.js';
import type { CommandContext, Output } from '../context.js';
import { withStore } from '../context.js';

export type AuditSubcommand = 'checkpoint' | 'prove' | 'verify';

export interface AuditOptions {
  index?: number | undefined;
  size?: number | undefined;
  /** verify: a file holding a signed checkpoint kept outside the store, which the log must contain. */
  against?: string | undefined;
}

export async function runAudit(ctx: CommandContext, sub: AuditSubcommand, options: AuditOptions): Promise<number> {
  const verifier = loadNodeVerifier(ctx.dataDir);
  const trusted = options.against === undefined ? [] : [readFileSync(options.against, 'utf8')];
  return withStore(ctx, (store) => auditCommand(store.auditReader, verifier, sub, options, ctx.output, trusted));
}

/** The commands on any reader (what the tests drive on both stores). */
export async function auditCommand(
  reader: AuditReader, verifier: AuditVerifier, sub: AuditSubcommand, options: AuditOptions, output: Output, trusted: readonly string[] = [],
): Promise<number> {
  switch (sub) {
    case 'checkpoint':
      return printCheckpoint(reader, verifier, output);
    case 'prove':
      return printProof(reader, verifier, options, output);
    case 'verify': {
      const result = await verifyStoredLog(reader, verifier, { trusted });
      if (result.ok) {
        output.out(`审计日志完好：${result.size} 条记录，${result.checkpoints} 个检查点 / the audit log verifies: ${result.size} entries, ${result.checkpoints} checkpoints`);
        return 0;
      }
      const { zh, en } = describeLogProblem(result.problem);
      output.err(`审计日志校验失败：${zh} / audit log verification failed: ${en} (${result.problem.kind}: ${result.problem.message})`);
      return 1;
    }
  }
}

async function printCheckpoint(reader: AuditReader, verifier: AuditVerifier, output: Output): Promise<number> {
  const latest = await reader.latestCheckpoint();
  if (latest === undefined) {
    output.err('审计日志为空，尚无检查点 / the audit log is empty: no checkpoint yet');
    return 0;
  }
  const verdict = verifyCheckpoint(latest.note, verifier.name, verifier.publicKey);
  output.out(latest.note.trimEnd());
  if (!verdict.ok) {
    output.err(`最新检查点签名无效 / the latest checkpoint does not verify: ${verdict.reason}`);
    return 1;
  }
  return 0;
}

async function printProof(reader: AuditReader, verifier: AuditVerifier, options: AuditOptions, output: Output): Promise<number> {
  const index = options.index;
  if (index === undefined) throw new AppError('bad_request', '缺少参数 --index', 'missing --index');
  const latest = await reader.latestCheckpoint();
  if (latest === undefined) throw new AppError('not_found', '审计日志为空', 'the audit log is empty');
  const size = options.size ?? latest.size;
  if (!Number.isSafeInteger(size) || size > latest.size || index >= size) {
    throw new AppError('bad_request', `无法证明：须 0 ≤ index < size ≤ ${latest.size}`, `no such proof: needs 0 <= index < size <= ${latest.size}`);
  }
  const latestVerdict = verifyCheckpoint(latest.note, verifier.name, verifier.publicKey);
  if (!latestVerdict.ok) return fail(output, `最新检查点签名无效 / the latest checkpoint does not verify: ${latestVerdict.reason}`);
  const [entry] = await reader.readEntries(index, 1);
  if (entry?.index !== index) return fail(output, `第 ${index} 条审计记录缺失 / audit entry ${index} is missing`);

  const leaf = leafHash(entry.encoded);
  const proof = await proveInclusion(reader, index, size);
  const checkpoint = await reader.findCheckpoint(size);
  // At a size no checkpoint signs, the root comes from the stored tree and is tied to the latest
  // signed one by a consistency proof.
  const root = checkpoint?.root ?? (await rootAt(reader, size));
  const consistency = checkpoint === undefined ? await consistencyTo(reader, size, root, latest) : undefined;
  const verified = leaf.equals(entry.leafHash) && verifyInclusion(index, size, leaf, proof, root) && (consistency?.verified ?? true);
  const b64 = (h: Buffer): string => h.toString('base64');
  output.out(JSON.stringify({
    leafIndex: index, treeSize: size, leafHash: b64(leaf), proof: proof.map(b64), root: b64(root),
    checkpoint: (checkpoint ?? latest).note, ...(consistency === undefined ? {} : { consistency: { toSize: latest.size, proof: consistency.proof.map(b64) } }),
    verified,
  }, null, 2));
  return verified ? 0 : fail(output, `第 ${index} 条审计记录的包含证明不成立 / the inclusion proof of audit entry ${index} does not verify`);
}

async function consistencyTo(reader: AuditReader, size: number, root: Buffer, latest: StoredCheckpoint): Promise<{ proof: Buffer[]; verified: boolean }> {
  const proof = await proveConsistency(reader, size, latest.size);
  return { proof, verified: verifyConsistency(size, latest.size, root, latest.root, proof) };
}

function fail(output: Output, line: string): number {
  output.err(line);
  return 1;
}
