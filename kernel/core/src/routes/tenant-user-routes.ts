/**
 * The users and roles of the current tenant, for its admins (`/api/v1/tenant/users`): list (with pending invitations;
 * `tessera.users.read`), invite by e-mail with a role, change a role, remove, withdraw an invitation
 * (`tessera.users.manage`). The role rule is the server's (`auth/role-rules.ts`): an admin cannot grant, change or
 * remove an admin or owner, and the 403 says why. Each mutation runs in the tenant's transaction with its platform
 * side transaction, and is audited there.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { TENANT_ROLES, problem } from '@tessera/sdk'
import type { Actor, TenantRole } from '@tessera/sdk'
import type { KernelServices } from '../services/kernel-services.ts'
import type { AuthInfo } from '../auth/auth-info.ts'
import { requireAuth } from '../auth/auth-hook.ts'
import { problemResponses, pageQuery, uuid } from '../http/common-schemas.ts'
import { createIdentity } from '../auth/identity.ts'
import { changeMemberRole, listMembers, removeMember } from '../auth/tenant-members.ts'
import type { RoleChanger } from '../auth/role-rules.ts'

const role = { type: 'string', enum: [...TENANT_ROLES] } as const
const member = {
  type: 'object',
  properties: {
    id: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' },
    hasPassword: { type: 'boolean' }, disabled: { type: 'boolean' }, since: { type: 'string', format: 'date-time' },
  },
} as const
const invitation = {
  type: 'object',
  properties: {
    id: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' },
    invitedAt: { type: 'string', format: 'date-time' }, expiresAt: { type: 'string', format: 'date-time' },
  },
} as const
const userParams = { type: 'object', additionalProperties: false, required: ['userId'], properties: { userId: uuid } } as const
const invitationParams = { type: 'object', additionalProperties: false, required: ['id'], properties: { id: uuid } } as const

/** The caller in their tenant, holding `permission`; 403 otherwise. */
function caller(req: FastifyRequest, permission: string): AuthInfo & { tenantId: string } {
  const auth = requireAuth(req)
  if (!auth.tenantId) throw problem.notFound('No current tenant.')
  if (!auth.permissions.has(permission)) {
    throw problem.forbidden(permission === 'tessera.users.read' ? 'Only admins and managers see the users of this tenant.' : 'Only owners and admins manage the users of this tenant.')
  }
  return auth as AuthInfo & { tenantId: string }
}

/** The caller as the role rule sees them. */
function changer(auth: AuthInfo): RoleChanger {
  return { type: auth.user ? 'user' : 'token', role: auth.role, isOperator: auth.user?.isOperator ?? false }
}

function actorOf(auth: AuthInfo): Actor {
  return auth.user
    ? { type: 'user', id: auth.user.id, role: auth.role ?? undefined, label: auth.user.email }
    : { type: 'token', id: auth.credentialId, role: auth.role ?? undefined }
}

/** Registers the tenant user routes. */
export function tenantUserRoutes(app: FastifyInstance, k: KernelServices): void {
  const tags = ['tenant']
  const identity = createIdentity('tessera', undefined, k.identityMessages)
  const inTenant = <T>(req: FastifyRequest, auth: AuthInfo & { tenantId: string }, fn: () => Promise<T>, statements = false) =>
    k.tx.run({ tenantId: auth.tenantId, actor: actorOf(auth), permissions: auth.permissions, requestId: req.id, tenantPlugins: new Map(), statements }, fn)

  app.get('/api/v1/tenant/users', {
    schema: {
      tags, summary: 'The users of the current tenant with their roles, and pending invitations', querystring: pageQuery,
      response: {
        200: { type: 'object', properties: { items: { type: 'array', items: member }, total: { type: 'integer' }, invitations: { type: 'array', items: invitation } } },
        ...problemResponses,
      },
    },
  }, async (req) => {
    const auth = caller(req, 'tessera.users.read')
    const { limit, offset, q } = req.query as { limit: number; offset: number; q?: string }
    return inTenant(req, auth, () => listMembers({ limit, offset, q }), true)
  })

  app.post('/api/v1/tenant/users', {
    schema: {
      tags, summary: 'Invite someone by e-mail with a role (a new user gets a set-password link; an existing one a pending invitation)',
      body: {
        type: 'object', additionalProperties: false, required: ['email', 'name', 'role'],
        properties: { email: { type: 'string', format: 'email', maxLength: 320 }, name: { type: 'string', minLength: 1, maxLength: 200 }, role },
      },
      response: {
        201: {
          type: 'object',
          properties: { status: { type: 'string', enum: ['member', 'pending'] }, userId: { type: ['string', 'null'] }, invitationId: { type: ['string', 'null'] }, role: { type: ['string', 'null'] } },
        },
        ...problemResponses,
      },
    },
  }, async (req, reply) => {
    const auth = caller(req, 'tessera.users.manage')
    const body = req.body as { email: string; name: string; role: TenantRole }
    const result = await inTenant(req, auth, () => identity.invite(body))
    return reply.code(201).send({ status: result.status, userId: result.user?.id ?? null, invitationId: result.invitationId, role: result.roleAfter })
  })

  app.patch('/api/v1/tenant/users/:userId', {
    schema: {
      tags, summary: "Change a user's role in the current tenant", params: userParams,
      body: { type: 'object', additionalProperties: false, required: ['role'], properties: { role } },
      response: { 200: { type: 'object', properties: { userId: { type: 'string' }, roleBefore: { type: 'string' }, role: { type: 'string' } } }, ...problemResponses },
    },
  }, async (req) => {
    const auth = caller(req, 'tessera.users.manage')
    const { userId } = req.params as { userId: string }
    const { role: next } = req.body as { role: TenantRole }
    const before = await inTenant(req, auth, () => changeMemberRole(userId, next, changer(auth)))
    return { userId, roleBefore: before, role: next }
  })

  app.delete('/api/v1/tenant/users/:userId', {
    schema: { tags, summary: 'Remove a user from the current tenant (their account stays)', params: userParams, response: { 204: { type: 'null' }, ...problemResponses } },
  }, async (req, reply) => {
    const auth = caller(req, 'tessera.users.manage')
    const { userId } = req.params as { userId: string }
    await inTenant(req, auth, () => removeMember(userId, changer(auth)))
    return reply.code(204).send()
  })

  app.delete('/api/v1/tenant/invitations/:id', {
    schema: { tags, summary: 'Withdraw a pending invitation', params: invitationParams, response: { 204: { type: 'null' }, ...problemResponses } },
  }, async (req, reply) => {
    const auth = caller(req, 'tessera.users.manage')
    const { id } = req.params as { id: string }
    await inTenant(req, auth, () => identity.cancelInvitation(id))
    return reply.code(204).send()
  })
}
