// The `yima` command: parses the command line and dispatches to one command module each.
// Exit codes: 0 done, 1 failed (a clear bilingual message on stderr), 2 usage error.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppError, isAppError } from '../errors.js';
import { processOutput, type CommandContext, type Output } from './context.js';

const usage = `yima — 流动人口一人一档、一人一码 / one record and one code per person

用法 usage: yima [--data DIR] <command> [options]   (--data: 节点数据目录 / the node's data directory, default ./yima-data; before or after the command)

  init --region CODE [--name TEXT]        创建节点 / create the node for a GB/T 2260 region
  ingest --mapping FILE INPUT...          导入部门文件并匹配 / ingest department files, then resolve
  ingest ... --no-resolve                 只导入不匹配 / store without resolving
  sources                                 数据源一览 / list sources
  export links|persons|conflicts|unregistered|quarantine --out FILE
                                          导出（.csv 或 .xlsx）/ exports (CSV, or .xlsx by name)
  resolve                                 匹配待处理记录 / resolve what is pending
  model train                             用全部数据重新训练匹配模型 / retrain the match model
  review list | review decide A B --same|--not-same
                                          人工复核 / review uncertain pairs
  audit checkpoint                        最新签名检查点 / latest signed checkpoint
  audit prove --index N [--size M]        包含证明（已校验）/ inclusion proof, checked
  kpis [--district CODE] [--format table|csv|json] [--from DATE --to DATE] [--definitions FILE]
                                          指标及目标 / indicators against their targets
  audit verify [--against FILE]           校验整个审计日志 / verify the whole log
  serve [--port N] [--host H] [--readers N]
                                          接口与控制台 / the API and the web console (default 127.0.0.1:8080;
                                          --readers: 分担人员详情读取的线程数 / threads that take person views
                                          when the request thread is overloaded: default one per core,
                                          at most 4, none on one core; 0 = none)
  user add --username U --role R [--department D] [--region CODE] [--person ID] --password-stdin
                                          创建账号 / add an account (roles: admin auditor analyst officer grid_worker clerk resident)
  user list                               账号一览 / list accounts
  demo [--persons N] [--seed N] [--port N] [--no-serve]
                                          合成城市演示 / synthetic city, ingested, resolved and served

PostgreSQL: set YIMA_DATABASE_URL (or --database URL); SQLite in the data directory otherwise.`;

const common: ParseArgsConfig['options'] = {
  data: { type: 'string', default: './yima-data' },
  database: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

function parse(argv: readonly string[], options: ParseArgsConfig['options']) {
  return parseArgs({ args: [...argv], options: { ...common, ...options }, allowPositionals: true, strict: true });
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function need(value: unknown, flag: string): string {
  const text = str(value);
  if (text === undefined || text === '') throw new AppError('bad_request', `缺少参数 --${flag}`, `missing --${flag}`);
  return text;
}

function intOption(value: unknown, flag: string, fallback: number): number {
  const text = str(value);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n <= 0) throw new AppError('bad_request', `--${flag} 应为正整数`, `--${flag} must be a positive integer`);
  return n;
}

function readersOption(value: unknown): number | undefined {
  const text = str(value);
  if (text === undefined) return undefined;
  const n = /^\d{1,2}$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= 0 && n <= 64)) throw new AppError('bad_request', '--readers 应为 0–64', '--readers must be 0–64');
  return n;
}

function portOption(value: unknown): number {
  const text = str(value);
  if (text === undefined) return 8080;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0 || n > 65535) throw new AppError('bad_request', '--port 应为 0–65535', '--port must be 0–65535');
  return n;
}

