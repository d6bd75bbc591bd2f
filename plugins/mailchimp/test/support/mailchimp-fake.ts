/**
 * A stateful local Mailchimp Marketing API for tests, at `http://127.0.0.1:<port>/3.0` (the real SDK replaces the
 * literal `server` in its URL with the account's prefix, so the URL never contains that word). It checks the API key
 * (HTTP Basic, any user name), serves the paths the SDK calls (lists, members by subscriber hash, merge fields, tags,
 * permanent delete, batches whose operations are applied to the same state), counts concurrent connections, can be
 * told to answer the next calls with 429 or 503, and delivers webhooks the way Mailchimp does (form-encoded
 * `type=…&fired_at=…&data[…]=…`, unsigned).
 */
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { FakeAudiences, subscriberHash } from './fake-audiences.ts'
import type { FakeList } from './fake-audiences.ts'

/** Options of {@link startMailchimpFake}. */
export interface MailchimpFakeOptions {
  /** The account's API key (default `test-key-us21`). */
  apiKey?: string
  /** How long a batch stays pending before its operations are applied, ms (default 300). */
  batchDelayMs?: number
  /** Artificial latency of each call, ms (default 0). */
  latencyMs?: number
}

/** A running fake. */
export interface MailchimpFake {
  /** `http://127.0.0.1:<port>/3.0`: the SDK's `basePath`. */
  basePath: string
  apiKey: string
  state: FakeAudiences
  /** The most connections that were open at once, and the most calls in flight at once. */
  readonly peak: { connections: number; inFlight: number }
  /** The next `count` calls (batches and single calls alike) answer `status` (429 with `Retry-After: 1`, or 5xx). */
  failNext(count: number, status: 429 | 500 | 502 | 503): void
  addList(name: string): FakeList
  /** A contact unsubscribing from a Mailchimp e-mail: state changes, then the `unsubscribe` webhook is delivered to `url`. */
  unsubscribe(url: string, list: FakeList, email: string): Promise<Response>
  /** POSTs a Mailchimp webhook of `type` with `data` (nested objects become `data[merges][FNAME]`) to `url`. */
  deliverWebhook(url: string, type: string, data: Record<string, unknown>): Promise<Response>
  close(): Promise<void>
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = ''
    req.setEncoding('utf8')
    req.on('data', (c) => (data += c))
    req.on('end', () => resolve(data))
    req.on('error', reject)
  })
}

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) { res.writeHead(status, headers); res.end(); return }
  res.writeHead(status, { 'content-type': status >= 400 ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8', ...headers })
  res.end(JSON.stringify(body))
}

/** Mailchimp's webhook form: `data[merges][FNAME]=Ada` for nested values. */
export function webhookForm(type: string, data: Record<string, unknown>, firedAt = new Date()): URLSearchParams {
  const form = new URLSearchParams({ type, fired_at: firedAt.toISOString().replace('T', ' ').slice(0, 19) })
  const walk = (prefix: string, v: unknown) => {
    if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(`${prefix}[${k}]`, x)
    else form.append(prefix, String(v ?? ''))
  }
  walk('data', data)
  return form
}

/** Starts the fake on a free port of 127.0.0.1. */
export async function startMailchimpFake(options: MailchimpFakeOptions = {}): Promise<MailchimpFake> {
  const apiKey = options.apiKey ?? 'test-key-us21'
  const batchDelayMs = options.batchDelayMs ?? 300
  const state = new FakeAudiences()
  const peak = { connections: 0, inFlight: 0 }
  let connections = 0
  let inFlight = 0
  const failures: number[] = []
  const sockets = new Set<Socket>()

  const server = createServer(async (req, res) => {
    inFlight++
    peak.inFlight = Math.max(peak.inFlight, inFlight)
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const text = await readBody(req)
      if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs))
      const auth = req.headers.authorization ?? ''
      const key = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString().split(':').slice(1).join(':') : ''
      if (key !== apiKey) return send(res, 401, { title: 'API Key Invalid', status: 401, detail: 'Your API key may be invalid, or you\'ve attempted to access the wrong datacenter.' })
      if (failures.length) {
        const status = failures.shift()!
        return send(res, status, { title: status === 429 ? 'Too Many Requests' : 'Internal Server Error', status, detail: 'Try again later.' }, status === 429 ? { 'retry-after': '1' } : {})
      }
      if (!url.pathname.startsWith('/3.0/')) return send(res, 404, { title: 'Resource Not Found', status: 404, detail: url.pathname })
      const path = url.pathname.slice('/3.0'.length)
      const method = req.method ?? 'GET'
      const body = text ? JSON.parse(text) : undefined
      const pattern = `${method} ${path.replace(/\/members\/[0-9a-f]{32}/, '/members/{hash}').replace(/^\/lists\/[0-9a-f]+/, '/lists/{id}').replace(/^\/batches\/[0-9a-f]+/, '/batches/{id}')}`
      state.calls.set(pattern, (state.calls.get(pattern) ?? 0) + 1)
      if (path === '/batches' && method === 'POST') {
        const ops = (body?.operations ?? []) as { method: string; path: string; body?: string }[]
        if (!Array.isArray(ops) || !ops.length) return send(res, 400, { title: 'Invalid Resource', status: 400, detail: 'operations is required' })
        const b = state.startBatch(ops, batchDelayMs)
        return send(res, 200, { id: b.id, status: b.status, total_operations: b.total_operations, finished_operations: 0, errored_operations: 0, submitted_at: b.submitted_at })
      }
      if (path.startsWith('/batches/') && method === 'GET') {
        const b = state.batches.get(path.split('/')[2])
        if (!b) return send(res, 404, { title: 'Resource Not Found', status: 404, detail: 'No such batch.' })
        const { operations: _o, ...shown } = b
        return send(res, 200, { ...shown, response_body_url: b.status === 'finished' ? `http://127.0.0.1/results/${b.id}.tar.gz` : '' })
      }
      const r = state.apply(method, path, body, url.searchParams)
      send(res, r.status, r.body)
    } catch (error) {
      send(res, 500, { title: 'Internal Server Error', status: 500, detail: String(error) })
    } finally {
      inFlight--
    }
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    connections++
    peak.connections = Math.max(peak.connections, connections)
    socket.on('close', () => { connections--; sockets.delete(socket) })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  const deliverWebhook = (url: string, type: string, data: Record<string, unknown>) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'MailChimp' }, body: webhookForm(type, data).toString() })

  return {
    basePath: `http://127.0.0.1:${port}/3.0`,
    apiKey,
    state,
    peak,
    failNext(count, status) { for (let i = 0; i < count; i++) failures.push(status) },
    addList: (name) => state.addList(name),
    async unsubscribe(url, list, email) {
      const m = list.members.get(subscriberHash(email))
      if (m) m.status = 'unsubscribed'
      return deliverWebhook(url, 'unsubscribe', { action: 'unsub', reason: 'manual', id: m?.id ?? '', list_id: list.id, email, email_type: 'html', merges: { EMAIL: email, ...(m?.merge_fields ?? {}) } })
    },
    deliverWebhook,
    close: () => new Promise<void>((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()) }),
  }
}
