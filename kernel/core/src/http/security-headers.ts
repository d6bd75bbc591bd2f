/**
 * Security headers on every response — the set `@fastify/helmet` would send with these options, computed once at boot
 * and written by one synchronous root `onRequest` hook (so they are set before any hook can answer — a 401, a 403 of
 * the origin policy and a 404 carry them too; helmet's per-request middleware chain cost ~3 % of a read request's
 * CPU, see bench/README.md):
 *
 * - `Content-Security-Policy` for the shell and every plugin UI: scripts only from this origin plus the hashes of the
 *   shell's inline scripts (its import map), no inline handlers, no plugins/objects, connections (fetch, websocket)
 *   to this origin only, `frame-ancestors 'none'`, `form-action 'self'`, `base-uri 'self'`. Styles allow
 *   `'unsafe-inline'`: Lit templates carry `style="…"` attributes, and a style cannot run code. Origins that installed
 *   plugins declare in their manifest's `csp` (a payment provider's browser SDK) are added to `script-src`,
 *   `frame-src` and `connect-src` — the kernel itself names no outside origin.
 * - `X-Frame-Options: DENY` (older browsers), `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`
 *   (feed and reset URLs carry tokens), the cross-origin opener/resource policies, and helmet's other defaults
 *   (`Origin-Agent-Cluster`, `X-DNS-Prefetch-Control`, `X-Download-Options`, `X-Permitted-Cross-Domain-Policies`,
 *   `X-XSS-Protection: 0`).
 * - `Strict-Transport-Security` and `upgrade-insecure-requests` only with `http.hsts` (clients arrive over TLS).
 * - `Cache-Control: no-store` on every `/api/` response that does not set its own: API answers are personal data
 *   (sessions, members, invoices). The versioned UI assets keep their immutable caching.
 * - **`/api/` answers get the short set an API needs** ({@link apiSecurityHeaders}, OWASP's REST cheat sheet): they are
 *   JSON, PDFs, iCal feeds and two small HTML pages (one-click unsubscribe), never an app document, so the policy
 *   allows nothing to load (`default-src 'none'`, inline styles only, forms to this origin, no framing), and the
 *   headers that act only on documents that run scripts (COOP, `Origin-Agent-Cluster`, DNS prefetch, IE's download
 *   and XSS-filter switches, Flash/PDF cross-domain policies) are left out — 7 headers and a 110-byte policy instead
 *   of 13 and ~300 bytes: setting, checking and writing them was the largest cost left on the read path after the
 *   database (bench/README.md).
 *
 * The headers go into Fastify's reply headers (`reply-headers.ts`), not onto the raw response: then Node writes the
 * reply's header object in one pass (`writeHead` with no headers set on the response before), and a route's own
 * value of any of them (a `Cache-Control` of a feed, the `frame-ancestors 'self'` of an invoice PDF) simply
 * replaces the default.
 *
 * Fastify's framework errors (414 and friends) are answered before any hook runs; {@link staticSecurityHeaders} gives
 * them the same headers.
 */
import type { FastifyInstance } from 'fastify'
import { presetHeaders } from './reply-headers.ts'

/** Options of {@link installSecurityHeaders}. */
export interface SecurityHeaderOptions {
  /** Clients reach Tessera over TLS: send HSTS and upgrade insecure requests. */
  hsts: boolean
  /** CSP sources (`'sha256-…'`) of the shell's inline scripts. */
  scriptHashes: readonly string[]
  /** Origins the installed plugins declared (`csp` in their manifests, validated there): added to the directives. */
  pluginSources?: { scriptSrc?: readonly string[]; frameSrc?: readonly string[]; connectSrc?: readonly string[] }
}

/** The union of the `csp` sources of `definitions` (each directive deduplicated, in declaration order). */
export function pluginCspSources(definitions: readonly { csp?: { scriptSrc?: string[]; frameSrc?: string[]; connectSrc?: string[] } | undefined }[]): NonNullable<SecurityHeaderOptions['pluginSources']> {
  const union = (k: 'scriptSrc' | 'frameSrc' | 'connectSrc') => [...new Set(definitions.flatMap((d) => d.csp?.[k] ?? []))]
  return { scriptSrc: union('scriptSrc'), frameSrc: union('frameSrc'), connectSrc: union('connectSrc') }
}

/** The CSP directives for `options`. */
export function cspDirectives(options: SecurityHeaderOptions): Record<string, string[]> {
  const extra = options.pluginSources ?? {}
  const frames = extra.frameSrc ?? []
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'", ...options.scriptHashes, ...(extra.scriptSrc ?? [])],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...(extra.connectSrc ?? [])],
    ...(frames.length ? { 'frame-src': ["'self'", ...frames] } : {}),
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
    ...(options.hsts ? { 'upgrade-insecure-requests': [] } : {}),
  }
}

const HSTS_MAX_AGE = 365 * 24 * 3600

/** The security headers of every response (without `Cache-Control`), in helmet's order. */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const csp = Object.entries(cspDirectives(options)).map(([k, v]) => [k, ...v].join(' ')).join(';')
  return {
    'content-security-policy': csp,
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    ...(options.hsts ? { 'strict-transport-security': `max-age=${HSTS_MAX_AGE}` } : {}),
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'DENY',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
  }
}

/** The CSP of `/api/` answers: nothing loads, inline styles for the two small HTML pages, forms post to this origin. */
export const API_CSP = "default-src 'none';style-src 'unsafe-inline';form-action 'self';frame-ancestors 'none';base-uri 'none'"

/** The security headers of an `/api/` answer (see the module comment), with `Cache-Control: no-store`. */
export function apiSecurityHeaders(options: Pick<SecurityHeaderOptions, 'hsts'>): Record<string, string> {
  return {
    'content-security-policy': API_CSP,
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    ...(options.hsts ? { 'strict-transport-security': `max-age=${HSTS_MAX_AGE}` } : {}),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'cache-control': 'no-store',
  }
}

/** The headers of every response plus `Cache-Control: no-store`: for replies sent before any hook runs. */
export function staticSecurityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return { ...securityHeaders(options), 'cache-control': 'no-store' }
}

/** Installs the headers (the API set on `/api/`) as one root `onRequest` hook (call before any route is registered). */
export function installSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions): void {
  const page = securityHeaders(options)
  const api = apiSecurityHeaders(options)
  app.addHook('onRequest', (req, reply, done) => {
    if (req.url.startsWith('/api/')) presetHeaders(reply, api)
    else presetHeaders(reply, page)
    done()
  })
}
