/**
 * A stateful local Xero for tests: one HTTP server with
 * - identity: a consent page (`GET /identity/connect/authorize`, the organisations to allow, "Allow access"), the token
 *   endpoint (`POST /identity/connect/token`: authorization_code with PKCE check, refresh_token with rotation),
 *   `GET /connections`, `DELETE /connections/:id` and `POST /identity/connect/revocation`;
 * - the accounting API at `/api.xro/2.0` (see `fake-accounting.ts`; tracking categories validated on invoice lines), behind Bearer tokens and the `xero-tenant-id`
 *   header, with Xero's limits per organisation: `limitPerWindow` calls per `windowMs` (60 per minute by default;
 *   tests shorten the window, the mechanism is the same), 5 concurrent calls and 5,000 a day — a 429 with `Retry-After`
 *   (seconds) and `X-Rate-Limit-Problem`; the remaining budget in `X-MinLimit-Remaining`/`X-DayLimit-Remaining`;
 * - idempotency-key replay, and webhook delivery signed like Xero's (`x-xero-signature`, HMAC-SHA256 base64).
 */
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto'
import { FakeState } from './fake-state.ts'
import type { FakeOrganisation, FakeTrackingCategory } from './fake-state.ts'
import { handleAccounting, recordPayment } from './fake-accounting.ts'

/** Options of {@link startXeroFake}. */
export interface XeroFakeOptions {
  /** Calls allowed per window and organisation (Xero: 60). */
  limitPerWindow?: number
  /** The window of `limitPerWindow` in ms (Xero: 60,000). */
  windowMs?: number
  /** Concurrent calls per organisation (Xero: 5). */
  concurrent?: number
  /** Calls per day and organisation (Xero: 5,000). */
  perDay?: number
  /** Artificial latency of each accounting call, ms. */
  latencyMs?: number
}

