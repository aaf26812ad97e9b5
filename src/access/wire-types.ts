// Shapes of person data as they leave the server, shared with the console (web/ imports these as
// types only, so the two cannot drift). No imports: the browser build type-checks this file too.

/** One source record of a person, presented (masked, withheld) for the caller. */
export interface PresentedRecord {
  source: string;
  kind: string;
  department: string | null;
  record_id: string;
  role: string;
  observed_at: string | null;
  fields: Record<string, string | null>;
  facts: Record<string, string>;
}

/** One value a field has had over time (phones, addresses, employers). */
export interface HistoryItem {
  value: string | null;
  first_seen: string | null;
  last_seen: string | null;
  sources: string[];
}
