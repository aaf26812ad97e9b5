import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeFlags, shebang } from './node-flags.js';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'yima.js');

describe('node flags of the yima command', () => {
  it('bin/yima.js passes exactly the flags the benchmarks measure with', () => {
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe(shebang());
  });

  it('node accepts every flag (a misspelt one would stop the command from starting)', () => {
    const run = spawnSync(process.execPath, [...nodeFlags, '-e', 'process.stdout.write("ok")'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('ok');
  });

  it('the command starts through its first line, as npx runs it', () => {
    const run = spawnSync(bin, ['--help'], { encoding: 'utf8', env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` } });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/yima/);
  });
});
