/**
 * Access groups (HTTP only; rules in `domain/groups.ts`): a set of doors, optional weekly windows (local time of each
 * door's location), and members — people, whole organisations or membership plans (billing's plan ids; a plan member
 * gives the group's doors to whoever — or whose organisation — holds an active membership of that plan).
 */
import type { PluginApp } from '@tessera/sdk'
import { accessPermissions, createGroupBody, groupSchema, idParams, listOf, memberBody, memberParams, updateGroupBody } from '../contract/index.ts'
import { addGroupMember, createGroup, groupOr404, removeGroup, removeGroupMember, updateGroup } from '../domain/groups.ts'
import { listGroups } from '../store/groups-store.ts'
import type { AccessContext } from '../domain/access-config.ts'

const manage = { permission: accessPermissions.manage }

/** Registers `/groups` routes. */
export function groupRoutes(app: PluginApp, ctx: AccessContext): void {
  app.get('/groups', { config: { permission: accessPermissions.read }, schema: { response: { 200: listOf(groupSchema) } } },
    async () => ({ items: await listGroups(ctx.db) }))

  app.get('/groups/:id', { config: { permission: accessPermissions.read }, schema: { params: idParams, response: { 200: groupSchema } } },
    async (req) => groupOr404(ctx, req.params.id))

  app.post('/groups', { config: manage, schema: { body: createGroupBody, response: { 201: groupSchema } } },
    async (req, reply) => {
      const created = await createGroup(ctx, req.body)
      reply.code(201)
      return created
    })

  app.patch('/groups/:id', { config: manage, schema: { params: idParams, body: updateGroupBody, response: { 200: groupSchema } } },
    async (req) => updateGroup(ctx, req.params.id, req.body))

  app.delete('/groups/:id', { config: manage, schema: { params: idParams, response: { 204: { type: 'null' } } } }, async (req, reply) => {
    await removeGroup(ctx, req.params.id)
    reply.code(204)
    return null
  })

  app.post('/groups/:id/members', { config: manage, schema: { params: idParams, body: memberBody, response: { 200: groupSchema } } },
    async (req) => addGroupMember(ctx, req.params.id, req.body))

  app.delete('/groups/:id/members/:kind/:subjectId', { config: manage, schema: { params: memberParams, response: { 200: groupSchema } } },
    async (req) => removeGroupMember(ctx, req.params.id, { kind: req.params.kind, id: req.params.subjectId }))
}
