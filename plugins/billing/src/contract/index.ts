/**
 * `@tessera/plugin-billing/contract`: what other plugins may use of billing — service refs and their interfaces
 * (accounts, payments, plans, invoices), the `billing.*` event contracts, permission names, the route schemas and
 * wire types, the payment-gateway extension point and the money rules (rounding, tax, amount bounds) shared with POS.
 * Imports nothing but `@tessera/sdk`.
 */
export * from './money.ts'
export * from './payer.ts'
export * from './permissions.ts'
export * from './route-schemas.ts'
export type * from './wire-types.ts'
export * from './event-schemas.ts'
export * from './invoice-events.ts'
export * from './payment-events.ts'
export * from './reminder-events.ts'
export * from './membership-events.ts'
export * from './booking-events.ts'
export * from './accounts-service.ts'
export * from './payments-service.ts'
export * from './plans-service.ts'
export * from './invoices-service.ts'
export * from './payment-gateway.ts'
export * from './desk-schemas.ts'
