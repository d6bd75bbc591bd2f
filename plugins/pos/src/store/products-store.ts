/**
 * SQL of the product catalogue: list, read, create, change, stock corrections, and the row locks a sale takes.
 * Amounts are minor units (`bigint` read back as JS numbers).
 */
import type { Db } from '@tessera/sdk'
import type { Product, ProductInput, ProductPatch, ProductQuery } from '../contract/index.ts'

const COLS = `id, sku, name, category, price::float8 AS price, tax_rate_bp AS "taxRateBp", track_stock AS "trackStock", stock, active`

/** Products matching the filter, by category and name. */
export function listProducts(db: Db, q: ProductQuery): Promise<Product[]> {
  return db.many<Product>(`SELECT ${COLS} FROM pos.products WHERE ($1::text IS NULL OR category = $1) AND ($2::boolean IS NULL OR active = $2) ORDER BY category, name`,
    [q.category ?? null, q.active ?? null])
}

/** One product, or undefined. */
export function getProduct(db: Db, id: string): Promise<Product | undefined> {
  return db.one<Product>(`SELECT ${COLS} FROM pos.products WHERE id = $1`, [id])
}

/** Inserts a product (category `general`, no tax, stock kept, 0 in stock and on sale unless given). */
export async function insertProduct(db: Db, p: ProductInput): Promise<Product> {
  return (await db.one<Product>(
    `INSERT INTO pos.products (sku, name, category, price, tax_rate_bp, track_stock, stock, active) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLS}`,
    [p.sku, p.name, p.category ?? 'general', p.price, p.taxRateBp ?? 0, p.trackStock ?? true, p.stock ?? 0, p.active ?? true]))!
}

/** Inserts a sample product unless its SKU exists. */
export async function insertProductUnlessSku(db: Db, p: ProductInput): Promise<void> {
  await db.query(
    `INSERT INTO pos.products (sku, name, category, price, tax_rate_bp, stock, track_stock) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tenant_id, sku) DO NOTHING`,
    [p.sku, p.name, p.category ?? 'general', p.price, p.taxRateBp ?? 0, p.stock ?? 0, p.trackStock ?? true])
}

/** Changes the given fields of a product; undefined when there is none. */
export function updateProduct(db: Db, id: string, b: ProductPatch): Promise<Product | undefined> {
  return db.one<Product>(
    `UPDATE pos.products SET sku = coalesce($2, sku), name = coalesce($3, name), category = coalesce($4, category), price = coalesce($5, price),
       tax_rate_bp = coalesce($6, tax_rate_bp), track_stock = coalesce($7, track_stock), active = coalesce($8, active) WHERE id = $1 RETURNING ${COLS}`,
    [id, b.sku ?? null, b.name ?? null, b.category ?? null, b.price ?? null, b.taxRateBp ?? null, b.trackStock ?? null, b.active ?? null])
}

/** Adds `delta` (negative: takes) to a product's stock; undefined when there is no such product. */
export function addStock(db: Db, id: string, delta: number): Promise<Product | undefined> {
  return db.one<Product>(`UPDATE pos.products SET stock = stock + $2 WHERE id = $1 RETURNING ${COLS}`, [id, delta])
}

/** Puts refunded quantities back on stock (products that keep stock only). */
export async function returnStock(db: Db, id: string, quantity: number): Promise<void> {
  await db.query('UPDATE pos.products SET stock = stock + $2 WHERE id = $1 AND track_stock', [id, quantity])
}

/** Locks the given products for a sale, in id order (concurrent carts cannot deadlock). */
export function lockProducts(db: Db, ids: string[]): Promise<Product[]> {
  return db.many<Product>(`SELECT ${COLS} FROM pos.products WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids])
}
