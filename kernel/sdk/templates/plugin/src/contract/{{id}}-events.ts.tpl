/**
 * The events {{title}} publishes, with their payload schemas (validated at publish; subscribers get the type). Staff
 * holding `{{id}}.read` see them in the browser too (the screen refreshes on them).
 */
import { defineEvent, uuid } from '@tessera/sdk'
import type { PayloadOf } from '@tessera/sdk'
import { {{camel}}Permissions } from './{{id}}-permissions.ts'
import { TITLE_MAX } from './{{id}}-schemas.ts'

/** A note was written. @public */
export const noteCreated = defineEvent({
  name: '{{id}}.note.created',
  description: 'A note was written ({ id, title })',
  ui: { permission: {{camel}}Permissions.read },
  schema: {
    type: 'object', additionalProperties: false, required: ['id', 'title'],
    properties: { id: uuid, title: { type: 'string', maxLength: TITLE_MAX } },
  },
})

/** Payload of {@link noteCreated}. @public */
export type NoteCreated = PayloadOf<typeof noteCreated>
