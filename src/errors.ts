// One error type for the whole application, with a closed set of codes. The message is for the
// user (Chinese first, English second); `detail` is for operators and never holds personal data.

export const appErrorCodes = {
  bad_request: 400,
  bad_mapping: 400,
  bad_file: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  rate_limited: 429,
  not_initialised: 409,
  internal: 500,
  unavailable: 503,
} as const;

export type AppErrorCode = keyof typeof appErrorCodes;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly messageZh: string;
  readonly detail: string | undefined;

  constructor(code: AppErrorCode, messageZh: string, messageEn: string, detail?: string) {
    super(messageEn);
    this.name = 'AppError';
    this.code = code;
    this.messageZh = messageZh;
    this.detail = detail;
  }

  get status(): number {
    return appErrorCodes[this.code];
  }

  /** Both languages on one line, for the command line and logs. */
  get bilingual(): string {
    return `${this.messageZh} / ${this.message}`;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
