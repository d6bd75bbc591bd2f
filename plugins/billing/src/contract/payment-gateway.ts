/**
 * The payment-gateway extension point: how billing takes card payments without knowing the provider. Billing's own
 * Stripe gateway is registered through it like any other; a third-party plugin (PayFast, MIPS, …) adds one with
 * `dependsOn: { billing: '^1.0.0' }, extensions: [extend(paymentGateway, (ctx) => gateway)]` and a tenant chooses it
 * in billing's config (`paymentGateway: '<id>'`). The gateway is built with ITS plugin's context, so it reads its own
 * per-tenant config (keys, endpoints) with `ctx.config()`; billing calls it inside the tenant's transaction.
 *
 * Billing keeps the money rules: which invoice is due, idempotency keys (`invoice-<id>-attempt-<n>`, …), recording
 * payments once per gateway payment id, dunning. The gateway only talks to its provider:
 * - `ensureCustomer` / `setupPaymentMethod` / `attachPaymentMethod`: a payer's saved card for off-session charges;
 * - `charge`: one charge with the caller's idempotency key (a repeat with the same key is the same charge); a decline
 *   is an outcome, never a throw;
 * - `refund`;
 * - `verifyWebhook`: the delivery to `POST /api/v1/billing/webhooks/<gateway id>/<tenant id>` as raw bytes and
 *   headers; the gateway checks its signature (and freshness) BEFORE it parses the body, and maps the provider's
 *   event to a {@link GatewayWebhookOutcome} billing applies.
 */
import { defineExtensionPoint } from '@tessera/sdk'
import type { PayerType } from './payer.ts'

/** Creating (or finding) the provider's customer of a payer. @public */
export interface GatewayCustomerInput {
  tenantId: string
  payerType: PayerType
  payerId: string
  /** Stable per tenant and payer: a repeat returns the same customer. */
  idempotencyKey: string
}

/** A started card setup the browser confirms with the provider's SDK. @public */
export interface GatewaySetup {
  id: string
  clientSecret: string
  customerId: string
}

/** One charge. @public */
export interface GatewayChargeInput {
  /** Minor units of `currency`. */
  amount: number
  /** ISO 4217, upper case. */
  currency: string
  /** The payer's customer at the provider (absent for a one-off card payment, e.g. a POS sale). */
  customerId?: string
  paymentMethodId: string
  /** True for a charge without the payer present (dunning, staff's "charge now"). */
  offSession: boolean
  description: string
  /** Same key, same charge. */
  idempotencyKey: string
  /** Ids to find the payment by later (`tenantId`, `invoiceId`, `attempt`, …); echoed by webhooks. */
  metadata: Record<string, string>
}

/** What a charge did. A decline is an outcome, not an error; other failures throw. @public */
export type GatewayChargeResult =
  | { outcome: 'succeeded'; paymentId: string; amount: number }
  | { outcome: 'declined'; paymentId?: string; declineCode: string }

/** One refund of (part of) a payment. @public */
export interface GatewayRefundInput {
  paymentId: string
  amount: number
  idempotencyKey: string
  metadata: Record<string, string>
}

/** A webhook delivery as billing received it: nothing has parsed the body. @public */
export interface GatewayWebhookDelivery {
  rawBody: Uint8Array
  /** Lower-case header names. */
  headers: Readonly<Record<string, string | string[] | undefined>>
  tenantId: string
}

/** What a verified provider event means to billing. @public */
export type GatewayWebhookOutcome =
  /** A payment succeeded: billing records it on `metadata.invoiceId` once per `paymentId`, if `metadata.tenantId` is the tenant. */
  | { kind: 'payment.succeeded'; paymentId: string; amount: number; metadata: Record<string, string> }
  /** A saved card is ready for off-session charges. */
  | { kind: 'payment-method.saved'; customerId: string; paymentMethodId: string }
  /** Anything else (including failed payments: billing's own attempts handle declines): recorded, no state change. */
  | { kind: 'ignored' }

/** The result of {@link PaymentGateway.verifyWebhook}. @public */
export type GatewayWebhookVerification =
  | { verified: true; eventId: string; type: string; outcome: GatewayWebhookOutcome }
  | { verified: false; reason: string }

/** A payment provider. @public */
export interface PaymentGateway {
  /** `[a-z][a-z0-9-]*`, unique: what a tenant names in billing's `paymentGateway` and the webhook path segment. */
  readonly id: string
  /** For people (`Stripe`, `PayFast`). */
  readonly label: string
  /** The provider's customer of a payer (created once per `idempotencyKey`). */
  ensureCustomer(input: GatewayCustomerInput): Promise<string>
  /** Starts saving a card for off-session use; absent when the provider has no saved cards. */
  setupPaymentMethod?(input: { customerId: string; metadata: Record<string, string> }): Promise<GatewaySetup>
  /** Makes a payment method usable for the customer at the provider, when the provider needs a call for it. */
  attachPaymentMethod?(input: { customerId: string; paymentMethodId: string }): Promise<void>
  /** Charges once per `idempotencyKey`. */
  charge(input: GatewayChargeInput): Promise<GatewayChargeResult>
  /** Refunds once per `idempotencyKey`. */
  refund(input: GatewayRefundInput): Promise<{ refundId: string }>
  /** Verifies a delivery's signature before reading its body, then maps the event. Never throws for a bad delivery. */
  verifyWebhook(delivery: GatewayWebhookDelivery): Promise<GatewayWebhookVerification>
}

/** Billing's payment-gateway extension point. @public */
export const paymentGateway = defineExtensionPoint<PaymentGateway>({ plugin: 'billing', id: 'payment-gateway' })
