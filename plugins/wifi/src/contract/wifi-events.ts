/**
 * The events the Wi-Fi plugin publishes, with their payload schemas (validated at publish). `wifi.vouchers.issued`
 * reaches staff browsers holding `wifi.vouchers`, so the Guest Wi-Fi screen shows a day pass's vouchers as soon as
 * the POS sale is handled; codes are not in the payload (the screen reloads them through the API).
 */
import { defineEvent, uuid } from '@tessera/sdk'
import type { PayloadOf } from '@tessera/sdk'
import { wifiPermissions } from './wifi-permissions.ts'

/** `wifi.vouchers.issued`: guest vouchers were created at UniFi (by staff, or for a POS sale). @public */
export const vouchersIssued = defineEvent({
  name: 'wifi.vouchers.issued',
  description: 'Guest vouchers were created at the UniFi controller: how many, by whom (staff, a POS day-pass sale, a visitor\'s arrival), the sale or visitor',
  ui: { permission: wifiPermissions.vouchers },
  schema: {
    type: 'object', additionalProperties: false, required: ['count', 'source', 'saleId'],
    properties: {
      count: { type: 'integer', minimum: 1, maximum: 100 },
      source: { type: 'string', enum: ['staff', 'pos', 'visitor'] },
      saleId: { anyOf: [uuid, { type: 'null' }] },
      visitorId: { anyOf: [uuid, { type: 'null' }] },
    },
  },
})
/** Payload of {@link vouchersIssued}. @public */
export type VouchersIssued = PayloadOf<typeof vouchersIssued>
