/**
 * The SQL of `{{schema}}.notes`. Every statement runs on the current tenant transaction (`ctx.db`), under RLS: no
 * `tenant_id` in a WHERE clause, the database adds it. Rows come back in the wire shape (ISO timestamps).
 */
import type { Db } from '@tessera/sdk'
import type { Note } from '../contract/index.ts'

const COLUMNS = `id, title, body, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"`

/** One page of notes, newest first, and how many there are. */
export async function listNotes(db: Db, limit: number, offset: number): Promise<{ items: Note[]; total: number }> {
  const items = await db.many<Note>(`SELECT ${COLUMNS} FROM {{schema}}.notes ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`, [limit, offset])
  return { items, total: await countNotes(db) }
}

/** How many notes the tenant has. */
export async function countNotes(db: Db): Promise<number> {
  const row = await db.one<{ n: number }>('SELECT count(*)::int AS n FROM {{schema}}.notes')
  return row?.n ?? 0
}

/** One note, or undefined. */
export const getNote = (db: Db, id: string) => db.one<Note>(`SELECT ${COLUMNS} FROM {{schema}}.notes WHERE id = $1`, [id])

/** Stores a note; returns it. */
export async function insertNote(db: Db, note: { title: string; body: string }): Promise<Note> {
  const row = await db.one<Note>(`INSERT INTO {{schema}}.notes (title, body) VALUES ($1, $2) RETURNING ${COLUMNS}`, [note.title, note.body])
  return row!
}

/** Deletes a note; returns whether there was one. */
export async function deleteNote(db: Db, id: string): Promise<boolean> {
  const result = await db.query('DELETE FROM {{schema}}.notes WHERE id = $1', [id])
  return result.rowCount > 0
}