async function dispatch(command: string, rest: readonly string[], output: Output): Promise<number> {
  const specific: Record<string, ParseArgsConfig['options']> = {
    init: { region: { type: 'string' }, name: { type: 'string' } },
    ingest: { mapping: { type: 'string' }, 'no-resolve': { type: 'boolean' } },
    sources: {},
    export: { out: { type: 'string' } },
    demo: { persons: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, 'no-serve': { type: 'boolean' } },
    serve: { port: { type: 'string' }, host: { type: 'string' }, readers: { type: 'string' } },
    user: { username: { type: 'string' }, role: { type: 'string' }, department: { type: 'string' }, region: { type: 'string' }, person: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
    resolve: {},
    audit: { index: { type: 'string' }, size: { type: 'string' }, against: { type: 'string' } },
    model: {},
    review: { same: { type: 'boolean' }, 'not-same': { type: 'boolean' }, limit: { type: 'string' }, reviewer: { type: 'string' } },
    kpis: { district: { type: 'string' }, format: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, definitions: { type: 'string' } },
  };
  const options = specific[command];
  if (options === undefined) {
    output.err(`未知命令 ${command} / unknown command ${command}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parse(rest, options);
  if (values.help === true) {
    output.out(usage);
    return 0;
  }
  const ctx: CommandContext = { dataDir: str(values.data) ?? './yima-data', databaseUrl: str(values.database) ?? process.env.YIMA_DATABASE_URL, output };
  // Each command's module is loaded when it runs: loading all of them (the web server, the .xlsx
  // library, the synthetic city...) took 1.8 s before any command started (`yima sources` now ~0.5 s).
  switch (command) {
    case 'init':
      await (await import('./commands/init.js')).runInit(ctx, { region: need(values.region, 'region'), name: str(values.name) });
      return 0;
    case 'ingest':
      await (await import('./commands/ingest.js')).runIngest(ctx, need(values.mapping, 'mapping'), positionals, values['no-resolve'] !== true);
      return 0;
    case 'sources':
      await (await import('./commands/sources.js')).runSources(ctx);
      return 0;
    case 'export':
      await (await import('./commands/export.js')).runExport(ctx, positionals[0] ?? '', need(values.out, 'out'));
      return 0;
    case 'resolve':
      await (await import('./commands/resolution.js')).runResolve(ctx);
      return 0;
    case 'audit': {
      const sub = positionals[0];
      if (sub !== 'checkpoint' && sub !== 'prove' && sub !== 'verify') throw new AppError('bad_request', '用法：yima audit checkpoint|prove|verify', 'usage: yima audit checkpoint|prove|verify');
      const index = str(values.index);
      if (index !== undefined && !/^\d+$/.test(index)) throw new AppError('bad_request', '--index 应为非负整数', '--index must be a whole number');
      return (await import('./commands/audit.js')).runAudit(ctx, sub, { index: index === undefined ? undefined : Number(index), size: values.size === undefined ? undefined : intOption(values.size, 'size', 1), against: str(values.against) });
    }
    case 'model':
      if (positionals[0] !== 'train') throw new AppError('bad_request', '用法：yima model train', 'usage: yima model train');
      await (await import('./commands/resolution.js')).runTrain(ctx);
      return 0;
    case 'review':
      if (positionals[0] === 'list') await (await import('./commands/resolution.js')).runReviewList(ctx, intOption(values.limit, 'limit', 50));
      else if (positionals[0] === 'decide' && positionals.length === 3 && (values.same === true) !== (values['not-same'] === true)) {
        await (await import('./commands/resolution.js')).runReviewDecide(ctx, positionals[1] ?? '', positionals[2] ?? '', values.same === true, str(values.reviewer) ?? process.env.USER ?? 'cli');
      } else throw new AppError('bad_request', '用法：yima review list | yima review decide A B --same|--not-same', 'usage: yima review list | yima review decide A B --same|--not-same');
      return 0;
    case 'kpis':
      await (await import('./commands/kpis.js')).runKpis(ctx, { district: str(values.district), format: str(values.format), from: str(values.from), to: str(values.to), definitions: str(values.definitions) });
      return 0;
    case 'serve':
      await (await import('./commands/serve.js')).runServe(ctx, { port: portOption(values.port), host: str(values.host) ?? '127.0.0.1', readers: readersOption(values.readers) });
      return 0;
    case 'user':
      if (positionals[0] === 'add') {
        await (await import('./commands/user.js')).runUserAdd(ctx, { username: need(values.username, 'username'), role: need(values.role, 'role'), department: str(values.department), region: str(values.region), person: str(values.person), passwordStdin: values['password-stdin'] === true });
      } else if (positionals[0] === 'list') await (await import('./commands/user.js')).runUserList(ctx);
      else throw new AppError('bad_request', '用法：yima user add ... --password-stdin | yima user list', 'usage: yima user add ... --password-stdin | yima user list');
      return 0;
    default:
      await (await import('./commands/demo.js')).runDemo(ctx, { persons: intOption(values.persons, 'persons', 20_000), seed: intOption(values.seed, 'seed', 2026), out: str(values.out), serve: values['no-serve'] !== true, port: portOption(values.port), portChosen: values.port !== undefined, host: str(values.host) ?? '127.0.0.1' });
      return 0;
  }
}

/** Options every command takes, and so may come before the command too (`yima --data DIR init ...`). */
const globalFlags = ['--data', '--database'];

/**
 * The command and its arguments, with options given before the command moved after it: the
 * contract lets every command take `--data`, and scripts write it either side of the command.
 */
export function splitCommand(argv: readonly string[]): { command: string | undefined; rest: string[] } {
  const leading: string[] = [];
  let i = 0;
  for (;;) {
    const arg = argv[i];
    if (arg === undefined) return { command: undefined, rest: leading };
    const flag = globalFlags.find((f) => arg === f || arg.startsWith(`${f}=`));
    if (flag === undefined) break;
    if (arg === flag) {
      const value = argv[i + 1];
      // A missing value is left for the command's own parser to report.
      leading.push(arg, ...(value === undefined ? [] : [value]));
      i += 2;
    } else {
      leading.push(arg);
      i += 1;
    }
  }
  return { command: argv[i], rest: [...argv.slice(i + 1), ...leading] };
}

export async function main(argv: readonly string[], output: Output = processOutput): Promise<number> {
  const { command, rest } = splitCommand(argv);
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    output.out(usage);
    return command === undefined ? 2 : 0;
  }
  try {
    return await dispatch(command, rest, output);
  } catch (error) {
    if (isAppError(error)) {
      output.err(`错误 error: ${error.bilingual}`);
      return error.code === 'bad_request' ? 2 : 1;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      output.err(`参数错误 usage error: ${error.message}\n\n${usage}`);
      return 2;
    }
    output.err(`内部错误 internal error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
