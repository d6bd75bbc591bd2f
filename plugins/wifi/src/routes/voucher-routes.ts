/**
 * Guest vouchers (HTTP only; rules in `domain/vouchers.ts` and `domain/voucher-print.ts`): staff list the latest (or
 * one sale's, or one visitor's) and create vouchers at the UniFi controller — count, duration, optional data limit —
 * print one on a `vouchers` printer (once per `Idempotency-Key`), and read the voucher an arriving visitor got (for the
 * visitors screen).
 */
import { createHash } from 'node:crypto'
import { problem, uuid } from '@tessera/sdk'
import type { PluginApp } from '@tessera/sdk'
import { printJobSchema } from '@tessera/plugin-access/contract'
import { createVouchersBody, printVoucherBody, voucherSchema, wifiPermissions } from '../contract/index.ts'
import type { WifiContext } from '../domain/wifi-config.ts'
import { issueVouchers } from '../domain/vouchers.ts'
import { printVoucher } from '../domain/voucher-print.ts'
import { getVoucher, listVouchers } from '../store/vouchers-store.ts'

const staff = { permission: wifiPermissions.vouchers }
const list = { type: 'object', additionalProperties: false, required: ['items'], properties: { items: { type: 'array', items: voucherSchema } } } as const
const idParams = { type: 'object', additionalProperties: false, required: ['id'], properties: { id: uuid } } as const

/** Registers `/vouchers` and `/visitors/:visitorId/voucher`. */
export function voucherRoutes(app: PluginApp, ctx: WifiContext): void {
  app.get('/vouchers', {
    config: staff,
    schema: {
      querystring: { type: 'object', additionalProperties: false, properties: { saleId: uuid, visitorId: uuid, limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 } } },
      response: { 200: list },
    },
  }, async (req) => ({ items: await listVouchers(ctx.db, { saleId: req.query.saleId, visitorId: req.query.visitorId, limit: req.query.limit ?? 50 }) }))

  app.post('/vouchers', { config: { ...staff, idempotency: true }, schema: { body: createVouchersBody, response: { 201: list } } }, async (req, reply) => {
    const b = req.body
    const items = await issueVouchers(ctx, { name: b.name ?? 'Guest', count: b.count ?? 1, durationMinutes: b.durationMinutes, dataLimitMb: b.dataLimitMb, source: 'staff' })
    reply.code(201)
    return { items }
  })

  app.post('/vouchers/:id/print', {
    config: { ...staff, idempotency: true },
    schema: { params: idParams, body: printVoucherBody, response: { 201: printJobSchema } },
  }, async (req, reply) => {
    const voucher = await getVoucher(ctx.db, req.params.id)
    if (!voucher) throw problem.notFound('No such voucher.')
    const click = createHash('sha256').update(String(req.headers['idempotency-key'])).digest('hex').slice(0, 16)
    const job = await printVoucher(ctx, voucher, { requestId: `wifi:voucher:${voucher.id}:${click}`, locationId: req.body.locationId ?? null, required: true })
    reply.code(201)
    return job!
  })

  app.get('/visitors/:visitorId/voucher', {
    config: staff,
    schema: { params: { type: 'object', additionalProperties: false, required: ['visitorId'], properties: { visitorId: uuid } }, response: { 200: voucherSchema } },
  }, async (req) => {
    const [voucher] = await listVouchers(ctx.db, { visitorId: req.params.visitorId, limit: 1 })
    if (!voucher) throw problem.notFound('This visitor has no Wi-Fi voucher (yet): vouchers are issued on arrival when Wi-Fi is configured for visitors.')
    return voucher
  })
}
