/**
 * A stateful fake of the UniFi Network Integration API's hotspot vouchers, for tests (exported as
 * `@tessera/plugin-wifi/testing`): `POST /v1/sites/{siteId}/hotspot/vouchers` generates `count` vouchers with
 * 10-digit codes, `GET` lists them (`{ offset, limit, count, totalCount, data }`). It checks the `X-API-KEY`
 * header (401), the site (404) and the body (400 for a missing or out-of-range `timeLimitMinutes`, `count`, ...),
 * and keeps every voucher per site; `failNext(status)` makes the next call fail.
 */
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomInt, randomUUID } from 'node:crypto'

/** A voucher as the fake keeps it. */
export interface FakeVoucher {
  id: string
  createdAt: string
  name: string
  code: string
  authorizedGuestLimit: number
  authorizedGuestCount: number
  timeLimitMinutes: number
  dataUsageLimitMBytes?: number
  expired: boolean
}

/** The running fake. */
export interface UnifiFake {
  /** Base URL to configure (`unifi.baseUrl`). */
  baseUrl: string
  apiKey: string
  siteId: string
  /** Vouchers per site. */
  vouchers(siteId?: string): FakeVoucher[]
  /** Requests seen (method, path, whether the key was right). */
  requests: { method: string; path: string; authorized: boolean }[]
  failNext(status: number): void
  close(): Promise<void>
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let raw = ''
  for await (const chunk of req) raw += chunk
  return raw ? JSON.parse(raw) : undefined
}

const int = (v: unknown, min: number, max: number) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max

/** Starts the fake on 127.0.0.1 (a random port) with one site and one API key. */
export async function startUnifiFake(opts: { apiKey?: string; siteId?: string } = {}): Promise<UnifiFake> {
  const apiKey = opts.apiKey ?? `key-${randomUUID()}`
  const siteId = opts.siteId ?? randomUUID()
  const bySite = new Map<string, FakeVoucher[]>([[siteId, []]])
  const requests: UnifiFake['requests'] = []
  let failStatus: number | undefined

  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname
      const authorized = req.headers['x-api-key'] === apiKey
      requests.push({ method: req.method ?? '', path, authorized })
      if (failStatus) { const s = failStatus; failStatus = undefined; return send(res, s, { statusCode: s, statusName: 'FAILED', message: 'injected failure' }) }
      if (!authorized) return send(res, 401, { statusCode: 401, statusName: 'UNAUTHORIZED', message: 'Missing or invalid API key' })
      const m = /^\/v1\/sites\/([^/]+)\/hotspot\/vouchers$/.exec(path)
      if (!m) return send(res, 404, { statusCode: 404, statusName: 'NOT_FOUND', message: 'No such endpoint' })
      const list = bySite.get(decodeURIComponent(m[1]!))
      if (!list) return send(res, 404, { statusCode: 404, statusName: 'NOT_FOUND', message: 'No such site' })
      if (req.method === 'GET') return send(res, 200, { offset: 0, limit: 100, count: Math.min(list.length, 100), totalCount: list.length, data: list.slice(0, 100) })
      if (req.method !== 'POST') return send(res, 405, { statusCode: 405, statusName: 'METHOD_NOT_ALLOWED', message: 'GET or POST' })
      const b = (await readJson(req).catch(() => undefined)) as Record<string, unknown> | undefined
      const problems: string[] = []
      if (!b || typeof b !== 'object') problems.push('body must be a JSON object')
      else {
        if (typeof b.name !== 'string' || !b.name) problems.push('name is required')
        if (!int(b.timeLimitMinutes, 1, 1_000_000)) problems.push('timeLimitMinutes must be an integer 1..1000000')
        if (b.count !== undefined && !int(b.count, 1, 1000)) problems.push('count must be an integer 1..1000')
        if (b.authorizedGuestLimit !== undefined && !int(b.authorizedGuestLimit, 1, 1000)) problems.push('authorizedGuestLimit must be an integer')
        if (b.dataUsageLimitMBytes !== undefined && !int(b.dataUsageLimitMBytes, 1, 1048576)) problems.push('dataUsageLimitMBytes must be an integer 1..1048576')
      }
      if (problems.length) return send(res, 400, { statusCode: 400, statusName: 'BAD_REQUEST', message: problems.join('; ') })
      const made: FakeVoucher[] = []
      for (let i = 0; i < ((b!.count as number | undefined) ?? 1); i++) {
        made.push({
          id: randomUUID(), createdAt: new Date().toISOString(), name: b!.name as string,
          code: String(randomInt(1_000_000_000, 9_999_999_999)), authorizedGuestLimit: (b!.authorizedGuestLimit as number | undefined) ?? 1,
          authorizedGuestCount: 0, timeLimitMinutes: b!.timeLimitMinutes as number,
          ...(b!.dataUsageLimitMBytes !== undefined ? { dataUsageLimitMBytes: b!.dataUsageLimitMBytes as number } : {}), expired: false,
        })
      }
      list.push(...made)
      send(res, 201, { vouchers: made })
    })().catch((err: unknown) => send(res, 500, { statusCode: 500, message: String(err) }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    apiKey, siteId, requests,
    vouchers: (id = siteId) => [...(bySite.get(id) ?? [])],
    failNext(status) { failStatus = status },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
