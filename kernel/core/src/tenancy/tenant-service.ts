/**
 * Tenants: create, find, list (paginated). Tenants are platform bookkeeping, handled by operators.
 */
import type { Pool } from 'pg'
import { problem } from '@tessera/sdk'
import { isUuid } from '../db/sql-identifier.ts'

/** A tenant record. */
export interface Tenant {
  id: string
  slug: string
  name: string
  createdAt: string
}

const columns = `id, slug, name, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"`

/** Tenant operations. */
export class TenantService {
  readonly #pool: Pool
  constructor(pool: Pool) {
    this.#pool = pool
  }

  /** Creates a tenant; 409 if the slug is taken. */
  async create(slug: string, name: string): Promise<Tenant> {
    const { rows } = await this.#pool.query(
      `INSERT INTO tessera.tenants (slug, name) VALUES ($1, $2) ON CONFLICT (slug) DO NOTHING RETURNING ${columns}`,
      [slug, name],
    )
    if (!rows[0]) throw problem.conflict(`A tenant with slug "${slug}" already exists.`)
    return rows[0]
  }

  /** Finds a tenant by id or slug. */
  async find(idOrSlug: string): Promise<Tenant | undefined> {
    const { rows } = await this.#pool.query(
      `SELECT ${columns} FROM tessera.tenants WHERE ${isUuid(idOrSlug) ? 'id = $1::uuid' : 'slug = $1'}`,
      [idOrSlug],
    )
    return rows[0]
  }

  /** Like `find`, but 404 when missing. */
  async get(idOrSlug: string): Promise<Tenant> {
    const t = await this.find(idOrSlug)
    if (!t) throw problem.notFound(`No tenant "${idOrSlug}".`)
    return t
  }

  /** A page of tenants by slug. */
  async list(limit: number, offset: number, search?: string): Promise<{ items: Tenant[]; total: number }> {
    const where = search ? `WHERE slug ILIKE $3 OR name ILIKE $3` : ''
    const params: unknown[] = [limit, offset]
    if (search) params.push(`%${search.replace(/[%_\\]/g, '\\$&')}%`)
    const { rows } = await this.#pool.query(
      `SELECT ${columns}, count(*) OVER () AS total FROM tessera.tenants ${where} ORDER BY slug LIMIT $1 OFFSET $2`,
      params,
    )
    let total = rows.length ? Number(rows[0].total) : 0
    if (!rows.length && offset > 0) total = Number((await this.#pool.query(`SELECT count(*) FROM tessera.tenants`)).rows[0].count)
    return { items: rows.map(({ total: _t, ...t }) => t as Tenant), total }
  }
}
