/**
 * RFC 9457 problem details as the kernel sends them (`application/problem+json`), and the helpers that turn
 * one into words a person can act on: a title, a detail sentence, and one line per invalid field
 * (`errors[].pointer` → a readable field name).
 */

/** One invalid input, located by a JSON Pointer into the request body (e.g. `/config/maxSeats`). */
export interface ProblemFieldError {
  pointer: string
  detail: string
}

/** A problem+json body. Extension members are allowed. */
export interface Problem {
  type?: string
  title: string
  status: number
  detail?: string
  errors?: ProblemFieldError[]
  /** Seconds from a `Retry-After` header, added by `api()` for 429 and 503 answers. */
  retryAfter?: number
  [extension: string]: unknown
}

/** A problem ready to show: `items` has one line per field error. */
export interface ProblemMessage {
  title: string
  detail: string
  items: string[]
}

const fallbackTitles: Record<number, string> = {
  0: 'Could not reach the server',
  400: 'Some values are not valid',
  401: 'You are signed out',
  403: 'You do not have permission to do this',
  404: 'Not found',
  405: 'This action is not available here',
  408: 'The request took too long',
  409: 'This conflicts with the current state',
  413: 'The request is too large',
  414: 'The address is too long',
  415: 'This kind of content is not accepted',
  422: 'Some values are not valid',
  429: 'Too many requests',
  500: 'Something went wrong on the server',
  502: 'The server is unavailable',
  503: 'The server is unavailable',
}

/**
 * HTTP reason phrases: a server that titles its problem with one of these (`Unprocessable Content`, `Bad Request`)
 * said nothing a person can act on, so {@link describeProblem} shows the sentence for its status instead.
 */
const reasonPhrases = new Set([
  'Bad Request', 'Unauthorized', 'Payment Required', 'Forbidden', 'Not Found', 'Method Not Allowed', 'Not Acceptable',
  'Request Timeout', 'Conflict', 'Gone', 'Precondition Failed', 'Content Too Large', 'Payload Too Large', 'URI Too Long',
  'Unsupported Media Type', 'Unprocessable Content', 'Unprocessable Entity', 'Too Many Requests',
  'Request Header Fields Too Large', 'Internal Server Error', 'Bad Gateway', 'Service Unavailable', 'Gateway Timeout', 'Error',
])

/** The parts of a request a server names first in a field's pointer (`/body/personId`): not part of the field's name. */
const requestParts = new Set(['body', 'querystring', 'query', 'params', 'headers'])

/** Whether a parsed JSON value looks like a problem+json body. */
export function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).title === 'string' &&
    typeof (value as Problem).status === 'number'
  )
}

/** A fallback title for a status code with no problem body (e.g. a proxy's HTML 502). */
export function titleForStatus(status: number): string {
  return fallbackTitles[status] ?? (status >= 500 ? fallbackTitles[500] : `Request failed (${status})`)
}

/**
 * `/maxSeats` → `Max seats`; `/items/2/name` → `Items › 3 › Name`; `/body/personId` → `Person` (the request part
 * and an `Id` suffix are not what a person calls the field); `` → `` (the whole body).
 */
export function pointerLabel(pointer: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
  if (parts.length && requestParts.has(parts[0])) parts.shift()
  return parts
    .map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : humanize(part.replace(/(?<=[a-z0-9])(Id|_id|-id)$/, ''))))
    .join(' › ')
}

/** The title to show for a problem: its own, unless that is only an HTTP reason phrase (then the status's sentence). */
function problemTitle(problem: Pick<Problem, 'title' | 'status'>): string {
  return problem.title && !reasonPhrases.has(problem.title) ? problem.title : titleForStatus(problem.status)
}

/** `maxSeats`, `max_seats`, `max-seats` → `Max seats`. */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/**
 * Turns a problem into a title, a detail sentence and one line per field error. `stripPointer` removes a
 * prefix the person does not need to see (e.g. `/config` when the form shows only the config);
 * `labelFor` names a field better than {@link pointerLabel} can (e.g. from a JSON Schema `title`).
 */
export function describeProblem(
  problem: Problem,
  options: { stripPointer?: string; labelFor?: (pointer: string) => string | undefined } = {},
): ProblemMessage {
  const title = problemTitle(problem)
  const same = (a: string, b: string) => a.replace(/[.!\s]+$/, '').toLowerCase() === b.replace(/[.!\s]+$/, '').toLowerCase()
  let detail = problem.detail && !same(problem.detail, title) ? problem.detail : ''
  if (!detail && problem.status === 429) {
    detail = problem.retryAfter ? `Try again in ${problem.retryAfter} seconds.` : 'Try again in a moment.'
  }
  const items = (problem.errors ?? []).map((e) => {
    let pointer = e.pointer ?? ''
    if (options.stripPointer && pointer.startsWith(options.stripPointer)) {
      pointer = pointer.slice(options.stripPointer.length)
    }
    const label = options.labelFor?.(e.pointer) ?? pointerLabel(pointer)
    return label ? `${label}: ${e.detail}` : e.detail
  })
  return { title, detail, items }
}

/** The whole problem as plain text (one line per part), for toasts, logs and `Error.message`. */
export function problemToText(problem: Problem): string {
  const m = describeProblem(problem)
  return [m.title, m.detail, ...m.items.map((i) => `• ${i}`)].filter(Boolean).join('\n')
}
