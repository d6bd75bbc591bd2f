/**
 * The service {{title}} offers other plugins: read its notes. A consumer lists `{{camel}}Notes` in `consumes`, puts
 * `{{id}}` in `dependsOn` and calls `ctx.services.get({{camel}}Notes)`, inside its own tenant transaction.
 */
import { defineServiceRef } from '@tessera/sdk'
import type { Note } from './{{id}}-schemas.ts'

/** Reading {{title}}'s notes of the current tenant. @public */
export interface NotesService {
  /** How many notes the tenant has. */
  count(): Promise<number>
  /** One note, or undefined (also for another tenant's note). */
  get(id: string): Promise<Note | undefined>
}

/** The ref of {@link NotesService}. @public */
export const {{camel}}Notes = defineServiceRef<NotesService>({ plugin: '{{id}}', id: 'notes', version: '^1.0.0' })
