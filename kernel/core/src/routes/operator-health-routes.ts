/**
 * `GET /api/v1/admin/health`: what an operator's health screen shows, in one answer — the `/readyz` checks by name
 * (admin pool, runtime pool, LISTEN connection), the jobs backlog and dead letters of every queue
 * (`jobs/queue-health.ts`), and each installed plugin's state with how many tenants have it enabled or failed.
 * Operators only.
 */
import type { FastifyInstance } from 'fastify'
import type { KernelServices } from '../services/kernel-services.ts'
import { requireOperator } from '../auth/auth-hook.ts'
import { problemResponses } from '../http/common-schemas.ts'
import { queueHealth } from '../jobs/queue-health.ts'
import type { QueueHealth } from '../jobs/queue-health.ts'

const count = { type: 'integer' } as const
const healthSchema = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ready', 'not ready'] },
    checkedAt: { type: 'string', format: 'date-time' },
    checks: { type: 'object', additionalProperties: { type: 'boolean' } },
    jobs: { type: 'string', enum: ['running', 'off'], description: 'Whether this instance runs pg-boss' },
    queues: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' }, plugin: { type: 'string' }, ready: count, waiting: count, active: count, failed: count, dead: count,
          oldestWaitingAt: { type: ['string', 'null'], format: 'date-time' },
        },
      },
    },
    plugins: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' }, name: { type: 'string' }, version: { type: ['string', 'null'] }, state: { type: 'string' },
          error: { type: ['string', 'null'] }, ui: { type: 'string' }, uiError: { type: ['string', 'null'] },
          tenants: { type: 'object', properties: { enabled: count, failed: count, other: count } },
        },
      },
    },
  },
} as const

/** A plugin as the health screen lists it (from the operator's plugin status). */
interface PluginLine {
  id: string
  name: string
  version: string | null
  state: string
  error: string | null
  ui: string
  uiError: string | null
}

/** Registers the health route; `plugins` is the operator's plugin status list. */
export function operatorHealthRoutes(app: FastifyInstance, k: KernelServices, plugins: () => PluginLine[]): void {
  app.get('/api/v1/admin/health', {
    schema: { tags: ['operator'], summary: 'Readiness checks, jobs backlog and dead letters per queue, plugin states', response: { 200: healthSchema, ...problemResponses } },
  }, async (req) => {
    requireOperator(req)
    const [checks, queues, enablement] = await Promise.all([
      k.readiness(),
      k.jobs ? queueHealth(k.pool) : Promise.resolve([] as QueueHealth[]),
      k.pool.query(`SELECT plugin_id AS "pluginId", state, count(*)::int AS n FROM tessera.tenant_plugins GROUP BY 1, 2`),
    ])
    const tenants = new Map<string, { enabled: number; failed: number; other: number }>()
    for (const r of enablement.rows as { pluginId: string; state: string; n: number }[]) {
      const t = tenants.get(r.pluginId) ?? { enabled: 0, failed: 0, other: 0 }
      if (r.state === 'enabled') t.enabled += r.n
      else if (r.state === 'failed') t.failed += r.n
      else if (r.state !== 'disabled') t.other += r.n
      tenants.set(r.pluginId, t)
    }
    return {
      status: Object.values(checks).every(Boolean) ? 'ready' : 'not ready',
      checkedAt: new Date().toISOString(),
      checks,
      jobs: k.jobs ? 'running' : 'off',
      queues,
      plugins: plugins().map((p) => ({
        id: p.id, name: p.name, version: p.version, state: p.state, error: p.error, ui: p.ui, uiError: p.uiError,
        tenants: tenants.get(p.id) ?? { enabled: 0, failed: 0, other: 0 },
      })),
    }
  })
}
