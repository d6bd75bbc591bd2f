/**
 * `@tessera/plugin-xero/testing`: the stateful local Xero fake (identity with a consent page, the accounting API the
 * real `xero-node` SDK calls, Xero's limits, idempotency replay, signed webhooks) for the plugin's tests and anyone
 * testing a deployment against it.
 */
export { startXeroFake, invoiceEvent } from './xero-fake.ts'
export type { XeroFake, XeroFakeOptions } from './xero-fake.ts'
export { FakeState } from './fake-state.ts'
export type { FakeContact, FakeDocument, FakeLine, FakeLineTracking, FakeOrganisation, FakePayment, FakeToken, FakeTrackingCategory } from './fake-state.ts'
