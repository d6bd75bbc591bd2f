/**
 * A client of the UniFi Network Integration API's hotspot vouchers: `POST /v1/sites/{siteId}/hotspot/vouchers`
 * (generate `count` vouchers: name, time limit, optional data limit) and `GET` of the same path, authenticated with
 * the `X-API-KEY` header. Errors become clear problems (502 when the controller refuses or cannot be reached).
 */
import { ProblemError } from '@tessera/sdk'

/** A voucher as the controller returns it (the fields this plugin uses). */
export interface UnifiVoucher {
  id: string
  code: string
  name: string
  timeLimitMinutes: number
  dataUsageLimitMBytes?: number | null
}

/** What to generate. */
export interface VoucherRequest {
  name: string
  count: number
  timeLimitMinutes: number
  dataUsageLimitMBytes?: number
}

/** The controller of one tenant. */
export interface UnifiSettings { baseUrl: string; siteId: string; apiKey: string }

function badGateway(detail: string): ProblemError {
  return new ProblemError(502, 'Bad Gateway', { detail })
}

async function call(s: UnifiSettings, method: 'GET' | 'POST', body?: unknown): Promise<unknown> {
  const url = `${s.baseUrl.replace(/\/+$/, '')}/v1/sites/${encodeURIComponent(s.siteId)}/hotspot/vouchers`
  let res: Response
  try {
    res = await fetch(url, {
      method,
      headers: { 'X-API-KEY': s.apiKey, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(10_000),
    })
  } catch (err) {
    throw badGateway(`The UniFi controller cannot be reached: ${(err as Error).message}`)
  }
  const text = await res.text()
  if (!res.ok) throw badGateway(`The UniFi controller answered ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`)
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw badGateway('The UniFi controller answered with something that is not JSON.')
  }
}

function asVouchers(list: unknown): UnifiVoucher[] {
  if (!Array.isArray(list)) throw badGateway('The UniFi controller answered without a voucher list.')
  return list.map((v: Partial<UnifiVoucher>) => {
    if (typeof v?.id !== 'string' || typeof v.code !== 'string') throw badGateway('The UniFi controller answered with a voucher without id or code.')
    return { id: v.id, code: v.code, name: String(v.name ?? ''), timeLimitMinutes: Number(v.timeLimitMinutes ?? 0), dataUsageLimitMBytes: v.dataUsageLimitMBytes ?? null }
  })
}

/** Generates vouchers; returns them with their codes. */
export async function createVouchers(s: UnifiSettings, r: VoucherRequest): Promise<UnifiVoucher[]> {
  const body = { name: r.name, count: r.count, timeLimitMinutes: r.timeLimitMinutes, authorizedGuestLimit: 1, ...(r.dataUsageLimitMBytes ? { dataUsageLimitMBytes: r.dataUsageLimitMBytes } : {}) }
  const out = (await call(s, 'POST', body)) as { vouchers?: unknown }
  return asVouchers(out?.vouchers)
}

/** Lists the site's vouchers (first page). */
export async function listUnifiVouchers(s: UnifiSettings): Promise<UnifiVoucher[]> {
  const out = (await call(s, 'GET')) as { data?: unknown }
  return asVouchers(out?.data)
}
