// The command loads a command's modules only when that command runs: `yima --help` or a command
// that fails early must not pay for the web server, the .xlsx library and the database drivers
// (1.8 s of start-up when every command was imported up front). Runs the built command, as npx does.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/files.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const builtMain = join(root, 'dist', 'src', 'cli', 'main.js');

/** Packages a child loaded (CommonJS ones, as the heavy ones are) after running `yima <args>`. */
function packagesLoadedBy(args: readonly string[]): string[] {
  const script = `
    import { createRequire } from 'node:module';
    const { main } = await import(${JSON.stringify(builtMain)});
    const quiet = { out() {}, err() {} };
    await main(${JSON.stringify(args)}, quiet);
    const names = new Set(Object.keys(createRequire(import.meta.url).cache).map((f) => f.split('/node_modules/')[1]?.split('/')[0]).filter(Boolean));
    process.stdout.write(JSON.stringify([...names]));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: root });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as string[];
}

describe.skipIf(!existsSync(builtMain))('start-up of the yima command', () => {
  it('help loads no command module: no web server, no .xlsx library, no database driver', () => {
    const loaded = packagesLoadedBy(['--help']);
    for (const heavy of ['fastify', 'exceljs', 'better-sqlite3', 'pg', 'kysely']) expect(loaded).not.toContain(heavy);
  });

  it('a command loads what it needs when it runs (sources opens the store, not the web server)', () => {
    const dir = makeTempDir('yima-startup-');
    try {
      const init = spawnSync(process.execPath, [join(root, 'bin', 'yima.js'), '--data', dir.path, 'init', '--region', '440300'], { encoding: 'utf8' });
      expect(init.status).toBe(0);
      const loaded = packagesLoadedBy(['--data', dir.path, 'sources']);
      expect(loaded).toContain('better-sqlite3');
      expect(loaded).not.toContain('fastify');
      expect(loaded).not.toContain('exceljs');
    } finally {
      dir.remove();
    }
  });
});
