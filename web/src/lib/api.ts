// The console's only way to the server: JSON over fetch with the bearer token kept in
// sessionStorage (gone with the tab), errors as ApiError, a 401 sends the user back to login.

const TOKEN_KEY = 'yima.token';

export interface ErrorBody {
  code: string;
  message: string;
  message_zh: string;
  field?: string;
  retry_after_s?: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageEn: string,
    readonly messageZh: string,
    readonly retryAfterS: number | null = null,
  ) {
    super(messageEn);
    this.name = 'ApiError';
  }
}

export function getToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  if (token === null) {
    // Signing out forgets everything this tab kept (the last search text too).
    sessionStorage.clear();
  } else sessionStorage.setItem(TOKEN_KEY, token);
}

/** Fired on any 401 after login: the app clears the session and shows the login page. */
export const UNAUTHORIZED_EVENT = 'yima:unauthorized';

function headers(extra?: Record<string, string>): Record<string, string> {
  const h: Record<string, string> = { Accept: 'application/json', ...extra };
  const token = getToken();
  if (token !== null) h.Authorization = `Bearer ${token}`;
  return h;
}

interface Parsed {
  error?: Partial<ErrorBody> & { retry_after_s?: number };
  retry_after_s?: number;
}

export function toApiError(status: number, body: unknown, retryHeader: string | null): ApiError {
  const parsed = (typeof body === 'object' && body !== null ? body : {}) as Parsed;
  const e = parsed.error ?? {};
  const retry = e.retry_after_s ?? parsed.retry_after_s ?? (retryHeader !== null && retryHeader !== '' ? Number(retryHeader) : null);
  return new ApiError(status, e.code ?? (status === 0 ? 'network' : 'internal'), e.message ?? `HTTP ${status}`, e.message_zh ?? `请求失败（${status}）`, retry !== null && Number.isFinite(retry) ? retry : null);
}

function onUnauthorized(path: string, status: number): void {
  if (status === 401 && !path.startsWith('/api/auth/login')) {
    setToken(null);
    window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  purpose?: string;
  signal?: AbortSignal;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const extra: Record<string, string> = {};
  if (options.body !== undefined) extra['Content-Type'] = 'application/json';
  if (options.purpose !== undefined) extra['X-Purpose'] = options.purpose;
  let res: Response;
  try {
    res = await fetch(path, { method: options.method ?? (options.body === undefined ? 'GET' : 'POST'), headers: headers(extra), body: options.body === undefined ? null : JSON.stringify(options.body), signal: options.signal ?? null });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'The server cannot be reached', '无法连接服务器');
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    body = null;
  }
  if (!res.ok) {
    onUnauthorized(path, res.status);
    throw toApiError(res.status, body, res.headers.get('Retry-After'));
  }
  return body as T;
}

const prefetched = new Map<string, Promise<unknown>>();

/**
 * Starts a GET before the page that needs it has rendered (the landing page's data, while the
 * app itself is still starting). The next `takePrefetched` of the same path gets its promise.
 */
export function prefetch(path: string): void {
  if (getToken() === null || prefetched.has(path)) return;
  const p = api<unknown>(path);
  p.catch(() => undefined);
  prefetched.set(path, p);
}

export function takePrefetched<T>(path: string): Promise<T> | undefined {
  const p = prefetched.get(path);
  if (p !== undefined) prefetched.delete(path);
  return p as Promise<T> | undefined;
}

/** Downloads a file (e.g. .xlsx) with the session's credentials and saves it under `fileName`. */
export async function download(path: string, fileName: string): Promise<void> {
  const res = await fetch(path, { headers: headers({ Accept: '*/*' }) });
  if (!res.ok) {
    onUnauthorized(path, res.status);
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    throw toApiError(res.status, body, null);
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** POST with upload progress (XMLHttpRequest: fetch has no upload progress). */
export function postWithProgress<T>(path: string, body: unknown, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    for (const [k, v] of Object.entries(headers({ 'Content-Type': 'application/json' }))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The server cannot be reached', '无法连接服务器'));
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = xhr.responseText === '' ? null : JSON.parse(xhr.responseText);
      } catch {
        parsed = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(parsed as T);
      } else {
        onUnauthorized(path, xhr.status);
        reject(toApiError(xhr.status, parsed, xhr.getResponseHeader('Retry-After')));
      }
    };
    xhr.send(JSON.stringify(body));
  });
}

/** Base64 of a file's bytes, in chunks (no giant intermediate string per byte). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) binary += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(binary);
}

export function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}
