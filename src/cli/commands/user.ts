// `yima user add --username U --role R [--department D] [--region CODE] [--person ID] --password-stdin`
// and `yima user list`. The password is read from standard input only, never from the command line
// (where it would land in shell history and the process list).

import { addUser, publicUser } from '../../access/accounts.js';
import { AppError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { requireNode, withStore } from '../context.js';

export interface UserAddOptions {
  username: string;
  role: string;
  department?: string | undefined;
  region?: string | undefined;
  person?: string | undefined;
  passwordStdin: boolean;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export async function runUserAdd(ctx: CommandContext, options: UserAddOptions, readPassword: () => Promise<string> = readStdin): Promise<void> {
  if (!options.passwordStdin) throw new AppError('bad_request', '请用 --password-stdin 从标准输入提供密码', 'give the password on standard input with --password-stdin');
  const password = await readPassword();
  await withStore(ctx, async (store) => {
    const node = await requireNode(store);
    const user = await addUser(store, { username: options.username, password, role: options.role, department: options.department, region: options.region, personId: options.person }, node.region, new Date());
    await store.appendAudit([{ time: new Date().toISOString(), actor: process.env.USER?.match(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/)?.[0] ?? 'cli', role: 'admin', action: 'account', objectIds: [user.username], purpose: 'administration', outcome: 'ok', requestId: `cli-${Date.now()}`, details: { role: user.role } }]);
    ctx.output.out(`已创建账号 account added: ${user.username}（${user.role}${user.department === null ? '' : `，${user.department}`}${user.region_name === null ? '' : `，${user.region_name}`}）`);
  });
}

export async function runUserList(ctx: CommandContext): Promise<void> {
  await withStore(ctx, async (store) => {
    for (const row of await store.access.listUsers()) {
      const u = publicUser(row);
      ctx.output.out([u.username, u.role, u.department ?? '-', u.region ?? '-', u.disabled ? 'disabled' : 'active'].join('\t'));
    }
  });
}
