import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// ExcelJS's streaming reader copies a worksheet that precedes the shared strings into a `tmp`
// file and opens it lazily; a reader closed early (a header refused) abandons that stream, and
// when the test process's `tmp` clean-up removes the file first, the pending open fails outside
// any test. Only that error is set aside; every other unhandled error still fails the run.
const excelTempFile = new RegExp(`^${join(tmpdir(), 'tmp-').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\d+-\\w+$`);

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'web/src/**/*.test.ts', 'web/e2e/**/*.test.ts'],
    // Store suites open real databases; files run in parallel on both cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    onUnhandledError(error) {
      const e = error as { code?: unknown; syscall?: unknown; path?: unknown };
      if (e.code === 'ENOENT' && e.syscall === 'open' && typeof e.path === 'string' && excelTempFile.test(e.path)) return false;
      return undefined;
    },
  },
});
