/**
 * Domain events. `publish` runs inside the publisher's tenant transaction and, on that same transaction, enqueues one
 * pg-boss job per subscriber queue (`<subscriber>.on.<event>`) and, for UI events, a `pg_notify` to the realtime hub.
 * A rolled-back transaction therefore emits nothing; a committed one cannot lose its event (INV-7). Each subscriber
 * is retried on its own, so one failing subscriber never blocks another. A declared payload schema is compiled once, at
 * boot, and checked before anything is enqueued: a payload that does not match is a bug in the publisher, refused with
 * a 500 and logged with the schema errors, never delivered. The realtime notice carries the event's UI projection
 * (`ui.fields`), so browsers see only what every receiver may see, while subscribers get the full payload; with
 * `ui.userField` it also names the user the event is addressed to (that payload field's value, `null` when absent), so
 * the hub delivers it to that user's sockets as well as to the permission holders.
 * With `captureChannel` (the test harness's captured events), each published event is also `pg_notify`'d on that
 * channel in the same transaction, so a listener sees exactly the committed events; production kernels never set it.
 */
import { randomUUID } from 'node:crypto'
import { ProblemError } from '@tessera/sdk'
import type { DeliveredEvent, Logger } from '@tessera/sdk'
import { currentScope, runOrDefer } from '../db/tenant-scope.ts'
import type { JobSystem } from './job-system.ts'
import type { RealtimeNotice } from '../realtime/realtime-hub.ts'
import type { DeclaredEvent } from '../model/plugin-declarations.ts'
import { compilePayloadCheck } from './payload-validator.ts'
import type { PayloadCheck } from './payload-validator.ts'

/** A UI event's notice to every instance's realtime hub, sent with the publishing transaction. */
const REALTIME_NOTIFY = `SELECT pg_notify('tessera_realtime', $1)`

/**
 * What of a payload the browsers receive: the declared `ui.fields` only (subscribers always get the whole payload), or
 * all of it when the declaration names no fields.
 */
export function uiProjection(payload: Record<string, unknown>, fields: readonly string[] | undefined): Record<string, unknown> {
  if (!fields) return payload
  return Object.fromEntries(fields.filter((k) => Object.hasOwn(payload, k)).map((k) => [k, payload[k]]))
}

/** The user id in `payload[field]` (an event's `ui.userField`), or `null` when it is absent or not a string. */
export function addressedUser(payload: Record<string, unknown>, field: string): string | null {
  const value = Object.hasOwn(payload, field) ? payload[field] : undefined
  return typeof value === 'string' && value.length > 0 ? value : null
}

/** Subscriber queues and UI flags of every event known to the kernel. */
export class EventBus {
  readonly #jobs: JobSystem
  readonly #subscribers = new Map<string, string[]>()
  readonly #declared = new Map<string, DeclaredEvent & { check?: PayloadCheck }>()
  readonly #log?: Logger
  readonly #captureChannel?: string

  constructor(jobs: JobSystem, log?: Logger, captureChannel?: string) {
    this.#jobs = jobs
    this.#log = log
    this.#captureChannel = captureChannel
  }

  /** Registers the events a plugin publishes, compiling each payload schema once. */
  declare(events: Iterable<DeclaredEvent>): void {
    for (const d of events) this.#declared.set(d.name, { ...d, check: d.schema ? compilePayloadCheck(d.schema) : undefined })
  }

  /** Every declared event, by name. */
  declared(): DeclaredEvent[] {
    return [...this.#declared.values()].sort((a, b) => a.name.localeCompare(b.name))
  }

  /** Ids of the plugins subscribed to `eventName`. */
  subscribersOf(eventName: string): string[] {
    return (this.#subscribers.get(eventName) ?? []).map((q) => q.slice(0, q.indexOf('.on.')))
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
    const problems = decl.check?.(payload)
    if (problems?.length) {
      this.#log?.error({ plugin: pluginId, event: name, errors: problems }, 'event payload does not match its schema: not published (a bug in the publisher)')
      // the client learns that it is a bug; the log (and the error's message, for tests and job failures) says which fields
      const err = new ProblemError(500, 'Internal Server Error', {
        type: 'urn:tessera:problem:event-payload',
        detail: `The event "${name}" was not published: its payload does not match the event's schema (a bug in the plugin "${pluginId}", reported in the log).`,
      })
      err.message = `event "${name}" of plugin "${pluginId}": payload does not match its schema: ${problems.join('; ')}`
      throw err
    }
    const scope = currentScope()
    const event: DeliveredEvent = { id: randomUUID(), name, tenantId: scope.tenantId, payload, publishedAt: new Date().toISOString() }
    // one job per subscriber queue; in a transaction their INSERTs go with the next statement or the COMMIT
    for (const queue of this.#subscribers.get(name) ?? []) {
      await this.#jobs.enqueueInScope(queue, { event })
    }
    if (decl.ui) {
      const ui = typeof decl.ui === 'object' ? decl.ui : {}
      const notice: RealtimeNotice = {
        tenantId: scope.tenantId, name, data: uiProjection(payload, ui.fields), at: event.publishedAt, permission: ui.permission,
      }
      if (ui.userField) notice.userId = addressedUser(payload, ui.userField)
      let text = JSON.stringify(notice)
      if (Buffer.byteLength(text) > 7900) text = JSON.stringify({ ...notice, data: { truncated: true } })
      await runOrDefer(scope.client, REALTIME_NOTIFY, [text])
    }
    if (this.#captureChannel) {
      let text = JSON.stringify(event)
      if (Buffer.byteLength(text) > 7900) text = JSON.stringify({ ...event, payload: { truncated: true } })
      await runOrDefer(scope.client, 'SELECT pg_notify($1, $2)', [this.#captureChannel, text])
    }
  }
}
