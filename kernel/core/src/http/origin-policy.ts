/**
 * The origin policy: a browser may change state (POST/PUT/PATCH/DELETE with ambient credentials) or open a websocket
 * only from an allowed origin. One root `onRequest` hook, before the caller is resolved and before any body is read,
 * covers every route — kernel, plugin (the access plugin's agent socket included) and unmatched — so CSRF and
 * cross-site websocket hijacking are refused in one place.
 *
 * Allowed origins: `http.publicOrigins` plus the origin of `http.publicUrl`; when both are empty, the request's own
 * origin (its scheme and `Host`, or `X-Forwarded-*` with `http.trustProxy`).
 *
 * The rule for a request it applies to (a websocket handshake, or a mutation not authenticated by `Authorization:
 * Bearer`):
 * 1. `Origin` present: it must be allowed (`null` never is) → otherwise 403.
 * 2. no `Origin`, `Sec-Fetch-Site` present: it must be `same-origin` or `none` → otherwise 403.
 * 3. neither: allowed. Every supported browser sends `Origin` on every non-GET/HEAD request and every websocket
 *    handshake, so such a request was not made by a web page on a victim's behalf: it is a non-browser client (the site
 *    agent, a script, a test's `inject()`), which holds whatever credential it presents deliberately — there is no
 *    ambient credential to abuse. Browsers too old to send `Origin` on POST (Firefox < 70) still honour the session
 *    cookie's `SameSite=Lax`, which keeps cross-site posts from carrying it.
 * Bearer-token requests are exempt: a page cannot make a browser attach an `Authorization` header cross-origin without a
 * CORS preflight, which Tessera does not grant.
 */
import type { Socket } from 'node:net'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { sendProblem } from './problem-handler.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** What the policy needs from the configuration. */
export interface OriginPolicyOptions {
  publicOrigins: readonly string[]
  publicUrl?: string
}

/** The answer for one request: allowed, or refused with a reason. */
export type OriginVerdict = { allowed: true } | { allowed: false; reason: string }

/** Lower-cased `scheme://host[:port]` of a URL, default ports dropped (`URL.origin` semantics). */
function originOf(url: string): string {
  return new URL(url).origin.toLowerCase()
}

/** Decides, per request, whether its origin may act. */
export class OriginPolicy {
  readonly #allowed: ReadonlySet<string>

  constructor(options: OriginPolicyOptions) {
    const list = [...options.publicOrigins, ...(options.publicUrl ? [options.publicUrl] : [])]
    this.#allowed = new Set(list.map(originOf))
  }

  /** Whether the policy applies to `req`: a websocket handshake, or a mutation without a bearer token. */
  appliesTo(req: FastifyRequest): boolean {
    const upgrade = req.headers.upgrade
    if (upgrade !== undefined && upgrade.toLowerCase() === 'websocket') return true
    if (SAFE_METHODS.has(req.method)) return false
    // a request presenting a bearer token is never authenticated by the cookie (`credentialOf`)
    return !/^Bearer +\S/.test(req.headers.authorization ?? '')
  }

  /** Whether `origin` (an `Origin` header value) is allowed for `req`. */
  isAllowed(origin: string, req: FastifyRequest): boolean {
    let normalised: string
    try {
      normalised = originOf(origin)
    } catch {
      return false // `null` and garbage
    }
    if (normalised === 'null') return false
    if (this.#allowed.size > 0) return this.#allowed.has(normalised)
    try {
      return normalised === originOf(`${req.protocol}://${req.host}`)
    } catch {
      return false
    }
  }

  /** The verdict for `req` (see the module header for the rule). */
  check(req: FastifyRequest): OriginVerdict {
    if (!this.appliesTo(req)) return { allowed: true }
    const origin = req.headers.origin
    if (typeof origin === 'string') {
      return this.isAllowed(origin, req) ? { allowed: true } : { allowed: false, reason: `Origin ${origin.slice(0, 200)} is not an allowed origin of this server.` }
    }
    const site = req.headers['sec-fetch-site']
    if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
      return { allowed: false, reason: `A ${site} request without an Origin header is refused.` }
    }
    return { allowed: true }
  }
}

/**
 * Installs the policy as a root `onRequest` hook (call before any route is registered). The hook is synchronous: a
 * read (GET/HEAD/OPTIONS without an upgrade) costs one header lookup and a set lookup, no promise.
 */
export function installOriginPolicy(app: FastifyInstance, policy: OriginPolicy): void {
  app.addHook('onRequest', (req, reply, done) => {
    const verdict = policy.check(req)
    if (verdict.allowed) return done()
    req.log.warn({ origin: req.headers.origin, secFetchSite: req.headers['sec-fetch-site'], url: req.url.split('?')[0] }, 'cross-origin request refused')
    if (req.headers.upgrade) {
      // an upgrade request's socket has left the HTTP server's keep-alive handling: end it once the answer is out
      const socket = req.raw.socket as Socket | undefined
      reply.header('connection', 'close')
      reply.raw.once('finish', () => {
        socket?.end()
        setTimeout(() => socket?.destroy(), 1000).unref()
      })
    }
    // answered here: Fastify stops the hook chain when a callback-style hook sends without calling done()
    sendProblem(reply, 403, { detail: `${verdict.reason} Cross-origin state changes and websockets are refused (see http.publicOrigins).` })
  })
}
