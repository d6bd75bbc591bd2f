/**
 * Queues and workers of the running plugins. Every declared job gets its queue `<plugin>.<job>` and every subscription
 * its queue `<subscriber>.on.<event>` (with dead letters), whether or not this instance works them — the CLI enqueues
 * without workers. A worker re-checks that the job's tenant still has the plugin enabled (skipped otherwise), runs the
 * handler inside that tenant's transaction as the system actor, with a receipt as its first statement so a redelivery
 * after a crash never runs the effect twice (`jobs/job-receipt.ts`). A typed subscriber checks each delivered payload
 * against its own copy of the event's schema: a mismatch is logged and thrown, so it retries and then dead-letters.
 */
import type { KernelConfig } from '@tessera/config'
import type { DeliveredEvent, Logger } from '@tessera/sdk'
import type { JobSystem } from '../jobs/job-system.ts'
import type { EventBus } from '../jobs/event-bus.ts'
import { onceByReceipt } from '../jobs/job-receipt.ts'
import { compilePayloadCheck } from '../jobs/payload-validator.ts'
import type { TenantRunner } from '../tenancy/tenant-runner.ts'
import type { RolePermissions } from '../auth/role-permissions.ts'
import { declaredSubscriptions } from '../model/plugin-declarations.ts'
import type { PluginRuntime } from './plugin-runtime.ts'

/** What the workers need. */
export interface PluginWorkerDeps {
  jobs: JobSystem
  events: EventBus
  runner: TenantRunner
  roles: () => RolePermissions
  log: Logger
  config: KernelConfig['jobs']
  /** Work the queues in this instance (false: only create them). */
  workers: boolean
}

/** Creates the queues of `plugins` and, with `deps.workers`, starts their workers. */
export async function startPluginWorkers(plugins: readonly PluginRuntime[], deps: PluginWorkerDeps): Promise<void> {
  const { jobs, events, runner, roles, log, config } = deps
  for (const rt of plugins) {
    const def = rt.definition!
    for (const [name, job] of Object.entries(def.jobs ?? {})) {
      const queue = `${def.id}.${name}`
      await jobs.ensureQueue({ name: queue, retryLimit: job.retryLimit ?? config.retryLimit, retryDelaySeconds: job.retryDelaySeconds ?? config.retryDelaySeconds, retryBackoff: job.retryBackoff, expireInSeconds: job.expireInSeconds })
      if (deps.workers) {
        await jobs.work(queue, async (j) => {
          if (!(await runner.isEnabled(j.data.tenantId, def.id))) return void log.info({ queue, tenantId: j.data.tenantId }, 'job skipped: plugin not enabled for tenant')
          await runner.run({ pluginId: def.id, tenantId: j.data.tenantId, actor: { type: 'system', id: queue }, permissions: roles().all }, async () => {
            await onceByReceipt(queue, j, () => job.handler({ id: j.id, name: queue, tenantId: j.data.tenantId, data: j.data }, rt.ctx!))
          })
        })
      }
    }
    for (const sub of declaredSubscriptions(def)) {
      const queue = events.subscribe(def.id, sub.event)
      // deliveries are many and small: a completed one leaves the job table after 10 minutes (receipts keep 14 days)
      await jobs.ensureQueue({ name: queue, retryLimit: config.retryLimit, retryDelaySeconds: config.retryDelaySeconds, deleteAfterSeconds: 600 })
      // a typed subscriber checks each payload against its own copy of the contract: a mismatch retries, then dead-letters
      const check = sub.schema ? compilePayloadCheck(sub.schema) : undefined
      if (deps.workers) {
        await jobs.work(queue, async (j) => {
          const event = j.data.event as DeliveredEvent
          if (!(await runner.isEnabled(event.tenantId, def.id))) return
          const problems = check?.(event.payload)
          if (problems?.length) {
            log.error({ queue, event: event.name, eventId: event.id, errors: problems }, 'delivered event payload does not match the subscriber\'s schema')
            throw new Error(`event ${event.name} ${event.id} does not match ${def.id}'s schema: ${problems.join('; ')}`)
          }
          await runner.run({ pluginId: def.id, tenantId: event.tenantId, actor: { type: 'system', id: queue }, permissions: roles().all }, async () => {
            await onceByReceipt(queue, j, () => sub.handler(event as never, rt.ctx!))
          })
        })
      }
    }
  }
}
