/**
 * JSON Schemas of the Xero plugin's routes and stored shapes, and the wire types derived from them (`FromSchema`):
 * the connection, the account/tax mapping (also the `mapping` part of the plugin's `configSchema`), the synced
 * documents of the sync log, first-sync progress and the reconciliation rows.
 */
import { uuid, timestamp, nullableTimestamp, pageQueryProperties } from '@tessera/sdk'
import type { FromSchema } from '@tessera/sdk'

/** Kinds of document the plugin writes to Xero. @public */
export const DOCUMENT_KINDS = ['contact', 'invoice', 'credit_note', 'payment'] as const
/** A kind of synced document. @public */
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]

/** Sync states of a document: waiting, written (with its Xero id), refused by Xero (with the message). @public */
export const SYNC_STATES = ['pending', 'synced', 'failed'] as const
/** A document's sync state. @public */
export type SyncState = (typeof SYNC_STATES)[number]

/** States of a tenant's connection. @public */
export const CONNECTION_STATES = ['disconnected', 'choose_organisation', 'connected', 'reconnect'] as const
/** A connection state (`reconnect`: the refresh failed, staff must connect again). @public */
export type ConnectionState = (typeof CONNECTION_STATES)[number]

const code = { type: 'string', minLength: 1, maxLength: 10, pattern: '^[A-Za-z0-9._-]+$' } as const
const taxType = { type: 'string', minLength: 1, maxLength: 50, pattern: '^[A-Z0-9_]+$' } as const
const text = (n: number) => ({ type: 'string', maxLength: n }) as const
/** A tracking category or option name (Xero: at most 100 characters). */
const trackingName = { type: 'string', minLength: 1, maxLength: 100 } as const

/**
 * Which Xero accounts and tax types Tessera's documents use: a default sales account, one per plan/product (by the
 * invoice line's `source` prefix) and a tax type per rate (basis points), and the bank account payments go to; and the
 * tracking category whose options stand for Tessera's locations, with the option of each location (a line at a
 * location without an option fails its document until the location is mapped). @public
 */
export const mappingSchema = {
  type: 'object', additionalProperties: false,
  properties: {
    salesAccountCode: { ...code, title: 'Sales account', description: 'Xero account code of invoice lines without a more specific mapping', default: '200' },
    bankAccountCode: { ...code, title: 'Bank account', description: 'Xero bank account code payments are recorded against', default: '090' },
    defaultTaxType: { ...taxType, title: 'Default tax type', description: 'Xero tax type of lines whose rate has no mapping', default: 'OUTPUT' },
    zeroTaxType: { ...taxType, title: 'Tax type of 0 % lines', default: 'NONE' },
    taxTypes: {
      type: 'array', maxItems: 20, title: 'Tax types by rate', default: [],
      items: { type: 'object', additionalProperties: false, required: ['rateBp', 'taxType'], properties: { rateBp: { type: 'integer', minimum: 0, maximum: 10000 }, taxType } },
    },
    accounts: {
      type: 'array', maxItems: 50, title: 'Accounts by line source', default: [],
      description: 'An invoice line whose source starts with the prefix (e.g. "plan:", "pos:", "booking:") uses this account',
      items: { type: 'object', additionalProperties: false, required: ['sourcePrefix', 'accountCode'], properties: { sourcePrefix: { type: 'string', minLength: 1, maxLength: 60 }, accountCode: code } },
    },
    trackingCategory: {
      ...trackingName, title: 'Tracking category of locations',
      description: 'The Xero tracking category whose options are Tessera\'s locations (e.g. "Location"); without it lines carry no tracking',
    },
    locationOptions: {
      type: 'array', maxItems: 100, title: 'Tracking option by location', default: [],
      description: 'The option of the tracking category for each location of spaces (an invoice line knows where it was sold)',
      items: { type: 'object', additionalProperties: false, required: ['locationId', 'option'], properties: { locationId: uuid, option: trackingName } },
    },
  },
} as const

/** The account/tax mapping (wire type). @public */
export type Mapping = FromSchema<typeof mappingSchema>

/** The tracking mapping screen's data (`GET /tracking`): the tenant's locations and Xero's tracking categories. @public */
export const trackingSchema = {
  type: 'object', additionalProperties: false, required: ['locations', 'categories', 'categoriesError'],
  properties: {
    /** Locations of spaces (empty when spaces is not installed). */
    locations: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['id', 'name'], properties: { id: uuid, name: { type: 'string' } } } },
    /** Xero's active tracking categories with their active options; `null` when Xero could not be asked now. */
    categories: {
      anyOf: [{ type: 'null' }, {
        type: 'array',
        items: { type: 'object', additionalProperties: false, required: ['name', 'options'], properties: { name: { type: 'string' }, options: { type: 'array', items: { type: 'string' } } } },
      }],
    },
    /** Why the categories are missing (not connected, a sync holding the connection, Xero's error). */
    categoriesError: { type: ['string', 'null'] },
    /** True when the categories are missing only because a sync holds the conversation with Xero: ask again shortly. */
    categoriesRetryable: { type: 'boolean' },
  },
} as const

