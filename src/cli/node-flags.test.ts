import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/files.js';
import { launcherLines, nodeFlags } from './node-flags.js';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'yima.js');
const withNode = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` };
const dir = makeTempDir('yima-flags-');
afterAll(() => dir.remove());

describe('node flags of the yima command', () => {
  it('bin/yima.js starts with exactly the launcher lines of the flags the benchmarks measure with', () => {
    expect(readFileSync(bin, 'utf8').split('\n').slice(0, 2)).toEqual(launcherLines());
  });

  it('node accepts every flag (a misspelt one would stop the command from starting)', () => {
    const run = spawnSync(process.execPath, [...nodeFlags, '-e', 'process.stdout.write("ok")'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('ok');
  });

  it('the launcher runs node with the flags and the arguments, in place of the shell', () => {
    const script = dir.write('probe.mjs', [...launcherLines(), 'console.log(JSON.stringify({ flags: process.execArgv, args: process.argv.slice(2), ppid: process.ppid }));', ''].join('\n'));
    chmodSync(script, 0o755);
    const run = spawnSync(script, ['a b', '--x'], { encoding: 'utf8', env: withNode });
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as { flags: string[]; args: string[]; ppid: number };
    expect(out.flags).toEqual(nodeFlags);
    expect(out.args).toEqual(['a b', '--x']);
    expect(out.ppid).toBe(process.pid); // exec: no shell left between the caller and node
  });

  it('the command starts through its launcher, as npx runs it, and directly with node', () => {
    for (const run of [spawnSync(bin, ['--help'], { encoding: 'utf8', env: withNode }), spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' })]) {
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/yima/);
    }
  });
});
