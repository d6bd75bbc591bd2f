/**
 * The events the Xero plugin publishes: a document was written to Xero, or Xero refused it (with the validation
 * message). Staff browsers holding `xero.read` receive them, so the sync log updates live.
 */
import { defineEvent, uuid } from '@tessera/sdk'
import type { PayloadOf } from '@tessera/sdk'
import { DOCUMENT_KINDS } from './xero-schemas.ts'
import { xeroPermissions } from './xero-permissions.ts'

const staff = { permission: xeroPermissions.read } as const

/** A document was written to Xero. @public */
export const documentSynced = defineEvent({
  name: 'xero.document.synced',
  description: 'A document was written to Xero ({ id, kind, tesseraId, xeroId })',
  ui: staff,
  schema: {
    type: 'object', additionalProperties: false, required: ['id', 'kind', 'tesseraId', 'xeroId'],
    properties: { id: uuid, kind: { enum: DOCUMENT_KINDS }, tesseraId: { type: 'string', maxLength: 100 }, xeroId: { type: 'string', maxLength: 64 } },
  },
})
/** Payload of {@link documentSynced}. @public */
export type DocumentSynced = PayloadOf<typeof documentSynced>

/** Xero refused a document; `error` is Xero's validation message. @public */
export const documentFailed = defineEvent({
  name: 'xero.document.failed',
  description: 'Xero refused a document ({ id, kind, tesseraId, error })',
  ui: staff,
  schema: {
    type: 'object', additionalProperties: false, required: ['id', 'kind', 'tesseraId', 'error'],
    properties: { id: uuid, kind: { enum: DOCUMENT_KINDS }, tesseraId: { type: 'string', maxLength: 100 }, error: { type: 'string', maxLength: 2000 } },
  },
})
/** Payload of {@link documentFailed}. @public */
export type DocumentFailed = PayloadOf<typeof documentFailed>

/** Every event the Xero plugin publishes. @public */
export const xeroEvents = [documentSynced, documentFailed] as const
