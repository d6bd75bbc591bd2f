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
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return
    const credential = credentialOf(req, cookieName)
    if (!credential || credential.length > 200) return
    req.credential = credential
    req.auth = await sessions.resolve(credential)
    // a child logger costs on every request: only make one when its lines will be written
    if (req.auth?.tenantId && (req.log as unknown as { isLevelEnabled(level: string): boolean }).isLevelEnabled('info')) req.log = req.log.child({ tenantId: req.auth.tenantId })
  })
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
