// Migrations in order, one file each; a new one is appended, never edited once released.

import type { Migration } from 'kysely';
import { initial } from './0001-initial.js';

export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
};
