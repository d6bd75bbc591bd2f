/**
 * Payment events (`billing.payment.*`): a declined charge, so that the payer can be notified.
 */
import { defineEvent } from '@tessera/sdk'
import type { PayloadOf } from '@tessera/sdk'
import { eventAmount, eventPayerType, eventUuid } from './event-schemas.ts'

/**
 * A charge of an invoice was declined. `attempt` is the dunning attempt (null for an on-session payment, which does
 * not count towards dunning); `nextAttemptAt` the scheduled retry (null: none — the last attempt suspends). @public
 */
export const paymentFailed = defineEvent({
  name: 'billing.payment.failed',
  description: 'A charge was declined; the payer is to be notified',
  ui: { permission: 'billing.read' },
  schema: {
    type: 'object', additionalProperties: false,
    required: ['invoiceId', 'number', 'payerType', 'payerId', 'amountDue', 'attempt', 'declineCode', 'nextAttemptAt'],
    properties: {
      invoiceId: eventUuid, number: { type: ['string', 'null'], maxLength: 40 }, payerType: eventPayerType, payerId: eventUuid, amountDue: eventAmount,
      attempt: { type: ['integer', 'null'], minimum: 1, maximum: 1000 },
      declineCode: { type: 'string', maxLength: 200 },
      nextAttemptAt: { anyOf: [{ type: 'string', format: 'date-time', maxLength: 35 }, { type: 'null' }] },
    },
  },
})
/** Payload of {@link paymentFailed}. @public */
export type PaymentFailed = PayloadOf<typeof paymentFailed>
