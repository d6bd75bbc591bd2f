/**
 * SQL for a person's notes, on the current tenant transaction (RLS keeps them to the tenant), in the contract's
 * `PersonNote` wire shape.
 */
import type { Db } from '@tessera/sdk'
import type { PersonNote } from '../contract/note-schemas.ts'
import { isoTimestamp } from './iso-timestamp.ts'

const SELECT = `SELECT id, person_id AS "personId", body, author_label AS "authorLabel", ${isoTimestamp('created_at')} AS "createdAt" FROM members.person_notes`

/** A page of a person's notes, newest first, with the total. */
export async function listNotes(db: Db, personId: string, limit: number, offset: number): Promise<{ items: PersonNote[]; total: number }> {
  const rows = await db.many<PersonNote & { total: string } & Record<string, unknown>>(
    `SELECT x.*, count(*) OVER () AS total FROM (${SELECT} WHERE person_id = $1) x ORDER BY x."createdAt" DESC, x.id LIMIT $2 OFFSET $3`,
    [personId, limit, offset],
  )
  const total = rows.length ? Number(rows[0].total) : Number((await db.one<{ n: string }>('SELECT count(*) AS n FROM members.person_notes WHERE person_id = $1', [personId]))?.n ?? 0)
  return { items: rows.map(({ total: _t, ...n }) => n as PersonNote), total }
}

/** Adds a note; returns it. */
export async function insertNote(db: Db, note: { personId: string; body: string; authorId: string | null; authorLabel: string | null }): Promise<PersonNote> {
  const row = await db.one<{ id: string }>(
    'INSERT INTO members.person_notes (person_id, body, author_id, author_label) VALUES ($1, $2, $3, $4) RETURNING id',
    [note.personId, note.body, note.authorId, note.authorLabel],
  )
  return (await db.one<PersonNote & Record<string, unknown>>(`${SELECT} WHERE id = $1`, [row!.id]))!
}

/** Deletes a note of that person; whether one was deleted. */
export async function deleteNote(db: Db, personId: string, noteId: string): Promise<PersonNote | undefined> {
  const note = await db.one<PersonNote & Record<string, unknown>>(`${SELECT} WHERE id = $1 AND person_id = $2`, [noteId, personId])
  if (note) await db.query('DELETE FROM members.person_notes WHERE id = $1', [noteId])
  return note
}
