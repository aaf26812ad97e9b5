// Writes a benchmark's table into docs/BENCHMARKS.md between its own markers, with the machine
// it ran on, so every section says where and when its figures were measured.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export function machineLine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown cpu';
  const gib = (totalmem() / 2 ** 30).toFixed(0);
  return `${cpus().length} cores (${cpu}), ${gib} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

export function writeSection(root: string, section: string, markdown: string): void {
  const file = join(root, 'docs', 'BENCHMARKS.md');
  const begin = `<!-- bench:${section}:begin -->`;
  const end = `<!-- bench:${section}:end -->`;
  const block = `${begin}\n${markdown.trim()}\n${end}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(begin);
  const stop = current.indexOf(end);
  const next = start >= 0 && stop > start ? current.slice(0, start) + block + current.slice(stop + end.length) : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}

export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
