/**
 * Domain events. `publish` runs inside the publisher's tenant transaction and, on that same transaction, enqueues one
 * pg-boss job per subscriber queue (`<subscriber>.on.<event>`) and, for UI events, a `pg_notify` to the realtime hub.
 * A rolled-back transaction therefore emits nothing; a committed one cannot lose its event (INV-7). Each subscriber
 * is retried on its own, so one failing subscriber never blocks another.
 */
import { randomUUID } from 'node:crypto'
import type { DeliveredEvent, EventDeclaration } from '@tessera/sdk'
import { currentScope } from '../db/tenant-scope.ts'
import type { JobSystem } from './job-system.ts'
import type { RealtimeNotice } from '../realtime/realtime-hub.ts'

/** Subscriber queues and UI flags of every event known to the kernel. */
export class EventBus {
  readonly #jobs: JobSystem
  readonly #subscribers = new Map<string, string[]>()
  readonly #declared = new Map<string, EventDeclaration>()

  constructor(jobs: JobSystem) {
    this.#jobs = jobs
  }

  /** Registers the events a plugin publishes. */
  declare(events: Record<string, EventDeclaration> | undefined): void {
    for (const [name, d] of Object.entries(events ?? {})) this.#declared.set(name, d)
  }

  /** Registers a subscriber queue for an event; returns the queue name. */
  subscribe(subscriberId: string, eventName: string): string {
    const queue = `${subscriberId}.on.${eventName}`
    const list = this.#subscribers.get(eventName) ?? []
    list.push(queue)
    this.#subscribers.set(eventName, list)
    return queue
  }

  /** Publishes an event of `pluginId` on the current tenant transaction. */
  async publish(pluginId: string, name: string, payload: Record<string, unknown>): Promise<void> {
    const decl = this.#declared.get(name)
    if (!decl || !name.startsWith(pluginId + '.')) throw new Error(`plugin "${pluginId}" has not declared the event "${name}"`)
    const scope = currentScope()
    const event: DeliveredEvent = { id: randomUUID(), name, tenantId: scope.tenantId, payload, publishedAt: new Date().toISOString() }
    for (const queue of this.#subscribers.get(name) ?? []) {
      await this.#jobs.sendInScope(queue, { event })
    }
    if (decl.ui) {
      const notice: RealtimeNotice = {
        tenantId: scope.tenantId, name, data: payload, at: event.publishedAt,
        permission: typeof decl.ui === 'object' ? decl.ui.permission : undefined,
      }
      let text = JSON.stringify(notice)
      if (Buffer.byteLength(text) > 7900) text = JSON.stringify({ ...notice, data: { truncated: true } })
      await scope.client.query(`SELECT pg_notify('tessera_realtime', $1)`, [text])
    }
  }
}
