/**
 * Sign-in and sessions: `POST /api/v1/auth/login` (rate-limited per address and throttled per account, HttpOnly
 * SameSite=Lax cookie), `GET /me`, `POST /logout`, `POST /switch-tenant`; the invited user's side of invitations
 * (`GET /invitations`, `POST /invitations/:id/accept|decline`); API tokens of the current tenant for owners and
 * admins (`POST|GET /tokens`, `DELETE /tokens/:id`).
 */
import type { FastifyInstance } from 'fastify'
import { problem, ProblemError, TENANT_ROLES } from '@tessera/sdk'
import type { TenantRole } from '@tessera/sdk'
import type { KernelServices } from '../services/kernel-services.ts'
import { verifyPassword } from '../auth/password.ts'
import { requireAuth } from '../auth/auth-hook.ts'
import type { AuthInfo } from '../auth/auth-info.ts'
import { problemResponses, uuid, pageQuery, emptyObject } from '../http/common-schemas.ts'
import { auditPlatform } from '../audit/audit-writer.ts'
import { LoginThrottle } from '../auth/login-throttle.ts'
import { InvitationService } from '../auth/invitation-service.ts'
import { ApiTokenService, MAX_TOKEN_DAYS } from '../auth/api-token-service.ts'
import type { TokenActor } from '../auth/api-token-service.ts'

const idParams = { type: 'object', additionalProperties: false, required: ['id'], properties: { id: uuid } } as const
const dateTime = { type: ['string', 'null'], format: 'date-time' } as const
const tokenView = {
  type: 'object',
  properties: {
    id: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, state: { enum: ['active', 'expired', 'revoked', 'suspended'] },
    createdBy: { type: ['object', 'null'], properties: { id: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } } },
    createdAt: dateTime, expiresAt: dateTime, lastUsedAt: dateTime, revokedAt: dateTime,
  },
} as const
const invitationView = {
  type: 'object',
  properties: {
    id: { type: 'string' }, role: { type: 'string' }, createdAt: dateTime, expiresAt: dateTime,
    tenant: { type: 'object', properties: { id: { type: 'string' }, slug: { type: 'string' }, name: { type: 'string' } } },
  },
} as const

/** The caller as a token issuer: a signed-in owner/admin of the current tenant. */
function tokenAdmin(auth: AuthInfo): { tenantId: string; actor: TokenActor; user: NonNullable<AuthInfo['user']> } {
  if (!auth.tenantId || !auth.user) throw problem.forbidden('API tokens are managed by a signed-in user of the tenant.')
  if (auth.role !== 'owner' && auth.role !== 'admin') throw problem.forbidden('Only owners and admins manage API tokens.')
  return { tenantId: auth.tenantId, actor: { kind: 'member', userId: auth.user.id, role: auth.role }, user: auth.user }
}

