/**
 * Doors (HTTP only; rules in `domain/doors.ts`): a device on a site agent, placed at a location and optionally a
 * resource; their live status, the event log, and remote unlock (`POST /doors/:id/unlock`, idempotent by request id;
 * refusals and agent failures answer problem+json with the `requestId` and `outcome`).
 */
import type { PluginApp } from '@tessera/sdk'
import {
  accessPermissions, createDoorBody, doorSchema, eventQuery, eventSchema, idParams, listOf, pageQuery, problemSchema, unlockBody, unlockResultSchema,
  updateDoorBody,
} from '../contract/index.ts'
import { createDoor, doorRowOr404, removeDoor, unlockDoor, updateDoor } from '../domain/doors.ts'
import { openableDoors, selfPerson } from '../domain/door-rights.ts'
import type { AccessContext } from '../domain/access-config.ts'
import { listDoorRows, listEvents, toDoor } from '../store/doors-store.ts'

const read = { permission: accessPermissions.read }
const manage = { permission: accessPermissions.manage }

/** Registers `/doors`, `/events` and `/me/doors`. */
export function doorRoutes(app: PluginApp, ctx: AccessContext): void {
  app.get('/doors', { config: read, schema: { response: { 200: listOf(doorSchema) } } }, async () => ({ items: (await listDoorRows(ctx.db)).map(toDoor) }))

  app.get('/doors/:id', { config: read, schema: { params: idParams, response: { 200: doorSchema } } }, async (req) => toDoor(await doorRowOr404(ctx, req.params.id)))

  app.post('/doors', { config: manage, schema: { body: createDoorBody, response: { 201: doorSchema } } },
    async (req, reply) => {
      const created = await createDoor(ctx, req.body)
      reply.code(201)
      return created
    })

  app.patch('/doors/:id', { config: manage, schema: { params: idParams, body: updateDoorBody, response: { 200: doorSchema } } },
    async (req) => updateDoor(ctx, req.params.id, req.body))

  app.delete('/doors/:id', { config: manage, schema: { params: idParams, response: { 204: { type: 'null' } } } }, async (req, reply) => {
    await removeDoor(ctx, req.params.id)
    reply.code(204)
    return null
  })

  app.get('/doors/:id/events', { config: read, schema: { params: idParams, querystring: pageQuery, response: { 200: listOf(eventSchema) } } },
    async (req) => ({ items: await listEvents(ctx.db, { ...req.query, doorId: req.params.id }) }))

  app.get('/events', { config: read, schema: { querystring: eventQuery, response: { 200: listOf(eventSchema) } } },
    async (req) => ({ items: await listEvents(ctx.db, req.query) }))

  app.get('/me/doors', { config: { permission: accessPermissions.self }, schema: { response: { 200: listOf(doorSchema) } } }, async () => {
    const person = await selfPerson(ctx)
    const ids = [...(await openableDoors(ctx, person, Date.now()))]
    return { items: (await listDoorRows(ctx.db, ids)).map(toDoor) }
  })

  app.post('/doors/:id/unlock', {
    config: { permission: accessPermissions.self },
    schema: {
      params: idParams, body: unlockBody,
      response: { 200: unlockResultSchema, 403: problemSchema, 409: problemSchema, 502: problemSchema, 503: problemSchema, 504: problemSchema },
    },
  }, async (req, reply) => {
    const header = req.headers['idempotency-key']
    const answer = await unlockDoor(ctx, req.params.id, req.body ?? {}, typeof header === 'string' ? header : undefined)
    if (answer.ok) return answer.result
    reply.code(answer.status).type('application/problem+json')
    return { type: 'about:blank', title: answer.title, status: answer.status, detail: answer.detail, ...answer.extra }
  })
}
