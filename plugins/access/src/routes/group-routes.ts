/**
 * Access groups: a set of doors, optional weekly windows (local time of each door's location), and members —
 * people, whole organisations or membership plans (billing's plan ids; a plan member gives the group's doors to
 * whoever — or whose organisation — holds an active membership of that plan). Every change asks for a grant push to the agents of the doors concerned.
 */
import type { FastifyInstance } from 'fastify'
import { problem } from '@tessera/sdk'
import type { PluginContext } from '@tessera/sdk'
import {
  createGroupBody, groupSchema, idParams, listOf, memberBody, memberParams, updateGroupBody,
} from '../contract/access-schemas.ts'
import { scheduleProblems } from '../domain/weekly-windows.ts'
import type { WeeklySchedule } from '../domain/weekly-windows.ts'
import { requestGrantSync } from '../domain/grant-sync.ts'
import { directoryOf } from '../domain/peer-services.ts'

type MemberRef = { kind: 'person' | 'organisation' | 'plan'; id: string }
type GroupRow = { id: string; name: string; schedule: WeeklySchedule | null; created_at: Date; door_ids: string[]; members: MemberRef[] }

const SELECT = `SELECT g.id, g.name, g.schedule, g.created_at,
  coalesce((SELECT array_agg(gd.door_id ORDER BY gd.door_id) FROM access.group_doors gd WHERE gd.group_id = g.id), '{}') AS door_ids,
  coalesce((SELECT json_agg(json_build_object('kind', m.subject_kind, 'id', m.subject_id) ORDER BY m.subject_kind, m.subject_id)
    FROM access.group_members m WHERE m.group_id = g.id), '[]') AS members
  FROM access.groups g`

const toGroup = (r: GroupRow) => ({ id: r.id, name: r.name, schedule: r.schedule, doorIds: r.door_ids, members: r.members, createdAt: r.created_at })

async function loadGroup(ctx: PluginContext, id: string) {
  const row = await ctx.db.one<GroupRow>(`${SELECT} WHERE g.id = $1`, [id])
  if (!row) throw problem.notFound('No such group.')
  return toGroup(row)
}

/** The agents of the given doors (for targeted pushes). */
async function agentsOfDoors(ctx: PluginContext, doorIds: string[]): Promise<string[]> {
  if (doorIds.length === 0) return []
  return (await ctx.db.many<{ agent_id: string }>('SELECT DISTINCT agent_id FROM access.doors WHERE id = ANY($1::uuid[])', [doorIds])).map((r) => r.agent_id)
}

function checkSchedule(schedule: WeeklySchedule | null | undefined): void {
  if (!schedule) return
  const errors = scheduleProblems(schedule)
  if (errors.length) throw problem.unprocessable('The weekly windows are not valid.', errors)
}

async function setDoors(ctx: PluginContext, groupId: string, doorIds: string[]): Promise<void> {
  const known = await ctx.db.many<{ id: string }>('SELECT id FROM access.doors WHERE id = ANY($1::uuid[])', [doorIds])
  const missing = doorIds.filter((d) => !known.some((k) => k.id === d))
  if (missing.length) throw problem.unprocessable('Unknown doors.', missing.map((d) => ({ pointer: `/body/doorIds/${doorIds.indexOf(d)}`, detail: 'no such door' })))
  await ctx.db.query('DELETE FROM access.group_doors WHERE group_id = $1', [groupId])
  await ctx.db.query('INSERT INTO access.group_doors (group_id, door_id) SELECT $1, unnest($2::uuid[])', [groupId, doorIds])
}

/**
 * FK-like check of a member reference through `members.directory` (tenant-scoped, so another tenant's id is unknown
 * too): a person or an organisation that does not exist is a 422 naming the field. Plan ids are billing's, and access
 * does not depend on billing (it learns memberships from events), so a plan id is stored as given.
 */
async function checkMember(ctx: PluginContext, m: MemberRef, pointer: string): Promise<void> {
  const dir = directoryOf(ctx)
  if (m.kind === 'person' && !(await dir.getPerson(m.id))) throw problem.unprocessable('No such person.', [{ pointer, detail: 'no such person' }])
  if (m.kind === 'organisation' && !(await dir.getOrganisation(m.id))) throw problem.unprocessable('No such organisation.', [{ pointer, detail: 'no such organisation' }])
}

