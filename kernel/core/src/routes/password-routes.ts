/**
 * Setting a password with a single-use link (`auth/password-tokens/`):
 *
 * - `POST /api/v1/auth/password-reset` `{ email }` — always `202` with the same answer, whether or not the account
 *   exists, and before anything is looked up (no enumeration, not even by timing). Rate-limited per address like sign-in;
 *   per account at most {@link RESETS_PER_HOUR} links an hour are issued (further requests get the same 202 and send
 *   nothing). The link goes to the plugins that deliver identity messages in one tenant of the user
 *   (`plugin-host/identity-messenger.ts`).
 * - `POST /api/v1/auth/password` `{ token, password }` — sets the password, consumes the token, revokes the user's other
 *   links and ends their sessions, then signs them in (session cookie, the session document). A token that does not
 *   exist is a 400, one used, replaced or expired a 410, a password shorter than {@link MIN_PASSWORD_LENGTH} a 400 —
 *   each with a message a person can act on.
 */
import type { FastifyInstance } from 'fastify'
import { problem } from '@tessera/sdk'
import type { KernelServices } from '../services/kernel-services.ts'
import { hashPassword } from '../auth/password.ts'
import { PasswordTokenStore } from '../auth/password-tokens/password-token-store.ts'
import { auditPlatform } from '../audit/audit-writer.ts'
import { problemResponses } from '../http/common-schemas.ts'
import { sessionView } from './auth-routes.ts'

/** Reset links one account may be sent per hour. */
export const RESETS_PER_HOUR = 3
/** The shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 8

const accepted = 'If an account exists for this address, a link to set a new password is on its way. Check your inbox.'

/** Registers the password routes. */
export function passwordRoutes(app: FastifyInstance, k: KernelServices): void {
  const cookie = k.config.auth.cookieName
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: k.config.auth.cookieSecure, maxAge: k.config.auth.sessionTtlHours * 3600 }
  const rateLimit = { max: k.config.auth.loginRateLimit.max, timeWindow: k.config.auth.loginRateLimit.timeWindowMs }
  const tokens = new PasswordTokenStore(k.pool)

  async function sendResetLink(email: string, requestId: string): Promise<void> {
    const user = await k.users.findForLogin(email)
    if (!user) return
    const audit = (tenantId: string | null, data: Record<string, unknown>) => auditPlatform(k.pool, { type: 'system', id: 'tessera.identity' }, {
      tenantId, action: 'auth.password-reset.request', target: `user:${user.id}`, data, requestId,
    })
    const issued = await tokens.issueReset(user.id, RESETS_PER_HOUR)
    if (!issued) return audit(null, { delivered: false, throttled: true })
    const tenantId = await k.identityMessages.deliverToUser({
      id: issued.id, kind: 'password-reset', user: { id: user.id, email: user.email, name: user.name },
      link: k.identityMessages.link(issued.token), expiresAt: issued.expiresAt.toISOString(),
    })
    await audit(tenantId, { delivered: tenantId !== null })
  }

  app.post('/api/v1/auth/password-reset', {
    config: { rateLimit },
    schema: {
      tags: ['auth'], summary: 'Ask for a link to set a new password (always 202: the answer never tells whether the account exists)',
      body: { type: 'object', additionalProperties: false, required: ['email'], properties: { email: { type: 'string', minLength: 3, maxLength: 320 } } },
      response: { 202: { type: 'object', properties: { message: { type: 'string' } } }, ...problemResponses },
    },
  }, async (req, reply) => {
    const { email } = req.body as { email: string }
    // answered first; the lookup and the delivery run afterwards, so the time taken tells nothing either
    setImmediate(() => void sendResetLink(email, req.id).catch((err: Error) => k.log.error({ err: err.message }, 'password reset failed')))
    return reply.code(202).send({ message: accepted })
  })

  app.post('/api/v1/auth/password', {
    config: { rateLimit },
    schema: {
      tags: ['auth'], summary: 'Set a password with a link\'s token (single use), then sign in',
      body: {
        type: 'object', additionalProperties: false, required: ['token', 'password'],
        properties: { token: { type: 'string', minLength: 1, maxLength: 200 }, password: { type: 'string', minLength: 1, maxLength: 1000 } },
      },
      response: { 200: sessionView, ...problemResponses },
    },
  }, async (req, reply) => {
    const { token, password } = req.body as { token: string; password: string }
    if ([...password].length < MIN_PASSWORD_LENGTH) {
      throw problem.badRequest(`Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`, [{ pointer: '/password', detail: `must have at least ${MIN_PASSWORD_LENGTH} characters` }])
    }
    const consumed = await tokens.consume(token, await hashPassword(password))
    const { rows } = await k.pool.query('SELECT id, email, name, is_operator AS "isOperator" FROM tessera.users WHERE id = $1', [consumed.userId])
    const user = rows[0]
    await auditPlatform(k.pool, { type: 'user', id: user.id, label: user.email }, {
      action: 'auth.password.set', target: `user:${user.id}`, data: { via: consumed.kind }, requestId: req.id,
    })
    const first = await k.users.view(user, null)
    const current = first.tenants[0]?.id ?? null
    reply.setCookie(cookie, await k.sessions.create(user.id, current), cookieOptions)
    return { ...first, tenantId: current }
  })
}
