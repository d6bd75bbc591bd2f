/**
 * Guest vouchers (HTTP only; rules in `domain/vouchers.ts`): staff list the latest (or one sale's) and create
 * vouchers at the UniFi controller — count, duration, optional data limit.
 */
import { uuid } from '@tessera/sdk'
import type { PluginApp } from '@tessera/sdk'
import { createVouchersBody, voucherSchema, wifiPermissions } from '../contract/index.ts'
import type { WifiContext } from '../domain/wifi-config.ts'
import { issueVouchers } from '../domain/vouchers.ts'
import { listVouchers } from '../store/vouchers-store.ts'

const staff = { permission: wifiPermissions.vouchers }
const list = { type: 'object', additionalProperties: false, required: ['items'], properties: { items: { type: 'array', items: voucherSchema } } } as const

/** Registers `/vouchers`. */
export function voucherRoutes(app: PluginApp, ctx: WifiContext): void {
  app.get('/vouchers', {
    config: staff,
    schema: {
      querystring: { type: 'object', additionalProperties: false, properties: { saleId: uuid, limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 } } },
      response: { 200: list },
    },
  }, async (req) => ({ items: await listVouchers(ctx.db, { saleId: req.query.saleId, limit: req.query.limit ?? 50 }) }))

  app.post('/vouchers', { config: { ...staff, idempotency: true }, schema: { body: createVouchersBody, response: { 201: list } } }, async (req, reply) => {
    const b = req.body
    const items = await issueVouchers(ctx, { name: b.name ?? 'Guest', count: b.count ?? 1, durationMinutes: b.durationMinutes, dataLimitMb: b.dataLimitMb, source: 'staff' })
    reply.code(201)
    return { items }
  })
}