/** The session document of sign-in and `/me` (also answered by setting a password: `password-routes.ts`). */
export const sessionView = {
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
  const throttle = new LoginThrottle(k.pool, k.config.auth.loginThrottle)
  const invitations = new InvitationService(k.pool)
  const tokens = new ApiTokenService(k.pool, k.config.auth.apiTokenTtlDays)

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
    const decision = await throttle.begin(email)
    if (!decision.allowed) {
      const seconds = Math.ceil(decision.retryAfterMs / 1000)
      reply.header('retry-after', String(seconds))
      throw new ProblemError(429, 'Too Many Requests', {
        detail: `Too many failed sign-ins for this account; try again in ${seconds} s.`, extra: { retryAfterMs: decision.retryAfterMs },
      })
    }
    const user = await k.users.findForLogin(email)
    const ok = await verifyPassword(password, user?.passwordHash)
    if (!user || !ok) throw problem.unauthorized('The e-mail or password is wrong.')
    await throttle.succeeded(email)
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

  app.get('/api/v1/auth/invitations', {
    schema: { tags: ['auth'], summary: "The signed-in user's open invitations to other tenants", response: { 200: { type: 'object', properties: { items: { type: 'array', items: invitationView } } }, ...problemResponses } },
  }, async (req) => {
    const auth = requireAuth(req)
    if (!auth.user) throw problem.forbidden('API tokens have no invitations.')
    return { items: await invitations.listOpen(auth.user.id) }
  })

  app.post('/api/v1/auth/invitations/:id/accept', {
    schema: {
      tags: ['auth'], summary: 'Accept an invitation: join its tenant with the invited role (never lowering one you hold)',
      params: idParams, body: emptyObject, response: { 200: sessionView, ...problemResponses },
    },
  }, async (req) => {
    const auth = requireAuth(req)
    if (!auth.user) throw problem.forbidden('Only users accept invitations.')
    const accepted = await invitations.accept(auth.user, (req.params as { id: string }).id, req.id)
    const rt = accepted.pluginId ? k.registry.get(accepted.pluginId) : undefined
    const hook = rt?.state === 'active' ? rt.definition?.onInvitationAccepted : undefined
    if (hook && rt?.ctx && (await k.runner.isEnabled(accepted.tenantId, rt.id))) {
      const user = { id: auth.user.id, email: auth.user.email, name: auth.user.name }
      const actor = { type: 'user' as const, id: user.id, role: accepted.role, label: user.email }
      try {
        await k.runner.run({ pluginId: rt.id, tenantId: accepted.tenantId, actor, permissions: k.roles().of(accepted.role), requestId: req.id }, () =>
          hook(rt.ctx!, { invitationId: accepted.invitationId, user, role: accepted.role }))
      } catch (err) {
        // the membership stands; the plugin's link can be made again by re-inviting
        req.log.error({ plugin: rt.id, err: (err as Error).message }, 'onInvitationAccepted failed')
      }
    }
    return k.users.view(auth.user, auth.tenantId)
  })

  app.post('/api/v1/auth/invitations/:id/decline', {
    schema: { tags: ['auth'], summary: 'Decline an invitation', params: idParams, body: emptyObject, response: { 204: { type: 'null' }, ...problemResponses } },
  }, async (req, reply) => {
    const auth = requireAuth(req)
    if (!auth.user) throw problem.forbidden('Only users decline invitations.')
    await invitations.decline(auth.user, (req.params as { id: string }).id, req.id)
    return reply.code(204).send()
  })

  app.post('/api/v1/auth/tokens', {
    schema: {
      tags: ['auth'], summary: 'Issue an API token for the current tenant (shown once); it expires, and stops working when its creator loses the role that minted it',
      body: {
        type: 'object', additionalProperties: false, required: ['name', 'role'],
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 100 }, role: { enum: [...TENANT_ROLES] },
          expiresInDays: { type: 'integer', minimum: 1, maximum: MAX_TOKEN_DAYS },
        },
      },
      response: { 201: { type: 'object', properties: { id: { type: 'string' }, token: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } } }, ...problemResponses },
    },
  }, async (req, reply) => {
    const { tenantId, actor, user } = tokenAdmin(requireAuth(req))
    const body = req.body as { name: string; role: TenantRole; expiresInDays?: number }
    const created = await tokens.create(tenantId, body, actor)
    await auditPlatform(k.pool, { type: 'user', id: user.id, label: user.email }, {
      tenantId, action: 'token.create', target: `token:${created.id}`, data: { name: body.name, role: body.role, expiresAt: created.expiresAt }, requestId: req.id,
    })
    return reply.code(201).send(created)
  })

  app.get('/api/v1/auth/tokens', {
    schema: {
      tags: ['auth'], summary: "The current tenant's API tokens, newest first (never their secrets)", querystring: pageQuery,
      response: { 200: { type: 'object', properties: { items: { type: 'array', items: tokenView }, total: { type: 'integer' } } }, ...problemResponses },
    },
  }, async (req) => {
    const { tenantId } = tokenAdmin(requireAuth(req))
    const { limit, offset } = req.query as { limit: number; offset: number }
    return tokens.list(tenantId, limit, offset)
  })

  app.delete('/api/v1/auth/tokens/:id', {
    schema: { tags: ['auth'], summary: 'Revoke an API token of the current tenant (its sockets close within a second)', params: idParams, response: { 204: { type: 'null' }, ...problemResponses } },
  }, async (req, reply) => {
    const { tenantId, actor, user } = tokenAdmin(requireAuth(req))
    const { id } = req.params as { id: string }
    const revoked = await tokens.revoke(tenantId, id, actor)
    await auditPlatform(k.pool, { type: 'user', id: user.id, label: user.email }, { tenantId, action: 'token.revoke', target: `token:${id}`, data: revoked, requestId: req.id })
    return reply.code(204).send()
  })
}