async function addMember(ctx: PluginContext, groupId: string, m: MemberRef, pointer: string): Promise<void> {
  await checkMember(ctx, m, pointer)
  await ctx.db.query('INSERT INTO access.group_members (group_id, subject_kind, subject_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [groupId, m.kind, m.id])
}

/** Registers `/groups` routes. */
export function groupRoutes(app: FastifyInstance, ctx: PluginContext): void {
  app.get('/groups', {
    config: { permission: 'access.read' },
    schema: { response: { 200: listOf(groupSchema) } },
  }, async () => ({ items: (await ctx.db.many<GroupRow>(`${SELECT} ORDER BY g.name, g.id`)).map(toGroup) }))

  app.get('/groups/:id', {
    config: { permission: 'access.read' },
    schema: { params: idParams, response: { 200: groupSchema } },
  }, async (req) => loadGroup(ctx, (req.params as { id: string }).id))

  app.post('/groups', {
    config: { permission: 'access.manage' },
    schema: { body: createGroupBody, response: { 201: groupSchema } },
  }, async (req, reply) => {
    const body = req.body as { name: string; schedule?: WeeklySchedule | null; doorIds?: string[]; members?: MemberRef[] }
    checkSchedule(body.schedule)
    const row = await ctx.db.one<{ id: string }>('INSERT INTO access.groups (name, schedule) VALUES ($1, $2) RETURNING id', [body.name, body.schedule ? JSON.stringify(body.schedule) : null])
    const id = row!.id
    if (body.doorIds?.length) await setDoors(ctx, id, body.doorIds)
    for (const [i, m] of (body.members ?? []).entries()) await addMember(ctx, id, m, `/body/members/${i}/id`)
    await requestGrantSync(ctx, await agentsOfDoors(ctx, body.doorIds ?? []))
    reply.code(201)
    return loadGroup(ctx, id)
  })

  app.patch('/groups/:id', {
    config: { permission: 'access.manage' },
    schema: { params: idParams, body: updateGroupBody, response: { 200: groupSchema } },
  }, async (req) => {
    const { id } = req.params as { id: string }
    const body = req.body as { name?: string; schedule?: WeeklySchedule | null; doorIds?: string[] }
    const before = await loadGroup(ctx, id)
    checkSchedule(body.schedule)
    if (body.name !== undefined) await ctx.db.query('UPDATE access.groups SET name = $2 WHERE id = $1', [id, body.name])
    if (body.schedule !== undefined) await ctx.db.query('UPDATE access.groups SET schedule = $2 WHERE id = $1', [id, body.schedule ? JSON.stringify(body.schedule) : null])
    if (body.doorIds !== undefined) await setDoors(ctx, id, body.doorIds)
    await requestGrantSync(ctx, await agentsOfDoors(ctx, [...new Set([...before.doorIds, ...(body.doorIds ?? [])])]))
    return loadGroup(ctx, id)
  })

  app.delete('/groups/:id', {
    config: { permission: 'access.manage' },
    schema: { params: idParams, response: { 204: { type: 'null' } } },
  }, async (req, reply) => {
    const { id } = req.params as { id: string }
    const before = await loadGroup(ctx, id)
    await ctx.db.query('DELETE FROM access.groups WHERE id = $1', [id])
    await requestGrantSync(ctx, await agentsOfDoors(ctx, before.doorIds))
    reply.code(204)
    return null
  })

  app.post('/groups/:id/members', {
    config: { permission: 'access.manage' },
    schema: { params: idParams, body: memberBody, response: { 200: groupSchema } },
  }, async (req) => {
    const { id } = req.params as { id: string }
    const before = await loadGroup(ctx, id)
    await addMember(ctx, id, req.body as MemberRef, '/body/id')
    await requestGrantSync(ctx, await agentsOfDoors(ctx, before.doorIds))
    return loadGroup(ctx, id)
  })

  app.delete('/groups/:id/members/:kind/:subjectId', {
    config: { permission: 'access.manage' },
    schema: { params: memberParams, response: { 200: groupSchema } },
  }, async (req) => {
    const { id, kind, subjectId } = req.params as { id: string; kind: string; subjectId: string }
    const before = await loadGroup(ctx, id)
    await ctx.db.query('DELETE FROM access.group_members WHERE group_id = $1 AND subject_kind = $2 AND subject_id = $3', [id, kind, subjectId])
    await requestGrantSync(ctx, await agentsOfDoors(ctx, before.doorIds))
    return loadGroup(ctx, id)
  })
}

