/**
 * Wire schemas of a person's notes (`/people/:id/notes`): dated staff notes shown on the profile, newest first.
 */
import type { FromSchema } from '@tessera/sdk'
import { uuid, timestamp, pageQueryProperties, pageOf } from '@tessera/sdk'

/** One note about a person. @public */
export const personNoteSchema = {
  type: 'object', additionalProperties: false, required: ['id', 'personId', 'body', 'authorLabel', 'createdAt'],
  properties: { id: uuid, personId: uuid, body: { type: 'string' }, authorLabel: { type: ['string', 'null'] }, createdAt: timestamp },
} as const

/** One note about a person (wire type). @public */
export type PersonNote = FromSchema<typeof personNoteSchema>

/** A page of notes, newest first. @public */
export const personNotePageSchema = pageOf(personNoteSchema)

/** Body of `POST /people/:id/notes`. @public */
export const personNoteBody = {
  type: 'object', additionalProperties: false, required: ['body'],
  properties: { body: { type: 'string', minLength: 1, maxLength: 4000 } },
} as const

/** Query of `GET /people/:id/notes`. @public */
export const personNoteQuery = { type: 'object', additionalProperties: false, properties: { ...pageQueryProperties } } as const
