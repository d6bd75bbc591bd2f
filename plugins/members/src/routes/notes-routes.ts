/**
 * A person's notes: `GET /people/:id/notes` (members.read, paginated, newest first), `POST /people/:id/notes` and
 * `DELETE /people/:id/notes/:noteId` (members.write). Each change is recorded in the audit log against the person
 * (`person:<id>`), so it shows in the profile's activity.
 */
import { problem, uuid } from '@tessera/sdk'
import type { PluginApp, PluginContext } from '@tessera/sdk'
import { personNoteSchema, personNotePageSchema, personNoteBody, personNoteQuery } from '../contract/note-schemas.ts'
import { membersPermissions } from '../contract/members-permissions.ts'
import { getPerson } from '../store/person-store.ts'
import { listNotes, insertNote, deleteNote } from '../store/note-store.ts'

const personParams = { type: 'object', additionalProperties: false, required: ['id'], properties: { id: uuid } } as const
const noteParams = { type: 'object', additionalProperties: false, required: ['id', 'noteId'], properties: { id: uuid, noteId: uuid } } as const

/** Registers the notes routes. */
export function notesRoutes(app: PluginApp, ctx: PluginContext): void {
  const person = async (id: string) => {
    const p = await getPerson(ctx.db, id)
    if (!p) throw problem.notFound('No such person.')
    return p
  }

  app.get('/people/:id/notes', {
    config: { permission: membersPermissions.read },
    schema: { params: personParams, querystring: personNoteQuery, response: { 200: personNotePageSchema } },
  }, async (req) => {
    await person(req.params.id)
    const { limit, offset } = req.query
    return { ...(await listNotes(ctx.db, req.params.id, limit, offset)), limit, offset }
  })

  app.post('/people/:id/notes', {
    config: { permission: membersPermissions.write },
    schema: { params: personParams, body: personNoteBody, response: { 201: personNoteSchema } },
  }, async (req, reply) => {
    const p = await person(req.params.id)
    if (p.anonymised) throw problem.conflict('This person has been anonymised; notes can no longer be added.')
    const body = req.body.body.trim()
    if (!body) throw problem.unprocessable('Write something in the note.', [{ pointer: '/body', detail: 'empty' }])
    const actor = ctx.actor()
    const note = await insertNote(ctx.db, { personId: p.id, body, authorId: actor.id, authorLabel: actor.label ?? null })
    await ctx.audit.record({ action: 'person.note.add', target: `person:${p.id}`, data: { noteId: note.id } })
    return reply.code(201).send(note)
  })

  app.delete('/people/:id/notes/:noteId', {
    config: { permission: membersPermissions.write },
    schema: { params: noteParams, response: { 204: { type: 'null' } } },
  }, async (req, reply) => {
    const note = await deleteNote(ctx.db, req.params.id, req.params.noteId)
    if (!note) throw problem.notFound('No such note.')
    await ctx.audit.record({ action: 'person.note.delete', target: `person:${req.params.id}`, data: { noteId: note.id } })
    return reply.code(204).send(null)
  })
}
