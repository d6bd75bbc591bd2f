/**
 * Every error leaves as RFC 9457 `application/problem+json`. Schema validation errors become 400 with one entry per
 * bad field (`pointer` like `/body/capacity`); Fastify's own client errors (malformed JSON, body too large, wrong
 * media type) keep their 4xx status; PostgreSQL constraint violations become 409/400, a deadlock or serialisation
 * failure a 503 with `Retry-After` (nothing was saved; send it again); anything else is a 500 whose detail is not
 * leaked. Errors Fastify answers before routing (a path parameter too long → 414, a malformed URL → 400)
 * and the HTTP parser's own (headers too large → 431, timeout → 408) are problem+json as well.
 */
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ProblemError } from '@tessera/sdk'
import { fieldErrors } from './field-error-text.ts'
import type { AjvLikeError } from './field-error-text.ts'
import { namedStatementLost } from '../db/prepared-statements.ts'

const titles: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable',
  408: 'Request Timeout', 409: 'Conflict', 413: 'Content Too Large', 414: 'URI Too Long', 415: 'Unsupported Media Type',
  422: 'Unprocessable Content', 429: 'Too Many Requests', 431: 'Request Header Fields Too Large',
  500: 'Internal Server Error', 503: 'Service Unavailable',
}

/** Sends a problem document. */
export function sendProblem(reply: FastifyReply, status: number, body: Record<string, unknown>): FastifyReply {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: 'about:blank', title: titles[status] ?? 'Error', status, ...body, instance: reply.request.url })
}

function pgProblem(err: { code?: string; constraint?: string; detail?: string }): [number, string] | undefined {
  switch (err.code) {
    case '23P01': return [409, `The change conflicts with existing data (${err.constraint}).`]
    case '23505': return [409, `An item with the same key already exists (${err.constraint}).`]
    case '23503': return [409, `The change refers to an item that does not exist or is still in use (${err.constraint}).`]
    case '23514': return [400, `A value is out of range (${err.constraint}).`]
    case '22P02': case '22007': case '22008': return [400, 'A value has the wrong format.']
    case '22021': case '22P05': return [400, 'A text value contains a character that cannot be stored (such as U+0000).']
    default: return undefined
  }
}

/**
 * PostgreSQL's verdicts on concurrency, not on the request: a deadlock it broke (`40P01`) or a serialisation failure
 * (`40001`). The transaction is rolled back whole, so the same request can be sent again: a 503 with `Retry-After`.
 */
function transient(err: { code?: string }): boolean {
  return err.code === '40P01' || err.code === '40001'
}

/** What a request that met a named statement PostgreSQL could not run is told (`db/prepared-statements.ts`). */
const NAMED_STATEMENT_LOST = {
  changed: 'The database was being upgraded while this request ran, and nothing was saved. Please try again.',
  forgotten: 'The connection to the database was reset while this request ran, and nothing was saved. Please try again.',
} as const

/** Installs the error handler; call before registering routes (child contexts inherit it when created). */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { validationContext?: string; validation?: AjvLikeError[] }, request, reply) => {
    if (error instanceof ProblemError) {
      if (error.status >= 500) request.log.error({ err: error }, error.message)
      return sendProblem(reply, error.status, {
        type: error.type, title: error.title, detail: error.detail, ...(error.errors ? { errors: error.errors } : {}), ...error.extra,
      })
    }
    if (error.validation) {
      const part = error.validationContext ?? 'body'
      return sendProblem(reply, 400, { detail: 'Some values are not valid.', errors: fieldErrors(part, error.validation) })
    }
    const pg = pgProblem(error as never)
    if (pg) return sendProblem(reply, pg[0], { detail: pg[1] })
    const lost = namedStatementLost(error)
    if (lost) {
      request.log.warn({ err: error }, 'a named statement could not run; the connection parses its statements again')
      return sendProblem(reply.header('retry-after', '1'), 503, { detail: NAMED_STATEMENT_LOST[lost] })
    }
    if (transient(error as never)) {
      // the transaction was rolled back whole; the same request may simply be sent again
      request.log.warn({ err: error }, 'transaction failed on a concurrent one')
      return sendProblem(reply.header('retry-after', '1'), 503, {
        detail: 'The change collided with another one being made at the same moment, and nothing was saved. Please try again.',
      })
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500
    if (status === 500) request.log.error({ err: error }, 'unhandled error')
    return sendProblem(reply, status, { detail: status === 500 ? 'An unexpected error occurred; it has been logged.' : error.message })
  })
}

/** Installs the not-found handler: problem+json under /api/ and /ui/plugins/ (bundle files), otherwise `fallback` (the UI shell) for GETs. */
export function installNotFoundHandler(app: FastifyInstance, fallback?: (req: FastifyRequest, reply: FastifyReply) => unknown): void {
  app.setNotFoundHandler((request, reply) => {
    // a missing file of a plugin's UI bundle (not built) is a 404, not the shell: a module script must never get HTML
    if (fallback && request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/ui/plugins/')) return fallback(request, reply)
    return sendProblem(reply, 404, { detail: `No route ${request.method} ${request.url.split('?')[0]}.` })
  })
}

/**
 * The `frameworkErrors` option of Fastify: errors raised while routing, before any hook runs (so `headers`, the
 * security headers, are set here). A path parameter longer than `maxParamLength` is a 414.
 */
export function frameworkErrorHandler(headers: Record<string, string>): (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => void {
  return (error, _req, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400
    const detail = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path segment of the URL is too long.'
      : error.code === 'FST_ERR_BAD_URL' ? 'The URL is not validly encoded.' : 'The request could not be routed.'
    void sendProblem(reply.headers(headers), status, { detail })
  }
}

/**
 * The `clientErrorHandler` option of Fastify: the HTTP parser refused the request (headers too large, timeout,
 * malformed). There is no request object: the problem document is written to the socket directly.
 */
export function clientErrorHandler(headers: Record<string, string>): (err: Error & { code?: string }, socket: Socket) => void {
  return (err, socket) => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400
    const detail = status === 408 ? 'The request took too long to arrive.' : status === 431 ? 'The request line or headers are too large.' : 'The request is malformed.'
    const body = JSON.stringify({ type: 'about:blank', title: titles[status], status, detail })
    const head = Object.entries({ ...headers, 'content-type': 'application/problem+json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), connection: 'close' })
      .map(([k, v]) => `${k}: ${v}`).join('\r\n')
    if (socket.writable) socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n\r\n${body}`)
    socket.destroy(err)
  }
}
