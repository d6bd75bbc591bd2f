/**
 * Membership events (`billing.membership.*`): a membership created, ended, suspended by dunning and reactivated by
 * staff. The access plugin keeps its copy of memberships (door access) from these; Wi-Fi and printing may too.
 */
import { defineEvent } from '@tessera/sdk'
import type { PayloadOf } from '@tessera/sdk'
import { eventDate, eventPayerType, eventUuid } from './event-schemas.ts'

const staffUi = { permission: 'billing.read' } as const

/** A membership was created (also the new half of a plan change). It has no end yet when published. @public */
export const membershipCreated = defineEvent({
  name: 'billing.membership.created',
  description: 'A payer got a membership of a plan from startsOn',
  ui: staffUi,
  schema: {
    type: 'object', additionalProperties: false, required: ['id', 'payerType', 'payerId', 'planId', 'startsOn'],
    properties: { id: eventUuid, payerType: eventPayerType, payerId: eventUuid, planId: eventUuid, startsOn: eventDate },
  },
})
/** Payload of {@link membershipCreated}. @public */
export type MembershipCreated = PayloadOf<typeof membershipCreated>

/** A membership ends on `endsOn` (inclusive; before its start when cancelled before it began). @public */
export const membershipEnded = defineEvent({
  name: 'billing.membership.ended',
  description: 'A membership ends on endsOn (inclusive)',
  ui: staffUi,
  schema: {
    type: 'object', additionalProperties: false, required: ['id', 'payerType', 'payerId', 'endsOn'],
    properties: { id: eventUuid, payerType: eventPayerType, payerId: eventUuid, endsOn: eventDate },
  },
})
/** Payload of {@link membershipEnded}. @public */
export type MembershipEnded = PayloadOf<typeof membershipEnded>

/** Dunning gave up on `invoiceId`: the membership is suspended and access should stop. @public */
export const membershipSuspended = defineEvent({
  name: 'billing.membership.suspended',
  description: 'Dunning gave up — access should stop',
  ui: staffUi,
  schema: {
    type: 'object', additionalProperties: false, required: ['id', 'payerType', 'payerId', 'invoiceId', 'reason'],
    properties: { id: eventUuid, payerType: eventPayerType, payerId: eventUuid, invoiceId: eventUuid, reason: { type: 'string', enum: ['payment_failed'] } },
  },
})
/** Payload of {@link membershipSuspended}. @public */
export type MembershipSuspended = PayloadOf<typeof membershipSuspended>

/** Staff lifted a suspension. @public */
export const membershipReactivated = defineEvent({
  name: 'billing.membership.reactivated',
  description: 'Staff lifted a suspension',
  ui: staffUi,
  schema: {
    type: 'object', additionalProperties: false, required: ['id', 'payerType', 'payerId'],
    properties: { id: eventUuid, payerType: eventPayerType, payerId: eventUuid },
  },
})
/** Payload of {@link membershipReactivated}. @public */
export type MembershipReactivated = PayloadOf<typeof membershipReactivated>
