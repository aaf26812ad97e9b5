// The result of normalising one raw value. A value that will not normalise is kept raw and
// flagged (`ok: false`) rather than dropped: it counts against the standardisation rate and is
// left out of matching (spec/data-standard.md §3).

export interface Normalized<T> {
  /** The value exactly as read (after trimming). */
  readonly raw: string;
  /** The standard form, or null when the raw value could not be normalised. */
  readonly value: T | null;
  /** True when `value` is the standard form of `raw`. */
  readonly ok: boolean;
  /** Why the value is not standard (a short machine code such as `bad_checksum`), when `ok` is false. */
  readonly issue?: string;
}

export function accepted<T>(raw: string, value: T): Normalized<T> {
  return { raw, value, ok: true };
}

export function rejected<T>(raw: string, issue: string, value: T | null = null): Normalized<T> {
  return { raw, value, ok: false, issue };
}
