/**
 * Bounded building blocks of billing's event payload schemas (`*-events.ts`), from the amount bounds of `money.ts`.
 */
import { MAX_INVOICE_TOTAL, MAX_WALLET_BALANCE } from './money.ts'
import { PAYER_TYPES } from './payer.ts'

/** A uuid. @public */
export const eventUuid = { type: 'string', format: 'uuid', maxLength: 36 } as const
/** A calendar date `YYYY-MM-DD`. @public */
export const eventDate = { type: 'string', format: 'date', maxLength: 10 } as const
/** `person` or `organisation`. @public */
export const eventPayerType = { type: 'string', enum: PAYER_TYPES } as const
/** An amount in minor units of the tenant's currency (an invoice total at most, either sign). @public */
export const eventAmount = { type: 'integer', minimum: -MAX_INVOICE_TOTAL, maximum: MAX_INVOICE_TOTAL } as const
/** A number of credits (a wallet balance at most, either sign). @public */
export const eventCredits = { type: 'integer', minimum: -MAX_WALLET_BALANCE, maximum: MAX_WALLET_BALANCE } as const
