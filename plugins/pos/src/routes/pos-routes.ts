/**
 * POS routes (HTTP only: schemas from the contract, typed handlers, no SQL): products and stock, sales (cart) and
 * refunds, sale lookup, the daily CSV report.
 */
import { idParams, problem } from '@tessera/sdk'
import type { PluginApp } from '@tessera/sdk'
import {
  dailyReportQuery, posPermissions, productInputSchema, productPatchSchema, productQuery, productSchema, refundInputSchema, refundSchema,
  saleInputSchema, saleSchema, stockChangeSchema,
} from '../contract/index.ts'
import type { Sale } from '../contract/index.ts'
import { createSale, refundSale } from '../domain/sales.ts'
import { dailyCsv } from '../domain/daily-report.ts'
import type { PosContext } from '../domain/pos-config.ts'
import { addStock, getProduct, insertProduct, listProducts, updateProduct } from '../store/products-store.ts'
import { getSale } from '../store/sales-store.ts'

async function saleOr404(ctx: PosContext, id: string): Promise<Sale> {
  const sale = await getSale(ctx.db, id)
  if (!sale) throw problem.notFound('No such sale.')
  return sale
}

/** Registers the POS routes. */
export function posRoutes(app: PluginApp, ctx: PosContext): void {
  app.get('/products', {
    config: { permission: posPermissions.sell },
    schema: { querystring: productQuery, response: { 200: { type: 'array', items: productSchema } } },
  }, async (req) => listProducts(ctx.db, req.query))

  app.get('/products/:id', { config: { permission: posPermissions.sell }, schema: { params: idParams, response: { 200: productSchema } } }, async (req) => {
    const product = await getProduct(ctx.db, req.params.id)
    if (!product) throw problem.notFound('No such product.')
    return product
  })

  app.post('/products', { config: { permission: posPermissions.manage }, schema: { body: productInputSchema, response: { 201: productSchema } } }, async (req, reply) => {
    const product = await insertProduct(ctx.db, req.body)
    reply.code(201)
    return product
  })

  app.patch('/products/:id', {
    config: { permission: posPermissions.manage },
    schema: { params: idParams, body: productPatchSchema, response: { 200: productSchema } },
  }, async (req) => {
    const product = await updateProduct(ctx.db, req.params.id, req.body)
    if (!product) throw problem.notFound('No such product.')
    return product
  })

  app.post('/products/:id/stock', {
    config: { permission: posPermissions.manage },
    schema: { params: idParams, body: stockChangeSchema, response: { 200: productSchema } },
  }, async (req) => {
    const { delta, reason } = req.body
    const product = await addStock(ctx.db, req.params.id, delta)
    if (!product) throw problem.notFound('No such product.')
    await ctx.audit.record({ action: 'product.stock', target: `product:${product.id}`, data: { delta, reason } })
    return product
  })

  app.post('/sales', {
    config: { permission: posPermissions.sell, idempotency: true },
    schema: { body: saleInputSchema, response: { 201: saleSchema } },
  }, async (req, reply) => {
    const r = await createSale(ctx, req.body)
    reply.code(201)
    return { ...(await saleOr404(ctx, r.id)), change: r.change }
  })

  app.get('/sales/:id', { config: { permission: posPermissions.sell }, schema: { params: idParams, response: { 200: saleSchema } } }, async (req) => saleOr404(ctx, req.params.id))

  app.post('/sales/:id/refunds', {
    config: { permission: posPermissions.refund, idempotency: true },
    schema: { params: idParams, body: refundInputSchema, response: { 201: refundSchema } },
  }, async (req, reply) => {
    const r = await refundSale(ctx, req.params.id, req.body)
    reply.code(201)
    return { ...r, sale: await saleOr404(ctx, req.params.id) }
  })

  app.get('/reports/daily.csv', {
    config: { permission: posPermissions.reports },
    schema: { querystring: dailyReportQuery, response: { 200: { type: 'string', description: 'text/csv' } } },
  }, async (req, reply) => {
    const { date } = req.query
    reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="pos-sales-${date}.csv"`)
    return dailyCsv(ctx.db, date, ctx.config().timezone)
  })
}
