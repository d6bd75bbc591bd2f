/**
 * Per-tenant enablement, Odoo style: a `tenant_plugins` record per (tenant, plugin) moving through enabling →
 * enabled → disabling → disabled, or failed with the reason. Enabling validates the config against the plugin's JSON
 * Schema (every bad field listed), requires the plugin's dependencies to be enabled, and runs `onEnable` in the
 * tenant's transaction together with the state change; disabling is refused while an enabled plugin depends on it,
 * and keeps the data. Each change NOTIFYs `tessera_enablement` in its transaction so every instance's cache follows;
 * the final state (enabled, disabled or failed) also tells the tenant's browsers (`tessera.plugins.changed`, see
 * `realtime/plugins-changed-notice.ts`), which re-read their UI manifest.
 */
import type { Pool } from 'pg'
import type { ValidateFunction } from 'ajv'
import type { Actor, PluginDefinition } from '@tessera/sdk'
import { problem, ProblemError } from '@tessera/sdk'
import type { PluginRegistry } from './plugin-runtime.ts'
import type { TenantTransactions } from '../db/tenant-transactions.ts'
import type { EnablementCache } from '../tenancy/enablement-cache.ts'
import type { TenantPlugin } from '../model/tenant-plugin.ts'
import type { JobSystem } from '../jobs/job-system.ts'
import type { RolePermissions } from '../auth/role-permissions.ts'
import { auditPlatform } from '../audit/audit-writer.ts'
import { currentScope } from '../db/tenant-scope.ts'
import { withTransaction } from '../db/with-transaction.ts'
import { makeAjv } from '../http/validator-compiler.ts'
import { fieldErrors } from '../http/field-error-text.ts'
import { pluginsChangedNotice } from '../realtime/plugins-changed-notice.ts'

const columns = `plugin_id AS "pluginId", state, version, config, error`

/** Enable/disable plugins for tenants. */
export class EnablementService {
  readonly #pool: Pool
  readonly #registry: PluginRegistry
  readonly #tx: TenantTransactions
  readonly #cache: EnablementCache
  readonly #jobs: JobSystem | undefined
  readonly #roles: () => RolePermissions
  // the SDK's formats (iana-timezone, bounded date-time/date) apply to config as they do to requests
  readonly #ajv = makeAjv({ useDefaults: true })
  readonly #validators = new Map<string, ValidateFunction>()

  constructor(deps: { pool: Pool; registry: PluginRegistry; tx: TenantTransactions; cache: EnablementCache; jobs?: JobSystem; roles: () => RolePermissions }) {
    this.#pool = deps.pool
    this.#registry = deps.registry
    this.#tx = deps.tx
    this.#cache = deps.cache
    this.#jobs = deps.jobs
    this.#roles = deps.roles
  }

  /** The tenant's records, read fresh. */
  async list(tenantId: string): Promise<TenantPlugin[]> {
    const { rows } = await this.#pool.query(`SELECT ${columns} FROM tessera.tenant_plugins WHERE tenant_id = $1 ORDER BY plugin_id`, [tenantId])
    return rows
  }

