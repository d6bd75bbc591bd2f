/**
 * Reading the audit log, newest first, a page at a time, with the filters of the audit screens: who (`actor`: part of
 * the actor's label or their exact id), which plugin (`plugin`; `tessera` for the kernel's own entries), what (`action`:
 * a prefix such as `identity.` or `bookings.booking.cancel`), about what (`target`: one target such as `person:<id>`,
 * or a prefix when it ends with `:` or `*`, such as `user:`) and when (`from` inclusive, `to` exclusive). The same query serves the tenant's log (run inside the
 * tenant's transaction, where RLS shows only its rows) and the operator's platform-wide log (on the admin pool, with an
 * optional `tenantId`).
 */
import { pageQuery, uuid } from '../http/common-schemas.ts'

const moment = { type: 'string', format: 'date-time', maxLength: 40 } as const

/** The query string of the audit routes (bounded like every request schema). */
export const auditQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: pageQuery.properties.limit,
    offset: pageQuery.properties.offset,
    actor: { type: 'string', minLength: 1, maxLength: 320, description: "Part of the actor's label (e-mail, name) or their exact id" },
    plugin: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9-]*$', description: 'The plugin that wrote the entry (tessera: the kernel)' },
    action: { type: 'string', minLength: 1, maxLength: 100, description: 'Actions starting with this (e.g. identity.)' },
    target: { type: 'string', minLength: 1, maxLength: 200, description: 'This target (person:<id>), or the targets starting with it when it ends with : or * (user:, invoice:2026*)' },
    from: { ...moment, description: 'Entries at or after this time' },
    to: { ...moment, description: 'Entries before this time' },
  },
} as const

/** The operator's query: the tenant's filters and an optional tenant. */
export const platformAuditQuerySchema = {
  ...auditQuerySchema,
  properties: { ...auditQuerySchema.properties, tenantId: uuid },
} as const

/** One audit entry as the routes answer it. */
export const auditEntrySchema = {
  type: 'object',
  properties: {
    id: { type: 'string' }, at: { type: 'string', format: 'date-time' }, tenantId: { type: ['string', 'null'] },
    actorType: { type: 'string' }, actorId: { type: ['string', 'null'] }, actorLabel: { type: ['string', 'null'] },
    plugin: { type: ['string', 'null'] }, action: { type: 'string' }, target: { type: ['string', 'null'] },
    data: { type: ['object', 'array', 'null'], additionalProperties: true },
  },
} as const

/** A page of entries with the number of entries the filters match. */
export const auditPageSchema = {
  type: 'object',
  properties: { items: { type: 'array', items: auditEntrySchema }, total: { type: 'integer' } },
} as const

/** The filters of one read. */
export interface AuditFilter {
  limit: number
  offset: number
  actor?: string
  plugin?: string
  action?: string
  target?: string
  from?: string
  to?: string
  tenantId?: string
}

type Query = (sql: string, values: unknown[]) => Promise<{ rows: any[] }>

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/** Reads one page of the audit log with `query` (a tenant-bound client, or the admin pool). */
export async function readAudit(query: Query, filter: AuditFilter): Promise<{ items: unknown[]; total: number }> {
  const where: string[] = []
  const values: unknown[] = []
  const v = (value: unknown) => `$${values.push(value)}`
  if (filter.tenantId) where.push(`tenant_id = ${v(filter.tenantId)}::uuid`)
  if (filter.actor) where.push(`(actor_id = ${v(filter.actor)} OR actor_label ILIKE '%' || ${v(escapeLike(filter.actor))} || '%')`)
  if (filter.plugin) where.push(filter.plugin === 'tessera' ? `(plugin = ${v(filter.plugin)} OR plugin IS NULL)` : `plugin = ${v(filter.plugin)}`)
  if (filter.action) where.push(`action LIKE ${v(escapeLike(filter.action))} || '%'`)
  if (filter.target) {
    const prefix = filter.target.endsWith('*') ? filter.target.slice(0, -1) : filter.target.endsWith(':') ? filter.target : null
    where.push(prefix === null ? `target = ${v(filter.target)}` : `target LIKE ${v(escapeLike(prefix))} || '%'`)
  }
  if (filter.from) where.push(`at >= ${v(filter.from)}::timestamptz`)
  if (filter.to) where.push(`at < ${v(filter.to)}::timestamptz`)
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const [page, count] = await Promise.all([
    query(
      `SELECT id::text, at, tenant_id AS "tenantId", actor_type AS "actorType", actor_id AS "actorId", actor_label AS "actorLabel",
              plugin, action, target, data
         FROM tessera.audit_log ${clause} ORDER BY id DESC LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, filter.limit, filter.offset],
    ),
    query(`SELECT count(*)::int AS n FROM tessera.audit_log ${clause}`, values),
  ])
  return { items: page.rows, total: count.rows[0]?.n ?? 0 }
}
