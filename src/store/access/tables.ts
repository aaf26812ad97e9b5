// Kysely table shapes of migration 0004 (accounts, sessions, service codes).

export interface UsersTable {
  username: string;
  password_hash: string;
  role: string;
  department: string | null;
  region: string | null;
  person_id: string | null;
  disabled: number;
  failed_count: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  token_hash: string;
  username: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ServiceCodesTable {
  person_id: string;
  code_id: string;
  epoch: number;
  revoked_at: string | null;
  updated_at: string;
}

export type AccessTables = {
  users: UsersTable;
  sessions: SessionsTable;
  service_codes: ServiceCodesTable;
};
