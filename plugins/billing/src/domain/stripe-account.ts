/**
 * The tenant's Stripe account: the keys staff set in the Stripe settings screen (stored in `billing.stripe_accounts`,
 * secrets sealed by `secret-box.ts`), falling back to the keys of billing's tenant config (`stripe`, set by the
 * operator), plus the API endpoint of the config (`apiHost`/`apiPort`/`apiProtocol`: tests' fake). Online payment —
 * members seeing "Pay now" — is on when the config switch `onlinePayments` and the screen's switch are on and both the
 * secret and the publishable key are set. The secrets never leave this module except to the Stripe SDK: the screen
 * sees "set" and their last four characters.
 */
import { problem } from '@tessera/sdk'
import type { BillingContext } from './billing-config.ts'
import { settings } from './billing-config.ts'
import { open, seal } from './secret-box.ts'
import { findStripeAccount, saveStripeAccount } from '../store/stripe-account-store.ts'
import type { StripeAccountChange, StripeAccountRow } from '../store/stripe-account-store.ts'

/** What the Stripe SDK needs for the tenant. */
export interface StripeAccount {
  secretKey: string
  webhookSecret: string | undefined
  publishableKey: string | undefined
  apiHost?: string
  apiPort?: number
  apiProtocol?: 'http' | 'https'
}

/** What the settings screen sees (no secret). */
export interface StripeAccountView {
  publishableKey: string | null
  secretKey: { set: boolean; last4: string | null; source: 'settings' | 'config' | null }
  webhookSecret: { set: boolean; last4: string | null; source: 'settings' | 'config' | null }
  onlinePayments: boolean
  /** The config switch `onlinePayments` (operator). */
  onlinePaymentsAllowed: boolean
  /** Whether members are offered card payment now. */
  onlinePaymentsActive: boolean
  webhookUrl: string
  updatedAt: string | null
}

const aad = (ctx: BillingContext, field: string) => `${ctx.tenant().id}/stripe/${field}`
const last4 = (s: string) => s.slice(-4)

async function resolve(ctx: BillingContext): Promise<{ row: StripeAccountRow | undefined; account: Partial<StripeAccount> }> {
  const row = await findStripeAccount(ctx.db)
  const cfg = settings(ctx).stripe ?? {}
  const secretKey = (row?.secretKeyBox ? open(ctx, row.secretKeyBox, aad(ctx, 'secret-key')) : undefined) ?? cfg.secretKey
  const webhookSecret = (row?.webhookSecretBox ? open(ctx, row.webhookSecretBox, aad(ctx, 'webhook-secret')) : undefined) ?? cfg.webhookSecret
  const publishableKey = row?.publishableKey ?? cfg.publishableKey
  return {
    row,
    account: {
      secretKey, webhookSecret, publishableKey,
      ...(cfg.apiHost ? { apiHost: cfg.apiHost } : {}), ...(cfg.apiPort ? { apiPort: cfg.apiPort } : {}), ...(cfg.apiProtocol ? { apiProtocol: cfg.apiProtocol } : {}),
    },
  }
}

/** The tenant's Stripe account, or a 409 saying where to set the keys. */
export async function stripeAccount(ctx: BillingContext): Promise<StripeAccount> {
  const { account } = await resolve(ctx)
  if (!account.secretKey) throw problem.conflict('Online card payment is not set up: an administrator enters the Stripe keys in Billing › Stripe settings.')
  return account as StripeAccount
}

/** Whether members are offered card payment, and with which publishable key. */
export async function onlinePayment(ctx: BillingContext): Promise<{ active: boolean; publishableKey: string | null }> {
  const { row, account } = await resolve(ctx)
  const active = settings(ctx).onlinePayments && (row?.onlinePayments ?? true) && !!account.secretKey && !!account.publishableKey
  return { active, publishableKey: active ? account.publishableKey! : null }
}

/** The settings screen's view. */
export async function stripeAccountView(ctx: BillingContext): Promise<StripeAccountView> {
  const { row } = await resolve(ctx)
  const cfg = settings(ctx).stripe ?? {}
  const secret = (box: string | null | undefined, boxLast4: string | null | undefined, fromConfig: string | undefined): StripeAccountView['secretKey'] =>
    box ? { set: true, last4: boxLast4 ?? null, source: 'settings' } : fromConfig ? { set: true, last4: last4(fromConfig), source: 'config' } : { set: false, last4: null, source: null }
  const online = await onlinePayment(ctx)
  return {
    publishableKey: row?.publishableKey ?? cfg.publishableKey ?? null,
    secretKey: secret(row?.secretKeyBox, row?.secretKeyLast4, cfg.secretKey),
    webhookSecret: secret(row?.webhookSecretBox, row?.webhookSecretLast4, cfg.webhookSecret),
    onlinePayments: row?.onlinePayments ?? true,
    onlinePaymentsAllowed: settings(ctx).onlinePayments,
    onlinePaymentsActive: online.active,
    webhookUrl: `/api/v1/billing/webhooks/stripe/${ctx.tenant().id}`,
    updatedAt: row?.updatedAt ? new Date(row.updatedAt).toISOString() : null,
  }
}

/** What staff send: a key given is set, `null` clears it, absent keeps it. */
export interface StripeAccountInput {
  publishableKey?: string | null
  secretKey?: string | null
  webhookSecret?: string | null
  onlinePayments?: boolean
}

/** Saves the screen's changes (secrets sealed) and audits which fields changed — never their values. */
export async function saveStripeAccountSettings(ctx: BillingContext, input: StripeAccountInput): Promise<StripeAccountView> {
  const change: StripeAccountChange = {}
  if (input.publishableKey !== undefined) change.publishableKey = input.publishableKey
  if (input.secretKey !== undefined) change.secretKey = input.secretKey === null ? null : { box: seal(ctx, input.secretKey, aad(ctx, 'secret-key')), last4: last4(input.secretKey) }
  if (input.webhookSecret !== undefined) change.webhookSecret = input.webhookSecret === null ? null : { box: seal(ctx, input.webhookSecret, aad(ctx, 'webhook-secret')), last4: last4(input.webhookSecret) }
  if (input.onlinePayments !== undefined) change.onlinePayments = input.onlinePayments
  await saveStripeAccount(ctx.db, change)
  await ctx.audit.record({ action: 'billing.stripe-settings.saved', target: `tenant:${ctx.tenant().id}`, data: { fields: Object.keys(change) } })
  return stripeAccountView(ctx)
}
