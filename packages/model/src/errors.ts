/**
 * Typed errors shared by server and web. Business code throws these; the server kernel maps
 * them to HTTP status codes in one place, and the web client rebuilds them from error bodies.
 */

/** The wire shape of every error response (Backstage's serialized error body). */
export interface ErrorResponseBody {
  error: { name: string; message: string; details?: unknown };
  request?: { method: string; url: string };
  response: { statusCode: number };
}

abstract class PorticoError extends Error {
  /** Optional machine-readable detail, e.g. the list of validation problems. */
  readonly details?: unknown;

  constructor(message: string, options?: { cause?: unknown; details?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    if (options?.details !== undefined) this.details = options.details;
  }
}

/** The request was malformed or failed validation (400). */
export class InputError extends PorticoError {}
/** The caller is not signed in or the credentials are invalid (401). */
export class AuthenticationError extends PorticoError {}
/** The caller is known but may not do this (403). */
export class NotAllowedError extends PorticoError {}
/** The thing asked for does not exist (404). */
export class NotFoundError extends PorticoError {}
/** The request conflicts with the current state, e.g. a duplicate (409). */
export class ConflictError extends PorticoError {}
/** The resource has not changed since the caller's copy (304). */
export class NotModifiedError extends PorticoError {}
/** A dependency of the server failed or is unavailable (503). */
export class ServiceUnavailableError extends PorticoError {}

const statusByName: Readonly<Record<string, number>> = {
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  NotModifiedError: 304,
  ServiceUnavailableError: 503,
};

/** The HTTP status an error maps to; anything unknown is a 500. */
export function statusCodeOf(error: unknown): number {
  if (error instanceof Error) return statusByName[error.name] ?? 500;
  return 500;
}

/** Narrows an unknown thrown value to an Error without losing non-Error throws. */
export function toError(value: unknown): Error {
  if (value instanceof Error) return value;
  return new Error(typeof value === 'string' ? value : JSON.stringify(value));
}

/** An error rebuilt on the client side from a server's error response. */
export class ResponseError extends Error {
  readonly statusCode: number;
  readonly body: ErrorResponseBody;

  constructor(body: ErrorResponseBody) {
    super(body.error.message);
    this.name = body.error.name;
    this.statusCode = body.response.statusCode;
    this.body = body;
  }
}

export function isErrorResponseBody(value: unknown): value is ErrorResponseBody {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  const error = record.error as Record<string, unknown> | undefined;
  return typeof error === 'object' && error !== null && typeof error.message === 'string';
}
