/**
 * A test-only payment gateway plugin (`declinepay`) on billing's `payment-gateway` extension point whose every card
 * charge is declined — so billing's own dunning path suspends a membership and publishes
 * `billing.membership.suspended`, exactly as in production, without a card provider. Not exported.
 */
import { definePlugin, extend } from '@tessera/sdk'
import { paymentGateway } from '@tessera/plugin-billing/contract'

export default definePlugin({
  id: 'declinepay',
  version: '1.0.0',
  kernel: '^1.0.0',
  dependsOn: { billing: '^1.0.0' },
  extensions: [extend(paymentGateway, () => ({
    id: 'declinepay',
    label: 'DeclinePay',
    async ensureCustomer(input) { return `dpcus_${input.payerId}` },
    async attachPaymentMethod() {},
    async charge() { return { outcome: 'declined', declineCode: 'card_declined' } },
    async refund() { throw new Error('DeclinePay takes no payments to refund') },
    async verifyWebhook() { return { verified: false, reason: 'DeclinePay sends no webhooks' } },
  }))],
})
