/**
 * A third-party payment gateway written against billing's contract only, as PayFast or MIPS would be: a plugin that
 * depends on billing and registers a `PaymentGateway` on `billing.payment-gateway` (id `fakepay`). Its "provider" is
 * an in-memory ledger; webhooks are signed with HMAC-SHA256 of the raw body under the plugin's own per-tenant config
 * `webhookSecret` (header `x-fakepay-signature`), checked before the body is parsed. It also subscribes to
 * `billing.invoice.paid` and keeps what it heard, so a test sees the event arrive at another plugin.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { definePlugin, extend, on } from '@tessera/sdk'
import type { PluginContext } from '@tessera/sdk'
import { invoicePaid, paymentGateway } from '@tessera/plugin-billing/contract'
import type { GatewayChargeInput, PaymentGateway } from '@tessera/plugin-billing/contract'

/** What the fake provider was asked to do (per kernel process). */
export const fakeLedger = {
  customers: new Map<string, string>(),
  charges: new Map<string, GatewayChargeInput & { paymentId: string }>(),
  refunds: [] as { paymentId: string; amount: number; idempotencyKey: string }[],
}

/** Signs a webhook body as the fake provider does. */
export const signFakepay = (body: string, secret: string): string => createHmac('sha256', secret).update(body).digest('hex')

const configSchema = {
  type: 'object', additionalProperties: false,
  properties: { webhookSecret: { type: 'string', minLength: 8, maxLength: 200, default: 'fakepay-test-secret' } },
} as const

function fakeGateway(ctx: PluginContext<{ webhookSecret: string }>): PaymentGateway {
  return {
    id: 'fakepay',
    label: 'FakePay',
    async ensureCustomer(input) {
      const known = fakeLedger.customers.get(input.idempotencyKey)
      if (known) return known
      const id = `fpcus_${fakeLedger.customers.size + 1}_${input.payerId.slice(0, 8)}`
      fakeLedger.customers.set(input.idempotencyKey, id)
      return id
    },
    async attachPaymentMethod() {},
    async charge(input) {
      const seen = fakeLedger.charges.get(input.idempotencyKey)
      if (seen) return { outcome: 'succeeded', paymentId: seen.paymentId, amount: seen.amount }
      if (input.paymentMethodId === 'fp_card_declined') return { outcome: 'declined', declineCode: 'insufficient_funds' }
      const paymentId = `fppay_${fakeLedger.charges.size + 1}`
      fakeLedger.charges.set(input.idempotencyKey, { ...input, paymentId })
      return { outcome: 'succeeded', paymentId, amount: input.amount }
    },
    async refund(input) {
      fakeLedger.refunds.push({ paymentId: input.paymentId, amount: input.amount, idempotencyKey: input.idempotencyKey })
      return { refundId: `fpref_${fakeLedger.refunds.length}` }
    },
    async verifyWebhook(delivery) {
      const sig = delivery.headers['x-fakepay-signature']
      if (typeof sig !== 'string' || !/^[0-9a-f]{64}$/.test(sig)) return { verified: false, reason: 'A signed FakePay event is required.' }
      const expected = Buffer.from(createHmac('sha256', ctx.config().webhookSecret).update(delivery.rawBody).digest('hex'))
      if (!timingSafeEqual(expected, Buffer.from(sig))) return { verified: false, reason: 'The FakePay signature does not verify.' }
      const event = JSON.parse(Buffer.from(delivery.rawBody).toString('utf8')) as { id: string; type: string; paymentId: string; amount: number; metadata: Record<string, string> }
      if (event.type !== 'payment.succeeded') return { verified: true, eventId: event.id, type: event.type, outcome: { kind: 'ignored' } }
      return { verified: true, eventId: event.id, type: event.type, outcome: { kind: 'payment.succeeded', paymentId: event.paymentId, amount: event.amount, metadata: event.metadata } }
    },
  }
}

export default definePlugin({
  id: 'fakepay',
  version: '1.0.0',
  kernel: '^1.0.0',
  name: 'FakePay (test gateway)',
  dependsOn: { billing: '^1.0.0' },
  configSchema,
  extensions: [extend(paymentGateway, fakeGateway)],
  migrations: [{ name: '001_heard', up: 'CREATE TABLE paid_heard (tenant_id uuid NOT NULL, invoice_id uuid NOT NULL, total bigint NOT NULL, PRIMARY KEY (tenant_id, invoice_id))' }],
  subscribes: [
    on(invoicePaid, async (event, ctx) => {
      await ctx.db.query('INSERT INTO fakepay.paid_heard (invoice_id, total) VALUES ($1, $2) ON CONFLICT DO NOTHING', [event.payload.id, event.payload.total])
    }),
  ],
})
