// How many of this process's file descriptors point at a file (Linux /proc): readers must close
// what they open, including when a caller stops early.

import { readdirSync, readlinkSync } from 'node:fs';

export function openDescriptorsOf(path: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  }).length;
}
