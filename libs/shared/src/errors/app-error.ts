/**
 * The small set of error kinds every layer raises. The HTTP edge maps each kind to a
 * status and RFC 9457 Problem Details; the CLI maps it to a message and an exit code.
 * `message` is what a finance officer reads (Chinese where they read it); `messageEn`
 * is for logs and developers.
 */
export type ErrorKind =
  | 'InvalidInput'
  | 'Unauthorized'
  | 'NotFound'
  | 'Forbidden'
  | 'Conflict'
  | 'VersionConflict'
  | 'PreconditionFailed'
  | 'PayloadTooLarge'
  | 'UnsupportedMediaType'
  | 'TooManyRequests'
  | 'Unavailable'
  | 'Internal';

export const HTTP_STATUS_BY_KIND: Record<ErrorKind, number> = {
  InvalidInput: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  Conflict: 409,
  VersionConflict: 409,
  PreconditionFailed: 412,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  TooManyRequests: 429,
  Unavailable: 503,
  Internal: 500,
};

export interface AppErrorOptions {
  /** The field or figure path the error is about, when there is one. */
  field?: string;
  /** English text for logs; defaults to the message. */
  messageEn?: string;
  /** Structured facts a client can act on (expected/actual version, …). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly field?: string;
  readonly messageEn: string;
  readonly details?: Record<string, unknown>;

  constructor(
    readonly kind: ErrorKind,
    /** Stable machine code, e.g. `event-store.version-conflict`. */
    readonly code: string,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.field = options.field;
    this.messageEn = options.messageEn ?? message;
    this.details = options.details;
  }

  get httpStatus(): number {
    return HTTP_STATUS_BY_KIND[this.kind];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