/** A running fake. */
export interface XeroFake {
  url: string
  state: FakeState
  /** URLs to give the plugin's `XeroIdentity` and accounting client. */
  endpoints: { authorizeUrl: string; tokenUrl: string; connectionsUrl: string; revokeUrl: string; accountingBasePath: string }
  addOrganisation(name: string): FakeOrganisation
  /** Adds an active tracking category with its options to an organisation (what a bookkeeper sets up in Xero). */
  addTrackingCategory(org: FakeOrganisation, name: string, options: string[]): FakeTrackingCategory
  /** A payment entered in Xero itself (by a bookkeeper), as the webhook then reports. */
  recordPaymentInXero(org: FakeOrganisation, invoiceNumber: string, amount: number): void
  /**
   * Spends the organisation's calls of a window (as another app or a bookkeeper's tool would): the window is filled
   * at the organisation's next call, however long it is in coming, so that call is a 429 with `Retry-After`.
   */
  useUpWindow(org: FakeOrganisation): void
  /** Signs a webhook body with `key` the way Xero does. */
  sign(body: string, key: string): string
  /** POSTs a signed webhook to `url`: `events` of the payload, signed with `key` (or a forged signature). */
  deliverWebhook(url: string, events: unknown[], key: string, options?: { forge?: boolean; headers?: Record<string, string> }): Promise<Response>
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

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8', ...headers })
  res.end(text)
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** Starts the fake on a free port of 127.0.0.1. */
export async function startXeroFake(options: XeroFakeOptions = {}): Promise<XeroFake> {
  const limit = options.limitPerWindow ?? 60
  const windowMs = options.windowMs ?? 60_000
  const concurrentLimit = options.concurrent ?? 5
  const perDay = options.perDay ?? 5000
  const state = new FakeState()
  const inFlight = new Map<string, number>()
  const windows = new Map<string, number[]>()
  /** Organisations whose window another app spends at their next call (`useUpWindow`). */
  const spendAtNextCall = new Set<string>()
  const days = new Map<string, number>()

  function issueToken(tenantIds: string[]): Record<string, unknown> {
    const token = { accessToken: randomBytes(18).toString('base64url'), refreshToken: randomBytes(18).toString('base64url'), accessExpiresAt: Date.now() + 1800_000, tenantIds, revoked: false }
    state.tokens.push(token)
    return { access_token: token.accessToken, refresh_token: token.refreshToken, expires_in: 1800, token_type: 'Bearer', scope: 'offline_access accounting.invoices accounting.contacts accounting.payments accounting.settings' }
  }

  async function identity(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method === 'GET' && url.pathname === '/identity/connect/authorize') {
      const q = url.searchParams
      if (q.get('response_type') !== 'code' || !q.get('client_id') || !q.get('redirect_uri') || !q.get('state')) return send(res, 400, '<h1>invalid_request</h1>')
      const orgs = [...state.organisations.values()]
      const hidden = ['client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method', 'scope']
        .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(q.get(k) ?? '')}">`).join('')
      const boxes = orgs.map((o) => `<label><input type="checkbox" name="tenant" value="${o.tenantId}" checked> ${escapeHtml(o.name)}</label><br>`).join('')
      return send(res, 200, `<!doctype html><html><head><title>Xero (fake) — allow access</title></head><body style="font-family:sans-serif;max-width:32rem;margin:3rem auto">
<h1>Tessera wants to access your Xero</h1><p>Scopes: ${escapeHtml(q.get('scope') ?? '')}</p>
<form method="post" action="/identity/consent">${hidden}<fieldset><legend>Organisations</legend>${boxes}</fieldset><p><button type="submit">Allow access</button></p></form></body></html>`)
    }
    if (req.method === 'POST' && url.pathname === '/identity/consent') {
      const form = new URLSearchParams(await readBody(req))
      const code = randomBytes(12).toString('base64url')
      state.codes.set(code, { tenantIds: form.getAll('tenant'), redirectUri: form.get('redirect_uri')!, codeChallenge: form.get('code_challenge') || undefined, clientId: form.get('client_id')! })
      const target = new URL(form.get('redirect_uri')!)
      target.searchParams.set('code', code)
      target.searchParams.set('state', form.get('state')!)
      res.writeHead(302, { location: target.toString() })
      return void res.end()
    }
    if (req.method === 'POST' && url.pathname === '/identity/connect/token') {
      const auth = req.headers.authorization ?? ''
      const [clientId] = Buffer.from(auth.replace(/^Basic /, ''), 'base64').toString().split(':')
      const form = new URLSearchParams(await readBody(req))
      if (form.get('grant_type') === 'authorization_code') {
        const grant = state.codes.get(form.get('code') ?? '')
        state.codes.delete(form.get('code') ?? '')
        if (!grant || grant.redirectUri !== form.get('redirect_uri') || grant.clientId !== clientId) return send(res, 400, { error: 'invalid_grant' })
        if (grant.codeChallenge) {
          const verifier = form.get('code_verifier') ?? ''
          if (createHash('sha256').update(verifier).digest('base64url') !== grant.codeChallenge) return send(res, 400, { error: 'invalid_grant', error_description: 'code_verifier' })
        }
        return send(res, 200, issueToken(grant.tenantIds))
      }
      if (form.get('grant_type') === 'refresh_token') {
        const old = state.tokens.find((t) => t.refreshToken === form.get('refresh_token'))
        if (!old || old.revoked) return send(res, 400, { error: 'invalid_grant' })
        old.revoked = true
        return send(res, 200, issueToken(old.tenantIds))
      }
      return send(res, 400, { error: 'unsupported_grant_type' })
    }
    if (req.method === 'POST' && url.pathname === '/identity/connect/revocation') {
      const form = new URLSearchParams(await readBody(req))
      for (const t of state.tokens) if (t.refreshToken === form.get('token') || t.accessToken === form.get('token')) t.revoked = true
      return send(res, 200, {})
    }
    if (url.pathname.startsWith('/connections')) {
      const token = state.tokenFor((req.headers.authorization ?? '').replace(/^Bearer /, ''))
      if (!token) return send(res, 401, { Title: 'Unauthorized', Status: 401 })
      if (req.method === 'DELETE') {
        const id = url.pathname.split('/')[2]
        token.tenantIds = token.tenantIds.filter((t) => t !== id)
        res.writeHead(204)
        return void res.end()
      }
      return send(res, 200, token.tenantIds.map((tid) => ({
        id: createHash('md5').update(tid).digest('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
        tenantId: tid, tenantType: 'ORGANISATION', tenantName: state.organisations.get(tid)?.name ?? 'Unknown',
        createdDateUtc: new Date().toISOString(), updatedDateUtc: new Date().toISOString(),
      })))
    }
    send(res, 404, { error: 'not found' })
  }

