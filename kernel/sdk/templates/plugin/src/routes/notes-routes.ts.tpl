/**
 * {{title}}'s routes, mounted at `/api/v1/{{id}}`: a page of notes (`GET /notes`), one note (`GET /notes/:id`), a new
 * note (`POST /notes`), deleting one (`DELETE /notes/:id`) and a short status (`GET /status`). Each declares its
 * permission and its schemas; the schemas type `req` and the reply, and bad input is a 400 before the handler runs.
 */
import { problem } from '@tessera/sdk'
import type { PluginApp } from '@tessera/sdk'
import { {{camel}}Permissions, newNoteSchema, noteParams, notePageQuery, notePageSchema, noteSchema } from '../contract/index.ts'
import type { {{Pascal}}Context } from '../domain/{{id}}-config.ts'
import { createNote, removeNote } from '../domain/notes.ts'
import { countNotes, getNote, listNotes } from '../store/notes-store.ts'

const statusSchema = {
  type: 'object', additionalProperties: false, required: ['message', 'notes'],
  properties: { message: { type: 'string' }, notes: { type: 'integer' } },
} as const

export function notesRoutes(app: PluginApp, ctx: {{Pascal}}Context): void {
  app.get('/status', { config: { permission: {{camel}}Permissions.read }, schema: { response: { 200: statusSchema } } }, async () => ({
    message: '{{title}} is ready',
    notes: await countNotes(ctx.db),
  }))

  app.get('/notes', { config: { permission: {{camel}}Permissions.read }, schema: { querystring: notePageQuery, response: { 200: notePageSchema } } }, async (req) => {
    const { limit, offset } = req.query
    return { ...(await listNotes(ctx.db, limit, offset)), limit, offset }
  })

  app.get('/notes/:id', { config: { permission: {{camel}}Permissions.read }, schema: { params: noteParams, response: { 200: noteSchema } } }, async (req) => {
    const note = await getNote(ctx.db, req.params.id)
    if (!note) throw problem.notFound('There is no such note.')
    return note
  })

  app.post('/notes', { config: { permission: {{camel}}Permissions.manage }, schema: { body: newNoteSchema, response: { 201: noteSchema } } }, async (req, reply) => {
    const note = await createNote(ctx, req.body)
    reply.code(201)
    return note
  })

  app.delete('/notes/:id', { config: { permission: {{camel}}Permissions.manage }, schema: { params: noteParams, response: { 204: { type: 'null' } } } }, async (req, reply) => {
    await removeNote(ctx, req.params.id)
    reply.code(204)
    return null
  })
}
