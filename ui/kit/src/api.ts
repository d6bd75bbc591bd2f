/**
 * `api()`: the UI's one way to call the kernel. JSON in, JSON out, cookies sent (`credentials: same-origin`),
 * and every failure thrown as a {@link ProblemError} carrying a problem+json body, whether the server sent
 * one, sent something else (a proxy's HTML page), or could not be reached at all (status 0).
 *
 * A 401 from any call also dispatches `tz-unauthorized` on `window` (unless `notifyUnauthorized: false`), so
 * the shell can return to the sign-in screen when a session expires while a plugin screen is open.
 */
import { isProblem, problemToText, titleForStatus } from './problem.ts'
import type { Problem } from './problem.ts'

/** An HTTP failure with its problem+json body. */
export class ProblemError extends Error {
  readonly status: number
  readonly problem: Problem

  constructor(problem: Problem) {
    super(problemToText(problem))
    this.name = 'ProblemError'
    this.status = problem.status
    this.problem = problem
  }
}

export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Sent as JSON. */
  body?: unknown
  query?: Record<string, string | number | boolean | undefined>
  headers?: Record<string, string>
  signal?: AbortSignal
  /** Set false for calls where 401 is an expected answer (sign-in, session probe). */
  notifyUnauthorized?: boolean
}

/** Calls `path` (e.g. `/api/v1/auth/me`) and resolves with the parsed JSON body, or `undefined` for 204. */
export async function api<T>(path: string, options: ApiOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...options.headers }
  let body: string | undefined
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  let url = path
  if (options.query) {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(options.query)) if (v !== undefined) params.set(k, String(v))
    const qs = params.toString()
    if (qs) url += (url.includes('?') ? '&' : '?') + qs
  }
  let response: Response
  try {
    response = await fetch(url, {
      method: options.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    })
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error
    throw new ProblemError({
      title: titleForStatus(0),
      status: 0,
      detail: 'Check your connection and try again.',
    })
  }
  if (response.ok) {
    if (response.status === 204) return undefined as T
    const text = await response.text()
    return (text ? JSON.parse(text) : undefined) as T
  }
  const problem = await readProblem(response)
  if (response.status === 401 && options.notifyUnauthorized !== false && typeof window !== 'undefined') {
    window.dispatchEvent(new CustomEvent('tz-unauthorized', { detail: problem }))
  }
  throw new ProblemError(problem)
}

async function readProblem(response: Response): Promise<Problem> {
  let parsed: unknown
  try {
    parsed = await response.json()
  } catch {
    parsed = undefined
  }
  const problem: Problem = isProblem(parsed)
    ? parsed
    : { title: titleForStatus(response.status), status: response.status }
  const retryAfter = Number(response.headers.get('retry-after'))
  if (Number.isFinite(retryAfter) && retryAfter > 0) problem.retryAfter = retryAfter
  return problem
}
