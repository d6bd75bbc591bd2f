/**
 * JSON Schemas of the PaperCut routes and the wire types derived from them (`FromSchema`): a person's sync state as
 * staff see it, and a member's print balance and usage.
 */
import { uuid, nullableString } from '@tessera/sdk'
import type { FromSchema } from '@tessera/sdk'

/** The sync states of a person's PaperCut account. @public */
export const ACCOUNT_STATES = ['pending', 'synced', 'error', 'dead'] as const

/** The kinds of PaperCut error stored on a person. @public */
export const ERROR_KINDS = ['unreachable', 'bad-token', 'unknown-user', 'server-error', 'not-configured'] as const

const nullableNumber = { type: ['number', 'null'] } as const
const nullableInt = { type: ['integer', 'null'] } as const

/** A person's PaperCut account as staff see it. @public */
export const accountSchema = {
  type: 'object', additionalProperties: false,
  required: ['personId', 'personName', 'username', 'state', 'printEnabled', 'errorKind', 'errorReason', 'errorAt', 'failures', 'syncedAt'],
  properties: {
    personId: uuid,
    personName: { type: 'string' },
    username: { type: 'string' },
    /** `pending` (not pushed yet), `synced`, `error` (retrying) or `dead` (gave up: staff retry). */
    state: { enum: ACCOUNT_STATES },
    /** Whether printing is enabled in PaperCut, as last applied. */
    printEnabled: { type: 'boolean' },
    errorKind: { anyOf: [{ enum: ERROR_KINDS }, { type: 'null' }] },
    /** Why the last attempt failed, for humans. */
    errorReason: nullableString,
    errorAt: nullableString,
    failures: { type: 'integer' },
    syncedAt: nullableString,
  },
} as const
/** A person's PaperCut account (staff view). @public */
export type PaperCutAccount = FromSchema<typeof accountSchema>

/** The staff list. @public */
export const accountListSchema = { type: 'object', additionalProperties: false, required: ['items'], properties: { items: { type: 'array', items: accountSchema } } } as const
/** The staff list (wire type). @public */
export type PaperCutAccountList = FromSchema<typeof accountListSchema>

/** What a member sees of their printing (`GET /papercut/me`). @public */
export const myPrintSchema = {
  type: 'object', additionalProperties: false,
  required: ['linked', 'username', 'state', 'printEnabled', 'balance', 'live', 'period', 'allowancePages', 'pagesUsed', 'colourPagesUsed', 'errorReason'],
  properties: {
    /** False when the member has no PaperCut account (no active membership yet). */
    linked: { type: 'boolean' },
    username: nullableString,
    state: { anyOf: [{ enum: ACCOUNT_STATES }, { type: 'null' }] },
    printEnabled: { type: 'boolean' },
    /** Balance in the tenant's currency (major units), as PaperCut reports it. */
    balance: nullableNumber,
    /** True when balance and usage were read from PaperCut now; false: the last values stored. */
    live: { type: 'boolean' },
    /** The billing period `YYYY-MM`. */
    period: { type: 'string' },
    allowancePages: nullableInt,
    pagesUsed: nullableInt,
    colourPagesUsed: nullableInt,
    errorReason: nullableString,
  },
} as const
/** What a member sees of their printing (wire type). @public */
export type MyPrint = FromSchema<typeof myPrintSchema>

/** `/:personId` params. @public */
export const personParams = { type: 'object', additionalProperties: false, required: ['personId'], properties: { personId: uuid } } as const

/** Acknowledgement of a queued retry. @public */
export const retryQueuedSchema = { type: 'object', additionalProperties: false, required: ['queued'], properties: { queued: { type: 'boolean' } } } as const
