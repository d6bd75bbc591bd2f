/**
 * The wire schemas of {{title}}'s routes and their types (`FromSchema`): a note, a page of notes, the body of a new
 * note. Every string and number is bounded (the kernel refuses unbounded request schemas).
 */
import { pageOf, pageQueryProperties, timestamp, uuid } from '@tessera/sdk'
import type { FromSchema } from '@tessera/sdk'

/** The longest title a note may have. @public */
export const TITLE_MAX = 200

/** The longest body a note may have. @public */
export const BODY_MAX = 2000

/** A note as the API returns it. @public */
export const noteSchema = {
  type: 'object', additionalProperties: false, required: ['id', 'title', 'body', 'createdAt'],
  properties: { id: uuid, title: { type: 'string', maxLength: TITLE_MAX }, body: { type: 'string', maxLength: BODY_MAX }, createdAt: timestamp },
} as const

/** A page of notes, newest first. @public */
export const notePageSchema = pageOf(noteSchema)

/** The body of `POST /notes`. @public */
export const newNoteSchema = {
  type: 'object', additionalProperties: false, required: ['title'],
  properties: { title: { type: 'string', minLength: 1, maxLength: TITLE_MAX }, body: { type: 'string', maxLength: BODY_MAX } },
} as const

/** The query of `GET /notes`: `limit` (1–200, default 50) and `offset`. @public */
export const notePageQuery = { type: 'object', additionalProperties: false, properties: { ...pageQueryProperties } } as const

/** `:id` of a note. @public */
export const noteParams = { type: 'object', additionalProperties: false, required: ['id'], properties: { id: uuid } } as const

/** A note. @public */
export type Note = FromSchema<typeof noteSchema>
/** A page of notes. @public */
export type NotePage = FromSchema<typeof notePageSchema>
/** A new note. @public */
export type NewNote = FromSchema<typeof newNoteSchema>
