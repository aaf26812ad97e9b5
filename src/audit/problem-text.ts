// The operator's sentence for a log problem, in Chinese and English, naming the first bad place.
// Only positions and sizes appear: an entry's content never leaves the log through an error.

import type { StoredLogProblem } from './verify-stored.js';

export function describeLogProblem(p: StoredLogProblem): { zh: string; en: string } {
  const i = p.index ?? 0;
  const size = p.checkpointSize ?? 0;
  switch (p.kind) {
    case 'leaf_mismatch':
      return { zh: `第 ${i} 条审计记录已被改动（与其叶子哈希不符）`, en: `audit entry ${i} was altered (it does not hash to its leaf)` };
    case 'missing_entry':
      return { zh: `第 ${i} 条审计记录缺失`, en: `audit entry ${i} is missing` };
    case 'order':
      return { zh: `第 ${i} 条审计记录的位置被调换`, en: `audit entry ${i} is out of place` };
    case 'node_mismatch':
      return { zh: `从第 ${i} 条起的审计记录与存储的树节点不符（记录被改动、调换或树被改写）`, en: `audit entries from ${i} do not match the stored tree (altered, reordered, or the tree was rewritten)` };
    case 'root_mismatch':
      return { zh: `审计记录与大小为 ${size} 的已签名检查点不符（日志被改写）`, en: `the audit entries do not hash to the checkpoint signed at size ${size} (the log was rewritten)` };
    case 'inconsistent_checkpoints':
      return { zh: `大小为 ${size} 的检查点与之前的检查点不一致`, en: `the checkpoint at size ${size} is not consistent with the earlier one` };
    case 'rollback':
      return p.index === undefined
        ? { zh: `检查点顺序异常：大小为 ${size} 的检查点签于更大的检查点之后`, en: `the checkpoint at size ${size} was signed after a larger one` }
        : { zh: `审计日志被回滚：仅有 ${i} 条记录，但已签名的检查点大小为 ${size}`, en: `the audit log was rolled back: it holds ${i} entries but a checkpoint was signed at size ${size}` };
    case 'bad_signature':
      return p.checkpointSize === undefined
        ? { zh: '检查点签名无效', en: 'a checkpoint signature does not verify' }
        : { zh: `大小为 ${size} 的检查点签名无效`, en: `the signature of the checkpoint at size ${size} does not verify` };
    case 'checkpoint_mismatch':
      return { zh: `大小为 ${size} 的检查点记录与其签名内容不符`, en: `the checkpoint row for size ${size} does not match its signed note` };
    case 'head_mismatch':
      return { zh: `审计日志头与日志内容不符（第 ${i} 条附近）`, en: `the audit log head does not match the log (near entry ${i})` };
    case 'unsigned_entries':
      return { zh: `从第 ${i} 条起的审计记录没有任何已签名检查点覆盖（被插入）`, en: `audit entries from ${i} are covered by no signed checkpoint (inserted)` };
  }
}
