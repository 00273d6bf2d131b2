/**
 * Typed errors with stable ids. Services throw them; the HTTP error handler turns them into a
 * status and a message in the caller's language, and hides anything else behind `internal`.
 */
export type ErrorId =
  | 'validation_failed'
  | 'unauthorized'
  | 'invalid_credentials'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'invalid_transition'
  | 'rate_limited'
  | 'too_many_attempts'
  | 'payload_too_large'
  | 'unprocessable'
  | 'internal';

export interface FieldProblem {
  path: string;
  /** A message key from http/messages.ts, or a literal message. */
  key: string;
  params?: Record<string, string | number>;
}

const STATUS: Record<ErrorId, number> = {
  validation_failed: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  rate_limited: 429,
  too_many_attempts: 429,
  payload_too_large: 413,
  unprocessable: 422,
  internal: 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly id: ErrorId,
    readonly key: string = id,
    readonly fields: FieldProblem[] = [],
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
    this.status = STATUS[id];
  }
}

export const notFound = () => new AppError('not_found');
export const forbidden = () => new AppError('forbidden');
export const unauthorized = () => new AppError('unauthorized');
export const conflict = (key: string, params?: Record<string, string | number>) =>
  new AppError('conflict', key, [], params);
export const invalid = (fields: FieldProblem[]) => new AppError('validation_failed', 'validation_failed', fields);
export const invalidField = (path: string, key: string, params?: Record<string, string | number>) =>
  invalid([{ path, key, params }]);
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError('rate_limited', 'rate_limited', [], { retryAfterSeconds });
/** Wrong passwords for one account (from one address, or overall) have earned a delay before the next guess. */
export const tooManyAttempts = (retryAfterSeconds: number) =>
  new AppError('too_many_attempts', 'too_many_attempts', [], { retryAfterSeconds });
