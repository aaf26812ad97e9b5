// AppErrors for files that cannot be read at all. Every message names the file, so a user
// who ingests several files at once knows which one to fix.

import { AppError } from '../../errors.js';

export function badFile(file: string, problemZh: string, problemEn: string, detail?: string): AppError {
  return new AppError('bad_file', `文件 ${file}：${problemZh}`, `File ${file}: ${problemEn}`, detail);
}

/** Turns a failure of the file system or of a parsing library into a bad_file AppError. */
export function asBadFile(file: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return badFile(file, '文件不存在', 'the file does not exist');
  if (code === 'EACCES' || code === 'EPERM') return badFile(file, '没有读取权限', 'permission denied');
  if (code === 'EISDIR') return badFile(file, '这是一个目录，不是文件', 'this is a directory, not a file');
  const message = error instanceof Error ? error.message : String(error);
  return badFile(file, `无法读取（${message}）`, `cannot be read (${message})`, message);
}
