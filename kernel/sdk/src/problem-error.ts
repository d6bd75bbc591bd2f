/**
 * Errors that become RFC 9457 `application/problem+json` responses. Throw one from a route, job or service; the
 * kernel turns it into the response (status, title, detail, and `errors` for field-level problems).
 */

/** A field-level problem: a JSON pointer into the request and what is wrong there. @public */
export interface FieldError {
  pointer: string
  detail: string
}

/** Options of {@link ProblemError}. @public */
export interface ProblemOptions {
  detail?: string
  /** A URI identifying the problem type; defaults to `about:blank`. */
  type?: string
  errors?: FieldError[]
  /** Extra members merged into the problem document. */
  extra?: Record<string, unknown>
}

/**
 * An error carrying an HTTP status and a problem document. @public
 *
 * A client error (status below 500) is an answer, not a fault: it is made without a stack trace (collecting the
 * frames was ~6 % of the JavaScript of a booking refused with 409), so its `stack` is only its first line. A server
 * error keeps its stack for the log.
 */
export class ProblemError extends Error {
  readonly status: number
  readonly title: string
  readonly detail?: string
  readonly type: string
  readonly errors?: FieldError[]
  readonly extra?: Record<string, unknown>
  constructor(status: number, title: string, options: ProblemOptions = {}) {
    const frames = Error.stackTraceLimit
    if (status < 500) Error.stackTraceLimit = 0
    super(options.detail ?? title)
    Error.stackTraceLimit = frames
    this.name = 'ProblemError'
    this.status = status
    this.title = title
    this.detail = options.detail
    this.type = options.type ?? 'about:blank'
    this.errors = options.errors
    this.extra = options.extra
  }
}

/** Shorthands for the common problems. @public */
export const problem = {
  badRequest: (detail: string, errors?: FieldError[]) => new ProblemError(400, 'Bad Request', { detail, errors }),
  unauthorized: (detail = 'Sign in first.') => new ProblemError(401, 'Unauthorized', { detail }),
  forbidden: (detail = 'Your role does not allow this.') => new ProblemError(403, 'Forbidden', { detail }),
  notFound: (detail = 'Not found.') => new ProblemError(404, 'Not Found', { detail }),
  conflict: (detail: string, extra?: Record<string, unknown>) => new ProblemError(409, 'Conflict', { detail, extra }),
  unprocessable: (detail: string, errors?: FieldError[]) => new ProblemError(422, 'Unprocessable Content', { detail, errors }),
}
