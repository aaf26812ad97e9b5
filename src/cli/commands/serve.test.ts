// The compiled `yima` as an operator runs it: `user add` reads the password from standard input
// (and refuses without --password-stdin), `serve` listens, answers, signs the account in, and
// stops cleanly on SIGTERM with the audit log intact.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../../test-support/files.js';

const root = resolve(import.meta.dirname, '..', '..', '..');
const cli = join(root, 'bin', 'yima.js');
const built = existsSync(join(root, 'dist', 'src', 'cli', 'main.js'));

function yima(args: string[], input?: string) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input, timeout: 60_000 });
}

describe.skipIf(!built)('yima user add and yima serve (compiled)', () => {
  let dir: TempDir;
  let data: string;
  beforeAll(() => {
    dir = makeTempDir('yima-serve-');
    data = join(dir.path, 'data');
    expect(yima(['init', '--region', '440300', '--data', data]).status).toBe(0);
  });
  afterAll(() => dir.remove());

  it('user add: the password comes from standard input only; bad input is a clear error', () => {
    const refused = yima(['user', 'add', '--data', data, '--username', 'wang', '--role', 'grid_worker', '--region', '440305']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--password-stdin');
    const weak = yima(['user', 'add', '--data', data, '--username', 'wang', '--role', 'grid_worker', '--region', '440305', '--password-stdin'], 'short\n');
    expect(weak.status).toBe(2);
    expect(weak.stderr).toMatch(/密码.*password/s);
    const outside = yima(['user', 'add', '--data', data, '--username', 'wang', '--role', 'grid_worker', '--region', '110105', '--password-stdin'], 'Long-enough-pass-1\n');
    expect(outside.stderr).toContain('440300');
    const ok = yima(['user', 'add', '--data', data, '--username', 'wang', '--role', 'grid_worker', '--region', '440305', '--password-stdin'], 'Long-enough-pass-1\n');
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('南山区');
    expect(ok.stdout + ok.stderr).not.toContain('Long-enough-pass-1');
    const again = yima(['user', 'add', '--data', data, '--username', 'wang', '--role', 'clerk', '--password-stdin'], 'Long-enough-pass-1\n');
    expect(again.status).toBe(1);
    expect(yima(['user', 'list', '--data', data]).stdout).toMatch(/wang\tgrid_worker/);
  });

  it('serve: a bad --readers is a clear error before anything starts', () => {
    const bad = yima(['serve', '--data', data, '--port', '0', '--readers', 'many']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--readers 应为 0–64.*--readers must be 0–64/s);
  });

  it('serve: listens, signs in, stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [cli, 'serve', '--data', data, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((ok, fail) => {
        let text = '';
        child.stdout.on('data', (c: Buffer) => {
          text += c.toString('utf8');
          const m = /(http:\/\/\S+?)\/\s/.exec(text);
          if (m !== null) ok(m[1]!);
        });
        child.on('exit', (code) => fail(new Error(`serve exited ${code}`)));
      });
      expect((await (await fetch(`${url}/api/health`)).json())).toEqual({ status: 'ok' });
      const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'wang', password: 'Long-enough-pass-1' }) });
      expect(login.status).toBe(200);
      expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/i);
      expect(login.headers.get('content-security-policy')).toContain("default-src 'self'");
      const docs = await fetch(`${url}/api/openapi.json`).catch(() => undefined);
      expect(docs === undefined ? 404 : docs.status).not.toBe(500);
    } finally {
      child.kill('SIGTERM');
      const code = await new Promise<number | null>((r) => child.on('exit', r));
      expect(code).toBe(0);
    }
    const verify = yima(['audit', 'verify', '--data', data]);
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
  }, 60_000);
});
