/** POS routes: products and stock, sales (cart) and refunds, sale lookup, the daily CSV report. */
import type { FastifyInstance } from 'fastify'
import { problem } from '@tessera/sdk'
import type { PluginContext } from '@tessera/sdk'
import { createSale, refundSale } from '../domain/sales.ts'
import type { SaleInput } from '../domain/sales.ts'
import { dailyCsv } from '../domain/daily-report.ts'

const uuid = { type: 'string', format: 'uuid', maxLength: 36 } as const
const idParams = { type: 'object', additionalProperties: false, required: ['id'], properties: { id: uuid } } as const
const PRODUCT_COLS = `id, sku, name, category, price::float8 AS price, tax_rate_bp AS "taxRateBp", track_stock AS "trackStock", stock, active`
const product = {
  type: 'object',
  properties: { id: uuid, sku: { type: 'string' }, name: { type: 'string' }, category: { type: 'string' }, price: { type: 'integer' }, taxRateBp: { type: 'integer' }, trackStock: { type: 'boolean' }, stock: { type: 'integer' }, active: { type: 'boolean' } },
} as const
const productInput = {
  type: 'object', additionalProperties: false, required: ['sku', 'name', 'price'],
  properties: {
    sku: { type: 'string', minLength: 1, maxLength: 60 }, name: { type: 'string', minLength: 1, maxLength: 200 }, category: { type: 'string', minLength: 1, maxLength: 60 },
    price: { type: 'integer', minimum: 0, maximum: 1e9 }, taxRateBp: { type: 'integer', minimum: 0, maximum: 10000 }, trackStock: { type: 'boolean' },
    stock: { type: 'integer', minimum: 0, maximum: 1e7 }, active: { type: 'boolean' },
  },
} as const
const { stock: _stock, ...patchable } = productInput.properties
/** Stock changes only through `/products/:id/stock` (audited with a reason) and sales. */
const productPatch = { type: 'object', additionalProperties: false, properties: patchable } as const
const sale = {
  type: 'object',
  properties: {
    id: uuid, method: { type: 'string' }, payerType: { type: ['string', 'null'] }, payerId: { type: ['string', 'null'] }, status: { type: 'string' },
    net: { type: 'integer' }, tax: { type: 'integer' }, total: { type: 'integer' }, refunded: { type: 'integer' }, change: { type: ['integer', 'null'] },
    paymentIntentId: { type: ['string', 'null'] }, createdAt: { type: 'string' },
    lines: { type: 'array', items: { type: 'object', properties: { position: { type: 'integer' }, productId: uuid, sku: { type: 'string' }, name: { type: 'string' }, quantity: { type: 'integer' }, unitPrice: { type: 'integer' }, taxRateBp: { type: 'integer' }, gross: { type: 'integer' }, refundedQuantity: { type: 'integer' } } } },
  },
} as const

async function loadSale(ctx: PluginContext, id: string): Promise<Record<string, unknown>> {
  const s = await ctx.db.one<Record<string, any>>(
    `SELECT id, method, payer_type AS "payerType", payer_id AS "payerId", status, net::float8, tax::float8, total::float8, refunded::float8,
       payment_intent_id AS "paymentIntentId", created_at FROM pos.sales WHERE id = $1`, [id])
  if (!s) throw problem.notFound('No such sale.')
  const lines = await ctx.db.many(
    `SELECT position, product_id AS "productId", sku, name, quantity, unit_price::float8 AS "unitPrice", tax_rate_bp AS "taxRateBp", gross::float8,
       refunded_quantity AS "refundedQuantity" FROM pos.sale_lines WHERE sale_id = $1 ORDER BY position`, [id])
  const { created_at, ...rest } = s
  return { ...rest, createdAt: created_at.toISOString(), lines }
}