  async function accounting(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const token = state.tokenFor((req.headers.authorization ?? '').replace(/^Bearer /, ''))
    const tenantId = String(req.headers['xero-tenant-id'] ?? '')
    const path = url.pathname.slice('/api.xro/2.0'.length)
    const key = req.headers['idempotency-key'] as string | undefined
    const record = (status: number) => state.calls.push({ method: req.method!, path, status, tenantId, idempotencyKey: key, at: Date.now() })
    const raw = await readBody(req)
    if (!token) {
      record(401)
      return send(res, 401, { Type: null, Title: 'Unauthorized', Status: 401, Detail: 'AuthenticationUnsuccessful' })
    }
    const org = state.organisations.get(tenantId)
    if (!org || !token.tenantIds.includes(tenantId)) {
      record(403)
      return send(res, 403, { Type: null, Title: 'Forbidden', Status: 403, Detail: 'AuthorizationUnsuccessful' })
    }
    // Xero's limits, per organisation
    const nowMs = Date.now()
    if (spendAtNextCall.delete(tenantId)) windows.set(tenantId, [...(windows.get(tenantId) ?? []), ...Array.from({ length: limit }, () => nowMs)])
    const stamps = (windows.get(tenantId) ?? []).filter((t) => t > nowMs - windowMs)
    windows.set(tenantId, stamps)
    const dayKey = `${tenantId}:${new Date().toISOString().slice(0, 10)}`
    const day = days.get(dayKey) ?? 0
    const running = inFlight.get(tenantId) ?? 0
    const problem = running >= concurrentLimit ? 'concurrent' : stamps.length >= limit ? 'minute' : day >= perDay ? 'day' : undefined
    if (problem) {
      record(429)
      const retryMs = problem === 'minute' ? stamps[0] + windowMs - nowMs : problem === 'concurrent' ? 1000 : 86_400_000
      return send(res, 429, { Title: 'Too Many Requests', Status: 429 }, {
        'retry-after': String(Math.max(1, Math.ceil(retryMs / 1000))), 'x-rate-limit-problem': problem,
        'x-minlimit-remaining': String(Math.max(0, limit - stamps.length)), 'x-daylimit-remaining': String(Math.max(0, perDay - day)),
      })
    }
    stamps.push(nowMs)
    days.set(dayKey, day + 1)
    inFlight.set(tenantId, running + 1)
    try {
      if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs))
      const limitHeaders = { 'x-minlimit-remaining': String(limit - stamps.length), 'x-daylimit-remaining': String(perDay - day - 1), 'x-appminlimit-remaining': '9999' }
      const write = req.method !== 'GET'
      if (write && key && org.idempotent.has(key)) {
        const stored = org.idempotent.get(key)!
        record(stored.status)
        return send(res, stored.status, stored.body, { ...limitHeaders, 'idempotent-replayed': 'true' })
      }
      let body: Record<string, unknown> | undefined
      try {
        body = raw ? JSON.parse(raw) : undefined
      } catch {
        record(400)
        return send(res, 400, { ErrorNumber: 14, Type: 'PostDataInvalidException', Message: 'JSON for the request body is not valid' })
      }
      const reply = handleAccounting(org, req.method!, path, url, body)
      if (write && key) org.idempotent.set(key, reply)
      record(reply.status)
      send(res, reply.status, reply.body, limitHeaders)
    } finally {
      inFlight.set(tenantId, (inFlight.get(tenantId) ?? 1) - 1)
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const run = url.pathname.startsWith('/api.xro/2.0') ? accounting(req, res, url) : identity(req, res, url)
    run.catch((err: Error) => send(res, 500, { Type: 'Exception', Message: err.message }))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const sign = (body: string, key: string) => createHmac('sha256', key).update(body).digest('base64')
  return {
    url, state,
    endpoints: {
      authorizeUrl: `${url}/identity/connect/authorize`, tokenUrl: `${url}/identity/connect/token`, connectionsUrl: `${url}/connections`,
      revokeUrl: `${url}/identity/connect/revocation`, accountingBasePath: `${url}/api.xro/2.0`,
    },
    addOrganisation: (name) => state.addOrganisation(name),
    addTrackingCategory: (org, name, options) => state.addTrackingCategory(org, name, options),
    recordPaymentInXero(org, invoiceNumber, amount) {
      const invoice = org.invoices.find((i) => i.InvoiceNumber === invoiceNumber)
      if (!invoice) throw new Error(`no invoice ${invoiceNumber} in ${org.name}`)
      recordPayment(org, invoice, amount, Object.keys(org.accounts).find((c) => org.accounts[c] === 'BANK')!, 'entered in Xero', new Date().toISOString().slice(0, 10))
    },
    useUpWindow(org) {
      spendAtNextCall.add(org.tenantId)
    },
    sign,
    async deliverWebhook(target, events, key, o = {}) {
      const body = JSON.stringify({ events, firstEventSequence: events.length ? 1 : 0, lastEventSequence: events.length, entropy: randomBytes(10).toString('hex').toUpperCase() })
      const signature = o.forge ? sign(body, `${key}-forged`) : sign(body, key)
      return fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', 'x-xero-signature': signature, ...o.headers }, body })
    },
    close: () => new Promise<void>((r) => {
      server.closeAllConnections()
      server.close(() => r())
    }),
  }
}

/** A Xero webhook event for an invoice update (what Xero sends when a payment is recorded on it). */
export function invoiceEvent(org: FakeOrganisation, invoiceId: string): Record<string, unknown> {
  return {
    resourceUrl: `https://api.xero.com/api.xro/2.0/Invoices/${invoiceId}`, resourceId: invoiceId, eventDateUtc: new Date().toISOString(),
    eventType: 'UPDATE', eventCategory: 'INVOICE', tenantId: org.tenantId, tenantType: 'ORGANISATION', id: randomUUID(),
  }
}