  /** A plugin's name as people read it (its id when it has none or is not installed). */
  #nameOf(pluginId: string): string {
    return this.#registry.get(pluginId)?.definition?.name ?? pluginId
  }

  #definition(pluginId: string): PluginDefinition {
    const rt = this.#registry.get(pluginId)
    if (!rt?.definition) throw problem.notFound(`No plugin "${pluginId}" is installed.`)
    if (rt.state !== 'active') throw problem.conflict(`${rt.definition.name ?? pluginId} failed and cannot be enabled: ${rt.reason}`)
    return rt.definition
  }

  /** Validates `config` (defaults applied); 400 listing each invalid field. */
  validateConfig(def: PluginDefinition, config: unknown): Record<string, unknown> {
    const value = structuredClone(config ?? {}) as Record<string, unknown>
    if (!def.configSchema) return value
    let validate = this.#validators.get(def.id)
    if (!validate) this.#validators.set(def.id, (validate = this.#ajv.compile(def.configSchema)))
    if (!validate(value)) {
      const errors = fieldErrors('config', validate.errors ?? [], { unknownField: 'is not a known setting' })
      throw problem.badRequest(`The settings of ${def.name ?? def.id} are not valid.`, errors)
    }
    return value
  }

  /** Enables (or reconfigures) a plugin for a tenant. */
  async enable(tenantId: string, pluginId: string, config: unknown, actor: Actor): Promise<TenantPlugin> {
    const def = this.#definition(pluginId)
    const value = this.validateConfig(def, config)
    return this.#transition(tenantId, def, actor, 'enable', async (records) => {
      const missing = Object.entries(def.dependsOn ?? {}).filter(([dep]) => records.get(dep)?.state !== 'enabled')
      if (missing.length) {
        throw problem.conflict(
          `${def.name ?? pluginId} needs ${missing.map(([d]) => this.#nameOf(d)).join(', ')} enabled first.`,
          { missing: missing.map(([d]) => d) },
        )
      }
      return value
    })
  }

  /** Disables a plugin for a tenant (data kept). */
  async disable(tenantId: string, pluginId: string, actor: Actor): Promise<TenantPlugin> {
    const def = this.#registry.get(pluginId)?.definition
    if (!def) throw problem.notFound(`No plugin "${pluginId}" is installed.`)
    return this.#transition(tenantId, def, actor, 'disable', async (records) => {
      const dependents = this.#registry.all().filter((p) => p.definition?.dependsOn?.[pluginId] && records.get(p.id)?.state === 'enabled')
      if (dependents.length) {
        throw problem.conflict(
          `${def.name ?? pluginId} cannot be disabled while ${dependents.map((d) => this.#nameOf(d.id)).join(', ')} ${dependents.length > 1 ? 'depend' : 'depends'} on it.`,
          { dependents: dependents.map((d) => d.id) },
        )
      }
      return undefined
    })
  }

  async #transition(
    tenantId: string, def: PluginDefinition, actor: Actor, op: 'enable' | 'disable',
    check: (records: Map<string, TenantPlugin>) => Promise<Record<string, unknown> | undefined>,
  ): Promise<TenantPlugin> {
    const lockKey = `tessera.enablement:${tenantId}`
    // step 1: checks under the tenant's lock, then the in-flight state, committed so operators can see it
    type Pre = { early: TenantPlugin } | { config: Record<string, unknown> | undefined }
    const pre: Pre = await withTransaction(this.#pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey])
      const exists = await client.query('SELECT 1 FROM tessera.tenants WHERE id = $1', [tenantId])
      if (!exists.rowCount) throw problem.notFound('Unknown tenant.')
      const { rows } = await client.query(`SELECT ${columns} FROM tessera.tenant_plugins WHERE tenant_id = $1`, [tenantId])
      const records = new Map<string, TenantPlugin>(rows.map((r) => [r.pluginId, r]))
      if (op === 'disable' && records.get(def.id)?.state !== 'enabled') {
        return { early: records.get(def.id) ?? { pluginId: def.id, state: 'disabled', version: null, config: {}, error: null } }
      }
      const checked = await check(records)
      await client.query(
        `INSERT INTO tessera.tenant_plugins (tenant_id, plugin_id, state, version, config) VALUES ($1, $2, $3, $4, coalesce($5, '{}'::jsonb))
         ON CONFLICT (tenant_id, plugin_id) DO UPDATE SET state = $3, error = NULL, updated_at = now()`,
        [tenantId, def.id, op === 'enable' ? 'enabling' : 'disabling', def.version, checked ? JSON.stringify(checked) : null],
      )
      await client.query(`SELECT pg_notify('tessera_enablement', $1)`, [tenantId])
      return { config: checked }
    })
    if ('early' in pre) return pre.early
    const config = pre.config
    // step 2: the hook and the final state in one transaction; the hook runs as the runtime role in the tenant
    const tenantPlugins = new Map([[def.id, { pluginId: def.id, state: 'enabled', version: def.version, config: config ?? {}, error: null } as TenantPlugin]])
    try {
      const hook = op === 'enable' ? def.onEnable : def.onDisable
      const ctx = this.#registry.get(def.id)?.ctx
      const record = await this.#tx.run(
        { tenantId, actor, permissions: this.#roles().all, pluginId: def.id, tenantPlugins },
        async () => {
          // the hook runs as the runtime role; the state row is a platform table, written on the scope's platform
          // side transaction (committed right after the hook's tenant transaction)
          const platform = currentScope().platform
          if (hook && ctx) await hook(ctx)
          const { rows } = await platform.query(
            `UPDATE tessera.tenant_plugins SET state = $3, version = $4, config = coalesce($5, config), error = NULL, updated_at = now()
              WHERE tenant_id = $1 AND plugin_id = $2 RETURNING ${columns}`,
            [tenantId, def.id, op === 'enable' ? 'enabled' : 'disabled', def.version, config ? JSON.stringify(config) : null],
          )
          await platform.query(`SELECT pg_notify('tessera_enablement', $1), pg_notify('tessera_realtime', $2)`, [tenantId, pluginsChangedNotice(tenantId)])
          return rows[0] as TenantPlugin
        },
      )
      this.#cache.invalidate(tenantId)
      await this.#schedules(def, tenantId, op)
      await auditPlatform(this.#pool, actor, { tenantId, action: `plugin.${op}`, target: `plugin:${def.id}`, data: config ? { config } : undefined })
      return record
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err)
      await this.#pool.query(
        `WITH u AS (UPDATE tessera.tenant_plugins SET state = 'failed', error = $3, updated_at = now() WHERE tenant_id = $1 AND plugin_id = $2)
         SELECT pg_notify('tessera_enablement', $1), pg_notify('tessera_realtime', $4)`,
        [tenantId, def.id, `${op} failed: ${reason}`, pluginsChangedNotice(tenantId)],
      )
      this.#cache.invalidate(tenantId)
      if (err instanceof ProblemError) throw err
      throw new ProblemError(500, 'Plugin hook failed', { detail: `${op === 'enable' ? 'Enabling' : 'Disabling'} ${def.name ?? def.id} failed: ${reason}` })
    }
  }

  async #schedules(def: PluginDefinition, tenantId: string, op: 'enable' | 'disable'): Promise<void> {
    if (!this.#jobs) return
    for (const [name, job] of Object.entries(def.jobs ?? {})) {
      if (!job.cron) continue
      if (op === 'enable') await this.#jobs.schedule(`${def.id}.${name}`, tenantId, job.cron, job.tz)
      else await this.#jobs.unschedule(`${def.id}.${name}`, tenantId)
    }
  }
}