/** The tracking mapping screen's data (wire type). @public */
export type Tracking = FromSchema<typeof trackingSchema>

/** A Xero organisation the consent covered. @public */
export const organisationSchema = {
  type: 'object', additionalProperties: false, required: ['tenantId', 'name'],
  properties: { tenantId: text(64), name: text(300) },
} as const

/** The tenant's connection to Xero (`GET /connection`). @public */
export const connectionSchema = {
  type: 'object', additionalProperties: false,
  required: ['state', 'organisationName', 'organisations', 'accessExpiresAt', 'lastError', 'webhookUrl', 'firstSync'],
  properties: {
    state: { enum: CONNECTION_STATES },
    organisationName: { type: ['string', 'null'] },
    organisations: { type: 'array', items: organisationSchema },
    accessExpiresAt: nullableTimestamp,
    lastError: { type: ['string', 'null'] },
    webhookUrl: { type: 'string' },
    firstSync: {
      type: 'object', additionalProperties: false, required: ['state', 'total', 'done', 'failed'],
      properties: { state: { enum: ['none', 'running', 'done'] }, total: { type: 'integer' }, done: { type: 'integer' }, failed: { type: 'integer' } },
    },
  },
} as const

/** The connection (wire type). @public */
export type Connection = FromSchema<typeof connectionSchema>

/** One document of the sync log. @public */
export const documentSchema = {
  type: 'object', additionalProperties: false,
  required: ['id', 'kind', 'tesseraId', 'label', 'state', 'xeroId', 'error', 'attempts', 'updatedAt', 'syncedAt'],
  properties: {
    id: uuid, kind: { enum: DOCUMENT_KINDS }, tesseraId: text(100), label: { type: 'string' },
    state: { enum: SYNC_STATES }, xeroId: { type: ['string', 'null'] }, error: { type: ['string', 'null'] },
    attempts: { type: 'integer' }, updatedAt: timestamp, syncedAt: nullableTimestamp,
  },
} as const

/** A synced document (wire type). @public */
export type SyncDocument = FromSchema<typeof documentSchema>

/** Query of `GET /documents`. @public */
export const documentQuery = {
  type: 'object', additionalProperties: false,
  properties: { state: { enum: SYNC_STATES }, kind: { enum: DOCUMENT_KINDS }, ...pageQueryProperties },
} as const

/** A page of the sync log. @public */
export const documentPageSchema = {
  type: 'object', additionalProperties: false, required: ['items', 'total', 'counts'],
  properties: {
    items: { type: 'array', items: documentSchema }, total: { type: 'integer' },
    counts: { type: 'object', additionalProperties: false, required: ['pending', 'synced', 'failed'], properties: { pending: { type: 'integer' }, synced: { type: 'integer' }, failed: { type: 'integer' } } },
  },
} as const

/** A page of the sync log (wire type). @public */
export type SyncDocumentPage = FromSchema<typeof documentPageSchema>

/** One invoice in Tessera next to what Xero holds for it. @public */
export const reconciliationRowSchema = {
  type: 'object', additionalProperties: false,
  required: ['invoiceId', 'number', 'tessera', 'xero', 'differences'],
  properties: {
    invoiceId: uuid, number: { type: ['string', 'null'] },
    tessera: { type: 'object', additionalProperties: false, required: ['status', 'total', 'amountDue'], properties: { status: { type: 'string' }, total: { type: 'integer' }, amountDue: { type: 'integer' } } },
    xero: {
      anyOf: [
        { type: 'null' },
        { type: 'object', additionalProperties: false, required: ['status', 'total', 'amountDue'], properties: { status: { type: 'string' }, total: { type: 'integer' }, amountDue: { type: 'integer' } } },
      ],
    },
    differences: { type: 'array', items: { type: 'string' } },
  },
} as const

/** A reconciliation row (wire type). @public */
export type ReconciliationRow = FromSchema<typeof reconciliationRowSchema>

/** The reconciliation (`GET /reconciliation`). @public */
export const reconciliationSchema = {
  type: 'object', additionalProperties: false, required: ['checkedAt', 'rows'],
  properties: { checkedAt: nullableTimestamp, rows: { type: 'array', items: reconciliationRowSchema } },
} as const

/** The reconciliation (wire type). @public */
export type Reconciliation = FromSchema<typeof reconciliationSchema>
