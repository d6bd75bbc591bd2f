/**
 * Resolves the caller of every `/api/` request from the session cookie or an `Authorization: Bearer` API token and
 * puts it on `request.auth` (null when absent or invalid). The log line of the request then carries the tenant id.
 * The guards `requireAuth` and `requireOperator` turn a missing caller into 401 and a non-operator into 403.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { problem } from '@tessera/sdk'
import type { SessionStore } from './session-store.ts'
import type { AuthInfo } from './auth-info.ts'

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthInfo | null
    /** The raw session cookie or bearer token the caller presented. */
    credential: string | null
  }
}

/** Reads the credential a request presents. */
export function credentialOf(req: FastifyRequest, cookieName: string): string | null {
  const header = req.headers.authorization
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null
  return req.cookies?.[cookieName] ?? null
}

/** Installs the resolving hook. */
export function installAuthHook(app: FastifyInstance, sessions: SessionStore, cookieName: string): void {
  app.decorateRequest('auth', null)
  app.decorateRequest('credential', null)
  // synchronous for a cached caller (the common case): no promise on the hot path
  app.addHook('onRequest', (req, _reply, done) => {
    if (!req.url.startsWith('/api/')) return done()
    const credential = credentialOf(req, cookieName)
    if (!credential || credential.length > 200) return done()
    req.credential = credential
    const hit = sessions.cached(credential)
    if (hit !== undefined) {
      setCaller(req, hit)
      return done()
    }
    sessions.resolve(credential).then((auth) => {
      setCaller(req, auth)
      done()
    }, done)
  })
}

type RequestLogger = { isLevelEnabled(level: string): boolean; setBindings?(bindings: Record<string, unknown>): void }

/** Puts the caller on the request and tags its log lines with the tenant (only when they will be written). */
function setCaller(req: FastifyRequest, auth: AuthInfo | null): void {
  req.auth = auth
  if (!auth?.tenantId) return
  const log = req.log as unknown as RequestLogger
  if (!log.isLevelEnabled('info')) return
  // the request's logger is already a child of its own (Fastify's, with reqId): add the binding instead of a second child
  if (log.setBindings) log.setBindings({ tenantId: auth.tenantId })
  else req.log = req.log.child({ tenantId: auth.tenantId })
}

/** The caller, or 401. */
export function requireAuth(req: FastifyRequest): AuthInfo {
  if (!req.auth) throw problem.unauthorized(req.credential ? 'The session has expired or is invalid; sign in again.' : 'Sign in first.')
  return req.auth
}

/** A platform operator, or 401/403. */
export function requireOperator(req: FastifyRequest): AuthInfo & { user: NonNullable<AuthInfo['user']> } {
  const auth = requireAuth(req)
  if (!auth.user?.isOperator) throw problem.forbidden('Only platform operators may do this.')
  return auth as AuthInfo & { user: NonNullable<AuthInfo['user']> }
}
