/**
 * The events the visitors plugin publishes. Each is published on the request's transaction (nothing is announced for
 * a rolled-back request). In the browser, front-desk staff (`visitors.manage`) receive them, and so does the visit's
 * host (`ui.userField: 'hostUserId'`) — that is how a host learns their visitor has arrived. Subscribers (a
 * notifications e-mail to the host, a Wi-Fi voucher, badge printing) get the whole payload.
 */
import { defineEvent, uuid, timestamp } from '@tessera/sdk'
import type { PayloadOf } from '@tessera/sdk'
import { visitorsPermissions } from './visitors-permissions.ts'

const name = { type: 'string', minLength: 1, maxLength: 120 } as const
const nullableName = { anyOf: [name, { type: 'null' }] } as const
const nullableId = { anyOf: [uuid, { type: 'null' }] } as const
const badgeNumber = { type: 'integer', minimum: 1, maximum: 100000 } as const

/** A visitor was pre-registered. @public */
export const visitorRegistered = defineEvent({
  name: 'visitors.visitor.registered',
  description: 'A visitor was pre-registered ({ visitorId, name, company, hostUserId, expectedAt, locationId? })',
  ui: { permission: visitorsPermissions.manage, userField: 'hostUserId' },
  schema: {
    type: 'object', additionalProperties: false, required: ['visitorId', 'name', 'company', 'hostUserId', 'expectedAt'],
    properties: { visitorId: uuid, name, company: nullableName, hostUserId: uuid, expectedAt: timestamp, locationId: nullableId },
  },
})
/** Payload of {@link visitorRegistered}. @public */
export type VisitorRegistered = PayloadOf<typeof visitorRegistered>

/**
 * A visitor checked in at the front desk and got badge `badgeNumber` (unique in the tenant for that day). The host
 * is notified in the browser; `email` (the visitor's, when given) reaches subscribers only, never the browser.
 * @public
 */
export const visitorArrived = defineEvent({
  name: 'visitors.visitor.arrived',
  description: 'A visitor checked in ({ visitorId, name, company, hostUserId, badgeNumber, arrivedAt, locationId?, email? })',
  ui: {
    permission: visitorsPermissions.manage,
    userField: 'hostUserId',
    fields: ['visitorId', 'name', 'company', 'hostUserId', 'badgeNumber', 'arrivedAt', 'locationId'],
  },
  schema: {
    type: 'object', additionalProperties: false,
    required: ['visitorId', 'name', 'company', 'hostUserId', 'badgeNumber', 'arrivedAt'],
    properties: {
      visitorId: uuid,
      name,
      company: nullableName,
      hostUserId: uuid,
      badgeNumber,
      arrivedAt: timestamp,
      locationId: nullableId,
      email: { anyOf: [{ type: 'string', maxLength: 254 }, { type: 'null' }] },
    },
  },
})
/** Payload of {@link visitorArrived}. @public */
export type VisitorArrived = PayloadOf<typeof visitorArrived>

/** A visitor checked out (their badge is back). @public */
export const visitorLeft = defineEvent({
  name: 'visitors.visitor.left',
  description: 'A visitor checked out ({ visitorId, name, hostUserId, badgeNumber, leftAt })',
  ui: { permission: visitorsPermissions.manage, userField: 'hostUserId' },
  schema: {
    type: 'object', additionalProperties: false, required: ['visitorId', 'name', 'hostUserId', 'badgeNumber', 'leftAt'],
    properties: { visitorId: uuid, name, hostUserId: uuid, badgeNumber, leftAt: timestamp },
  },
})
/** Payload of {@link visitorLeft}. @public */
export type VisitorLeft = PayloadOf<typeof visitorLeft>

/** A registration was cancelled before the visitor arrived. @public */
export const visitorCancelled = defineEvent({
  name: 'visitors.visitor.cancelled',
  description: 'A visitor registration was cancelled ({ visitorId, hostUserId })',
  ui: { permission: visitorsPermissions.manage, userField: 'hostUserId' },
  schema: {
    type: 'object', additionalProperties: false, required: ['visitorId', 'hostUserId'],
    properties: { visitorId: uuid, hostUserId: uuid },
  },
})
/** Payload of {@link visitorCancelled}. @public */
export type VisitorCancelled = PayloadOf<typeof visitorCancelled>
