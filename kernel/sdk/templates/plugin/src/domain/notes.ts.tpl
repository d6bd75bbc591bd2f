/**
 * The notes domain: the rules between the routes and the store. A new note is trimmed, refused once the tenant holds
 * its configured `maxNotes`, stored, audited and announced (`{{id}}.note.created`) — all on the request's tenant
 * transaction, so a failure rolls back every part and a committed note always has its event.
 */
import { problem } from '@tessera/sdk'
import { noteCreated } from '../contract/index.ts'
import type { NewNote, Note, NotesService } from '../contract/index.ts'
import type { {{Pascal}}Context } from './{{id}}-config.ts'
import { countNotes, deleteNote, getNote, insertNote } from '../store/notes-store.ts'

/** Writes a note for the current tenant. */
export async function createNote(ctx: {{Pascal}}Context, input: NewNote): Promise<Note> {
  const title = input.title.trim()
  if (!title) throw problem.badRequest('A note needs a title.', [{ pointer: '/title', detail: 'must not be blank' }])
  const { maxNotes } = ctx.config()
  if ((await countNotes(ctx.db)) >= maxNotes) {
    throw problem.conflict(`This tenant already keeps ${maxNotes} notes, the most its configuration allows (maxNotes).`)
  }
  const note = await insertNote(ctx.db, { title, body: input.body?.trim() ?? '' })
  await ctx.audit.record({ action: 'note.create', target: `note:${note.id}`, data: { title } })
  await ctx.events.publish(noteCreated, { id: note.id, title: note.title })
  return note
}

/** Deletes a note; a note that does not exist (or is another tenant's) is a 404. */
export async function removeNote(ctx: {{Pascal}}Context, id: string): Promise<void> {
  if (!(await deleteNote(ctx.db, id))) throw problem.notFound('There is no such note.')
  await ctx.audit.record({ action: 'note.delete', target: `note:${id}` })
}

/** The service other plugins reach through `{{camel}}Notes`. */
export function notesService(ctx: {{Pascal}}Context): NotesService {
  return { count: () => countNotes(ctx.db), get: (id) => getNote(ctx.db, id) }
}