/** Registers the POS routes. */
export function posRoutes(app: FastifyInstance, ctx: PluginContext): void {
  app.get('/products', {
    config: { permission: 'pos.sell' },
    schema: { querystring: { type: 'object', additionalProperties: false, properties: { category: { type: 'string', maxLength: 60 }, active: { type: 'boolean' } } }, response: { 200: { type: 'array', items: product } } },
  }, async (req) => {
    const q = req.query as { category?: string; active?: boolean }
    return ctx.db.many(`SELECT ${PRODUCT_COLS} FROM pos.products WHERE ($1::text IS NULL OR category = $1) AND ($2::boolean IS NULL OR active = $2) ORDER BY category, name`, [q.category ?? null, q.active ?? null])
  })

  app.get('/products/:id', { config: { permission: 'pos.sell' }, schema: { params: idParams, response: { 200: product } } }, async (req) =>
    (await ctx.db.one(`SELECT ${PRODUCT_COLS} FROM pos.products WHERE id = $1`, [(req.params as { id: string }).id])) ?? Promise.reject(problem.notFound('No such product.')))

  app.post('/products', { config: { permission: 'pos.manage' }, schema: { body: productInput, response: { 201: product } } }, async (req, reply) => {
    const b = req.body as Record<string, any>
    reply.code(201)
    return ctx.db.one(
      `INSERT INTO pos.products (sku, name, category, price, tax_rate_bp, track_stock, stock, active) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${PRODUCT_COLS}`,
      [b.sku, b.name, b.category ?? 'general', b.price, b.taxRateBp ?? 0, b.trackStock ?? true, b.stock ?? 0, b.active ?? true])
  })

  app.patch('/products/:id', {
    config: { permission: 'pos.manage' },
    schema: { params: idParams, body: productPatch, response: { 200: product } },
  }, async (req) => {
    const b = req.body as Record<string, any>
    const row = await ctx.db.one(
      `UPDATE pos.products SET sku = coalesce($2, sku), name = coalesce($3, name), category = coalesce($4, category), price = coalesce($5, price),
         tax_rate_bp = coalesce($6, tax_rate_bp), track_stock = coalesce($7, track_stock), active = coalesce($8, active) WHERE id = $1 RETURNING ${PRODUCT_COLS}`,
      [(req.params as { id: string }).id, b.sku ?? null, b.name ?? null, b.category ?? null, b.price ?? null, b.taxRateBp ?? null, b.trackStock ?? null, b.active ?? null])
    if (!row) throw problem.notFound('No such product.')
    return row
  })

  app.post('/products/:id/stock', {
    config: { permission: 'pos.manage' },
    schema: {
      params: idParams,
      body: { type: 'object', additionalProperties: false, required: ['delta', 'reason'], properties: { delta: { type: 'integer', minimum: -1e6, maximum: 1e6 }, reason: { type: 'string', minLength: 1, maxLength: 200 } } },
      response: { 200: product },
    },
  }, async (req) => {
    const { delta, reason } = req.body as { delta: number; reason: string }
    const id = (req.params as { id: string }).id
    const row = await ctx.db.one(`UPDATE pos.products SET stock = stock + $2 WHERE id = $1 RETURNING ${PRODUCT_COLS}`, [id, delta])
    if (!row) throw problem.notFound('No such product.')
    await ctx.audit.record({ action: 'product.stock', target: `product:${id}`, data: { delta, reason } })
    return row
  })

  app.post('/sales', {
    config: { permission: 'pos.sell', idempotency: true },
    schema: {
      body: {
        type: 'object', additionalProperties: false, required: ['lines', 'method'],
        properties: {
          lines: { type: 'array', minItems: 1, maxItems: 100, items: { type: 'object', additionalProperties: false, required: ['productId', 'quantity'], properties: { productId: uuid, quantity: { type: 'integer', minimum: 1, maximum: 10000 } } } },
          method: { type: 'string', enum: ['account', 'card', 'cash'] },
          payerType: { type: 'string', enum: ['person', 'organisation'] }, payerId: uuid,
          paymentMethodId: { type: 'string', maxLength: 255, pattern: '^pm_[A-Za-z0-9_]+$' }, cashTendered: { type: 'integer', minimum: 0, maximum: 1e9 },
        },
      },
      response: { 201: sale },
    },
  }, async (req, reply) => {
    const r = await createSale(ctx, req.body as SaleInput)
    reply.code(201)
    return { ...(await loadSale(ctx, r.id)), change: r.change }
  })

  app.get('/sales/:id', { config: { permission: 'pos.sell' }, schema: { params: idParams, response: { 200: sale } } }, async (req) => loadSale(ctx, (req.params as { id: string }).id))

  app.post('/sales/:id/refunds', {
    config: { permission: 'pos.refund', idempotency: true },
    schema: {
      params: idParams,
      body: {
        type: 'object', additionalProperties: false,
        properties: {
          lines: { type: 'array', minItems: 1, maxItems: 100, items: { type: 'object', additionalProperties: false, required: ['position', 'quantity'], properties: { position: { type: 'integer', minimum: 1, maximum: 100 }, quantity: { type: 'integer', minimum: 1, maximum: 10000 } } } },
          reason: { type: 'string', maxLength: 200 },
        },
      },
      response: { 201: { type: 'object', properties: { id: uuid, amount: { type: 'integer' }, sale } } },
    },
  }, async (req, reply) => {
    const id = (req.params as { id: string }).id
    const r = await refundSale(ctx, id, req.body as { lines?: { position: number; quantity: number }[]; reason?: string })
    reply.code(201)
    return { ...r, sale: await loadSale(ctx, id) }
  })

  app.get('/reports/daily.csv', {
    config: { permission: 'pos.reports' },
    schema: {
      querystring: { type: 'object', additionalProperties: false, required: ['date'], properties: { date: { type: 'string', format: 'date', maxLength: 10 } } },
      response: { 200: { type: 'string', description: 'text/csv' } },
    },
  }, async (req, reply) => {
    const { date } = req.query as { date: string }
    const tz = (ctx.config() as { timezone?: string }).timezone ?? 'UTC'
    reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="pos-sales-${date}.csv"`)
    return dailyCsv(ctx, date, tz)
  })
}
