/**
 * One dedicated connection per kernel instance that LISTENs on the kernel's channels (enablement changes, auth
 * revocations, realtime events) and hands each notification to its handler. NOTIFY is transactional, so a handler
 * only ever hears about committed changes. The connection reconnects with backoff; after a reconnect `onReconnect`
 * runs so caches that may have missed a notification are dropped.
 */
import pg from 'pg'
import type { Logger } from '@tessera/sdk'

/** Handlers by channel name. */
export type ChannelHandlers = Record<string, (payload: string) => void>

/** A self-healing LISTEN connection. */
export class NotifyListener {
  readonly #url: string
  readonly #handlers: ChannelHandlers
  readonly #log: Logger
  readonly #onReconnect: () => void
  #client: pg.Client | undefined
  #closed = false
  #attempt = 0
  #timer: NodeJS.Timeout | undefined
  /** Whether the connection is currently listening. */
  connected = false

  constructor(url: string, handlers: ChannelHandlers, log: Logger, onReconnect: () => void) {
    this.#url = url
    this.#handlers = handlers
    this.#log = log
    this.#onReconnect = onReconnect
  }

  /** Connects and listens; resolves once listening (or rejects on the first failure). */
  async start(): Promise<void> {
    await this.#connect()
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#url, application_name: 'tessera-listener', keepAlive: true })
    client.on('notification', (msg) => {
      const handler = this.#handlers[msg.channel]
      if (handler) {
        try {
          handler(msg.payload ?? '')
        } catch (err) {
          this.#log.error({ err, channel: msg.channel }, 'notification handler failed')
        }
      }
    })
    client.on('error', (err) => {
      this.#log.warn({ err: err.message }, 'listener connection lost')
      this.#lost(client)
    })
    client.on('end', () => this.#lost(client))
    await client.connect()
    for (const channel of Object.keys(this.#handlers)) await client.query(`LISTEN ${channel}`)
    this.#client = client
    this.connected = true
    if (this.#attempt > 0) this.#onReconnect()
    this.#attempt = 0
  }

  #lost(client: pg.Client): void {
    if (this.#client !== client || this.#closed) return
    this.#client = undefined
    this.connected = false
    this.#onReconnect()
    this.#schedule()
  }

  #schedule(): void {
    if (this.#closed) return
    const delay = Math.min(5000, 100 * 2 ** this.#attempt++)
    this.#timer = setTimeout(() => {
      this.#connect().catch((err: Error) => {
        this.#log.debug({ err: err.message }, 'listener reconnect failed')
        this.#schedule()
      })
    }, delay)
  }

  /** Stops listening for good. */
  async close(): Promise<void> {
    this.#closed = true
    clearTimeout(this.#timer)
    const c = this.#client
    this.#client = undefined
    this.connected = false
    await c?.end().catch(() => {})
  }
}
