/**
 * Captured events for tests: every event a plugin publishes is NOTIFY'd by the kernel on a per-harness channel in the
 * publishing transaction (the kernel option `eventCaptureChannel`), so this log holds exactly the committed events — a
 * rolled-back request's events never arrive — in commit order. `t.events.next('x')` waits for the next one.
 */
import pg from 'pg'
import type { DeliveredEvent } from '@tessera/sdk'

/** Options of {@link EventLog.next}. @public */
export interface NextEventOptions {
  /** Give up after this long (default 10 000 ms). */
  timeoutMs?: number
  /** Only an event whose delivery matches (e.g. one tenant's, one id's). */
  where?: (event: DeliveredEvent) => boolean
}

/** The events committed while a test kernel runs. @public */
export interface EventLog {
  /** Every captured event (of `name`, when given), oldest first. */
  all(name?: string): DeliveredEvent[]
  /**
   * The next not yet consumed event named `name` (matching `where`), waiting for it when it has not been committed
   * yet; rejects after `timeoutMs` naming the event. Each event is returned by `next` once.
   */
  next(name: string, options?: NextEventOptions): Promise<DeliveredEvent>
  /** Forgets every captured event (and what `next` consumed). */
  clear(): void
}

interface Waiter {
  name: string
  where?: (event: DeliveredEvent) => boolean
  resolve(event: DeliveredEvent): void
}

/** A started log: the {@link EventLog} plus its LISTEN connection to close. */
export interface ListeningEventLog extends EventLog {
  close(): Promise<void>
}

/** Starts listening on `channel` of the database at `databaseUrl`. */
export async function listenForEvents(databaseUrl: string, channel: string): Promise<ListeningEventLog> {
  const events: DeliveredEvent[] = []
  const consumed = new Set<DeliveredEvent>()
  const waiters: Waiter[] = []
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  client.on('error', () => {}) // closed with the kernel; a test's assertions report what went missing
  client.on('notification', (msg) => {
    if (msg.channel !== channel || !msg.payload) return
    const event = JSON.parse(msg.payload) as DeliveredEvent
    events.push(event)
    const i = waiters.findIndex((w) => w.name === event.name && (!w.where || w.where(event)))
    if (i >= 0) {
      consumed.add(event)
      waiters.splice(i, 1)[0].resolve(event)
    }
  })
  await client.query(`LISTEN "${channel.replaceAll('"', '')}"`)
  return {
    all: (name) => events.filter((e) => name === undefined || e.name === name),
    next(name, options = {}) {
      const found = events.find((e) => !consumed.has(e) && e.name === name && (!options.where || options.where(e)))
      if (found) {
        consumed.add(found)
        return Promise.resolve(found)
      }
      const timeoutMs = options.timeoutMs ?? 10_000
      return new Promise<DeliveredEvent>((resolve, reject) => {
        const waiter: Waiter = { name, where: options.where, resolve: (e) => { clearTimeout(timer); resolve(e) } }
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1)
          const seen = [...new Set(events.map((e) => e.name))].join(', ') || 'none'
          reject(new Error(`events.next: no "${name}" event committed within ${timeoutMs} ms (captured: ${seen})`))
        }, timeoutMs)
        waiters.push(waiter)
      })
    },
    clear() {
      events.length = 0
      consumed.clear()
    },
    async close() {
      await client.end().catch(() => {})
    },
  }
}
