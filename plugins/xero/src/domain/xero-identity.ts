/**
 * `XeroIdentity`: Xero's OAuth 2.0 identity service — the consent URL, the authorisation-code exchange (with PKCE),
 * refresh, the list of connected organisations and revocation. xero-node hard-codes these URLs
 * (`identity.xero.com`, `api.xero.com/connections`), so the plugin talks to them through this interface;
 * `httpXeroIdentity(urls)` is the one implementation, with Xero's URLs by default and the fake's in tests.
 */

/** Tokens as the identity service returns them. */
export interface XeroTokenSet {
  accessToken: string
  refreshToken: string
  /** Seconds the access token lives (Xero: 1,800). */
  expiresIn: number
}

/** One organisation the consent covered. */
export interface XeroConnectionInfo {
  /** Connection id (for `DELETE /connections/:id`). */
  id: string
  /** The organisation id (`xero-tenant-id` header). */
  tenantId: string
  tenantName: string
}

/** The app's OAuth client. */
export interface XeroClientCredentials {
  clientId: string
  clientSecret: string
}

/** Xero's identity service. */
export interface XeroIdentity {
  authorizeUrl(input: { clientId: string; redirectUri: string; scopes: string; state: string; codeChallenge: string }): string
  exchangeCode(client: XeroClientCredentials, input: { code: string; redirectUri: string; codeVerifier: string }): Promise<XeroTokenSet>
  refresh(client: XeroClientCredentials, refreshToken: string): Promise<XeroTokenSet>
  connections(accessToken: string): Promise<XeroConnectionInfo[]>
  revoke(client: XeroClientCredentials, refreshToken: string): Promise<void>
}

/** An identity call Xero refused (`invalid_grant`: the refresh token is gone — reconnect). */
export class XeroIdentityError extends Error {
  readonly status: number
  readonly code: string
  constructor(status: number, code: string, message: string) {
    super(message)
    this.name = 'XeroIdentityError'
    this.status = status
    this.code = code
  }
}

/** Identity endpoints. */
export interface XeroIdentityUrls {
  authorizeUrl: string
  tokenUrl: string
  connectionsUrl: string
  revokeUrl: string
}

const XERO_URLS: XeroIdentityUrls = {
  authorizeUrl: 'https://login.xero.com/identity/connect/authorize',
  tokenUrl: 'https://identity.xero.com/connect/token',
  connectionsUrl: 'https://api.xero.com/connections',
  revokeUrl: 'https://identity.xero.com/connect/revocation',
}

function basic(c: XeroClientCredentials): string {
  return `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}`
}

async function tokenCall(url: string, client: XeroClientCredentials, form: Record<string, string>): Promise<XeroTokenSet> {
  const res = await fetch(url, {
    method: 'POST', headers: { authorization: basic(client), 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form), signal: AbortSignal.timeout(15_000),
  })
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>
  if (!res.ok) throw new XeroIdentityError(res.status, String(body.error ?? 'error'), `Xero identity refused the ${form.grant_type} grant: ${String(body.error_description ?? body.error ?? res.status)}`)
  return { accessToken: String(body.access_token), refreshToken: String(body.refresh_token), expiresIn: Number(body.expires_in ?? 1800) }
}

/** The identity service over HTTP, at Xero's URLs or the given ones. */
export function httpXeroIdentity(urls: Partial<XeroIdentityUrls> = {}): XeroIdentity {
  const u = { ...XERO_URLS, ...urls }
  return {
    authorizeUrl({ clientId, redirectUri, scopes, state, codeChallenge }) {
      const q = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: scopes, state, code_challenge: codeChallenge, code_challenge_method: 'S256' })
      return `${u.authorizeUrl}?${q}`
    },
    exchangeCode: (client, { code, redirectUri, codeVerifier }) =>
      tokenCall(u.tokenUrl, client, { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: codeVerifier }),
    refresh: (client, refreshToken) => tokenCall(u.tokenUrl, client, { grant_type: 'refresh_token', refresh_token: refreshToken }),
    async connections(accessToken) {
      const res = await fetch(u.connectionsUrl, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' }, signal: AbortSignal.timeout(15_000) })
      if (!res.ok) throw new XeroIdentityError(res.status, 'connections', `Xero refused the connections request (${res.status})`)
      const rows = (await res.json()) as { id: string; tenantId: string; tenantName: string; tenantType: string }[]
      return rows.filter((r) => r.tenantType === 'ORGANISATION').map((r) => ({ id: r.id, tenantId: r.tenantId, tenantName: r.tenantName }))
    },
    async revoke(client, refreshToken) {
      const res = await fetch(u.revokeUrl, {
        method: 'POST', headers: { authorization: basic(client), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: refreshToken }), signal: AbortSignal.timeout(15_000),
      })
      if (!res.ok) throw new XeroIdentityError(res.status, 'revoke', `Xero refused the revocation (${res.status})`)
    },
  }
}
