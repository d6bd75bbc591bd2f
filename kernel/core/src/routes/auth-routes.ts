/**
 * Sign-in and sessions: `POST /api/v1/auth/login` (rate-limited, HttpOnly SameSite=Lax cookie), `GET /me`,
 * `POST /logout`, `POST /switch-tenant`, and `POST /tokens` for owners/admins to issue API tokens.
 */
import type { FastifyInstance } from 'fastify'
import { problem, TENANT_ROLES } from '@tessera/sdk'
import type { KernelServices } from '../kernel-services.ts'
import { verifyPassword } from '../auth/password.ts'
import { requireAuth } from '../auth/auth-hook.ts'
import { problemResponses, uuid } from '../http/common-schemas.ts'
import { auditPlatform } from '../audit/audit-writer.ts'

const sessionView = {
  type: 'object',
  properties: {
    user: { type: 'object', properties: { id: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, isOperator: { type: 'boolean' } } },
    tenants: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, slug: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } } } },
    tenantId: { type: ['string', 'null'] },
  },
} as const

/** Registers the auth routes. */
export function authRoutes(app: FastifyInstance, k: KernelServices): void {
  const cookie = k.config.auth.cookieName
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: k.config.auth.cookieSecure, maxAge: k.config.auth.sessionTtlHours * 3600 }

  app.post('/api/v1/auth/login', {
    config: { rateLimit: { max: k.config.auth.loginRateLimit.max, timeWindow: k.config.auth.loginRateLimit.timeWindowMs } },
    schema: {
      tags: ['auth'], summary: 'Sign in with e-mail and password',
      body: {
        type: 'object', additionalProperties: false, required: ['email', 'password'],
        properties: { email: { type: 'string', minLength: 3, maxLength: 320 }, password: { type: 'string', minLength: 1, maxLength: 1000 }, tenantId: uuid },
      },
      response: { 200: sessionView, ...problemResponses },
    },
  }, async (req, reply) => {
    const { email, password, tenantId } = req.body as { email: string; password: string; tenantId?: string }
    const user = await k.users.findForLogin(email)
    const ok = await verifyPassword(password, user?.passwordHash)
    if (!user || !ok) throw problem.unauthorized('The e-mail or password is wrong.')
    const { passwordHash: _h, ...publicUser } = user
    const first = await k.users.view(publicUser, tenantId ?? null)
    const current = tenantId && first.tenants.some((t) => t.id === tenantId) ? tenantId : (first.tenants[0]?.id ?? null)
    const token = await k.sessions.create(user.id, current)
    reply.setCookie(cookie, token, cookieOptions)
    return { ...first, tenantId: current }
  })

  app.get('/api/v1/auth/me', { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: sessionView, ...problemResponses } } }, async (req) => {
    const auth = requireAuth(req)
    if (!auth.user) throw problem.forbidden('API tokens have no user session.')
    return k.users.view(auth.user, auth.tenantId)
  })

  app.post('/api/v1/auth/logout', { schema: { tags: ['auth'], summary: 'Sign out', response: { 204: { type: 'null' }, ...problemResponses } } }, async (req, reply) => {
    if (req.credential && req.auth?.kind === 'session') await k.sessions.revoke(req.credential)
    reply.clearCookie(cookie, { path: '/' })
    return reply.code(204).send()
  })

  app.post('/api/v1/auth/switch-tenant', {
    schema: {
      tags: ['auth'], summary: 'Change the current tenant of the session',
      body: { type: 'object', additionalProperties: false, required: ['tenantId'], properties: { tenantId: uuid } },
      response: { 200: sessionView, ...problemResponses },
    },
  }, async (req) => {
    const auth = requireAuth(req)
    if (auth.kind !== 'session' || !auth.user || !req.credential) throw problem.forbidden('Only browser sessions can switch tenants.')
    const { tenantId } = req.body as { tenantId: string }
    if (!(await k.users.roleIn(auth.user.id, tenantId))) throw problem.forbidden('You are not a member of that tenant.')
    await k.sessions.switchTenant(req.credential, tenantId)
    k.sessions.forget()
    return k.users.view(auth.user, tenantId)
  })

  app.post('/api/v1/auth/tokens', {
    schema: {
      tags: ['auth'], summary: 'Issue an API token for the current tenant (shown once)',
      body: {
        type: 'object', additionalProperties: false, required: ['name', 'role'],
        properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, role: { enum: [...TENANT_ROLES] } },
      },
      response: { 201: { type: 'object', properties: { id: { type: 'string' }, token: { type: 'string' } } }, ...problemResponses },
    },
  }, async (req, reply) => {
    const auth = requireAuth(req)
    if (!auth.tenantId || !auth.user || (auth.role !== 'owner' && auth.role !== 'admin')) throw problem.forbidden('Only owners and admins issue API tokens.')
    const { name, role } = req.body as { name: string; role: (typeof TENANT_ROLES)[number] }
    if (role === 'owner' && auth.role !== 'owner') throw problem.forbidden('Only owners issue owner tokens.')
    const created = await k.sessions.createToken(auth.tenantId, name, role, auth.user.id)
    await auditPlatform(k.pool, { type: 'user', id: auth.user.id, label: auth.user.email }, { tenantId: auth.tenantId, action: 'token.create', target: `token:${created.id}`, data: { name, role }, requestId: req.id })
    return reply.code(201).send(created)
  })
}
