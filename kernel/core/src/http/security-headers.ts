/**
 * Security headers on every response, through `@fastify/helmet` (root `onRequest`, so they are set before any hook
 * can answer — a 401, a 403 of the origin policy and a 404 carry them too):
 *
 * - `Content-Security-Policy` for the shell and every plugin UI: scripts only from this origin plus the hashes of the
 *   shell's inline scripts (its import map), no inline handlers, no plugins/objects, connections (fetch, websocket)
 *   to this origin only, `frame-ancestors 'none'`, `form-action 'self'`, `base-uri 'self'`. Styles allow
 *   `'unsafe-inline'`: Lit templates carry `style="…"` attributes, and a style cannot run code.
 * - `X-Frame-Options: DENY` (older browsers), `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`
 *   (feed and reset URLs carry tokens), the cross-origin opener/resource policies.
 * - `Strict-Transport-Security` and `upgrade-insecure-requests` only with `http.hsts` (clients arrive over TLS).
 * - `Cache-Control: no-store` on every `/api/` response that does not set its own: API answers are personal data
 *   (sessions, members, invoices). The versioned UI assets keep their immutable caching.
 *
 * Fastify's framework errors (414 and friends) are answered before any hook runs; {@link staticSecurityHeaders} gives
 * them the same headers.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import helmet from '@fastify/helmet'

/** Options of {@link installSecurityHeaders}. */
export interface SecurityHeaderOptions {
  /** Clients reach Tessera over TLS: send HSTS and upgrade insecure requests. */
  hsts: boolean
  /** CSP sources (`'sha256-…'`) of the shell's inline scripts. */
  scriptHashes: readonly string[]
}

/** The CSP directives for `options`. */
export function cspDirectives(options: SecurityHeaderOptions): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'", ...options.scriptHashes],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
    ...(options.hsts ? { 'upgrade-insecure-requests': [] } : {}),
  }
}

const HSTS_MAX_AGE = 365 * 24 * 3600

/** The headers helmet sets, as a plain map: for replies sent before any hook runs. */
export function staticSecurityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const csp = Object.entries(cspDirectives(options)).map(([k, v]) => [k, ...v].join(' ')).join(';')
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-store',
    ...(options.hsts ? { 'strict-transport-security': `max-age=${HSTS_MAX_AGE}` } : {}),
  }
}

/** Registers helmet and the `/api/` no-store rule on `app` (call before any route is registered). */
export async function installSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(options) },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    hsts: options.hsts ? { maxAge: HSTS_MAX_AGE, includeSubDomains: false } : false,
    crossOriginEmbedderPolicy: false,
  })
  app.addHook('onSend', async (req, reply: FastifyReply, payload) => {
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store')
    return payload
  })
}
