/**
 * JSON Schema of one person's print account as staff see it (`GET /papercut/accounts/:personId`, the member profile's
 * printing section): the PaperCut username, the sync state with the last error's reason, the balance and this
 * period's pages, allowance and cost — all from the plugin's store (as of the last sync or period run), never read
 * from PaperCut during the request.
 */
import { uuid } from '@tessera/sdk'
import type { FromSchema } from '@tessera/sdk'
import { ACCOUNT_STATES, ERROR_KINDS } from './papercut-schemas.ts'

const MAX_PAGES = 2_147_483_647
const nullableTs = { type: ['string', 'null'], maxLength: 40 } as const
const nullablePages = { type: ['integer', 'null'], maximum: MAX_PAGES } as const
const nullableMinor = { type: ['integer', 'null'], minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const

/** A person's PaperCut account for staff; `linked: false` (every other field null or empty) when they have none. @public */
export const personPrintSchema = {
  type: 'object', additionalProperties: false,
  required: ['personId', 'linked', 'username', 'state', 'printEnabled', 'errorKind', 'errorReason', 'errorAt', 'failures', 'syncedAt',
    'balance', 'period', 'allowancePages', 'allowanceAmount', 'pagesUsed', 'colourPagesUsed', 'periodCost', 'overage'],
  properties: {
    personId: uuid,
    /** False when the person has no PaperCut account yet (none is made before an active membership). */
    linked: { type: 'boolean' },
    username: { type: ['string', 'null'], maxLength: 200 },
    /** `pending` (not pushed yet), `synced`, `error` (retrying) or `dead` (gave up: staff retry); null when not linked. */
    state: { anyOf: [{ enum: ACCOUNT_STATES }, { type: 'null' }] },
    /** Whether printing is enabled in PaperCut, as last applied. */
    printEnabled: { type: 'boolean' },
    errorKind: { anyOf: [{ enum: ERROR_KINDS }, { type: 'null' }] },
    /** Why the last attempt failed, for people (kept until a sync succeeds). */
    errorReason: { type: ['string', 'null'], maxLength: 1000 },
    errorAt: nullableTs,
    failures: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    /** The last successful sync. */
    syncedAt: nullableTs,
    /** Balance in the tenant's currency (major units), as last read from PaperCut. */
    balance: { type: ['number', 'null'] },
    /** The billing period `YYYY-MM` (UTC). */
    period: { type: 'string', maxLength: 7 },
    /** Pages the plan includes this period (null before the period's top-up). */
    allowancePages: nullablePages,
    /** What the period's top-up added to the balance (major units). */
    allowanceAmount: { type: ['number', 'null'] },
    /** Pages printed this period (all, and of which colour), from the stored counters. */
    pagesUsed: nullablePages,
    colourPagesUsed: nullablePages,
    /** Those pages at the configured prices, minor units. */
    periodCost: nullableMinor,
    /** The part of the cost beyond the allowance (charged on the next invoice when the period closes), minor units. */
    overage: nullableMinor,
  },
} as const
/** A person's PaperCut account (staff view of one person). @public */
export type PersonPrint = FromSchema<typeof personPrintSchema>
