// The contract lets every command take `--data`; scripts put it before the command as often as
// after it, and both must reach the same node.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../test-support/files.js';
import type { Output } from './context.js';
import { main, splitCommand } from './main.js';

function capture(): Output & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, isTTY: false, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}

describe('splitCommand', () => {
  it('moves --data and --database given before the command after it', () => {
    expect(splitCommand(['--data', 'd', 'init', '--region', '440300'])).toEqual({ command: 'init', rest: ['--region', '440300', '--data', 'd'] });
    expect(splitCommand(['--data=d', '--database', 'postgres://x', 'sources'])).toEqual({ command: 'sources', rest: ['--data=d', '--database', 'postgres://x'] });
  });

  it('leaves a command-first line as it is', () => {
    expect(splitCommand(['export', 'links', '--out', 'l.csv', '--data', 'd'])).toEqual({ command: 'export', rest: ['links', '--out', 'l.csv', '--data', 'd'] });
  });

  it('has no command when only options are given, and keeps a dangling --data for the parser to report', () => {
    expect(splitCommand(['--data', 'd'])).toEqual({ command: undefined, rest: ['--data', 'd'] });
    expect(splitCommand(['--data'])).toEqual({ command: undefined, rest: ['--data'] });
    expect(splitCommand([])).toEqual({ command: undefined, rest: [] });
  });
});

describe('yima --data DIR <command>', () => {
  let dir: TempDir;
  beforeAll(() => {
    dir = makeTempDir('yima-cli-main-');
  });
  afterAll(() => dir.remove());

  it('initialises and then reads the node named before the command', async () => {
    const data = join(dir.path, 'node');
    const init = capture();
    expect(await main(['--data', data, 'init', '--region', '440300'], init)).toBe(0);
    expect(existsSync(data)).toBe(true);
    const sources = capture();
    expect(await main([`--data=${data}`, 'sources'], sources)).toBe(0);
    expect(sources.errors).toEqual([]);
    // The same node again, named after the command: already initialised.
    const again = capture();
    expect(await main(['init', '--region', '440300', '--data', data], again)).not.toBe(0);
    expect(again.errors.join('\n')).toMatch(/already|已/);
  });

  it('prints the usage and exits 2 when no command follows the options', async () => {
    const out = capture();
    expect(await main(['--data', join(dir.path, 'x')], out)).toBe(2);
    expect(out.lines.join('\n')).toContain('usage');
  });

  it('refuses a command on a directory without a node, and leaves nothing behind (a mistyped --data)', async () => {
    for (const command of [['sources'], ['export', 'persons', '--out', join(dir.path, 'p.csv')], ['serve', '--port', '0'], ['resolve']]) {
      const missing = join(dir.path, 'no-such-node');
      const out = capture();
      expect(await main(['--data', missing, ...command], out)).toBe(1);
      expect(out.errors.join('\n')).toMatch(/没有节点.*no node in the data directory/s);
      expect(existsSync(missing)).toBe(false);
      expect(existsSync(join(dir.path, 'p.csv'))).toBe(false);
    }
  });
});
