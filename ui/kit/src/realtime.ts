/**
 * `RealtimeClient`: the UI's connection to the kernel's realtime hub (`/api/v1/realtime`, cookie-authenticated,
 * messages `{ type: 'event', name, data, at }` for the current tenant only).
 *
 * It connects lazily on the first `subscribe()`, reconnects with capped exponential backoff and jitter after
 * any drop (server restart, network change, tenant switch), and closes when the last subscriber leaves.
 * `realtime()` returns the one shared client: the kit is shared by the shell and every plugin through the
 * import map, so the whole page uses a single socket.
 */

export interface RealtimeEvent<T = unknown> {
  type: 'event'
  name: string
  data: T
  at: string
}

export type RealtimeHandler<T = unknown> = (event: RealtimeEvent<T>) => void
export type RealtimeStatus = 'idle' | 'connecting' | 'open' | 'closed'

export interface RealtimeOptions {
  /** Absolute ws(s) URL or a path on this origin. Default `/api/v1/realtime`. */
  url?: string
  /** First reconnect delay in ms (doubles per failure up to `maxDelayMs`). Default 500. */
  minDelayMs?: number
  maxDelayMs?: number
  /** For tests: the WebSocket constructor. */
  WebSocketImpl?: typeof WebSocket
}

export class RealtimeClient {
  private readonly url: string
  private readonly minDelay: number
  private readonly maxDelay: number
  private readonly WS: typeof WebSocket
  private readonly handlers = new Map<string, Set<RealtimeHandler>>()
  private readonly statusListeners = new Set<(status: RealtimeStatus) => void>()
  private socket: WebSocket | null = null
  private attempts = 0
  private timer: ReturnType<typeof setTimeout> | null = null
  private wanted = false
  status: RealtimeStatus = 'idle'

  constructor(options: RealtimeOptions = {}) {
    const path = options.url ?? '/api/v1/realtime'
    this.url = /^wss?:/.test(path)
      ? path
      : `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`
    this.minDelay = options.minDelayMs ?? 500
    this.maxDelay = options.maxDelayMs ?? 30_000
    this.WS = options.WebSocketImpl ?? WebSocket
  }

  /** Calls `handler` for each event named `name` (`'*'` for every event). Returns an unsubscribe function. */
  subscribe<T = unknown>(name: string, handler: RealtimeHandler<T>): () => void {
    let set = this.handlers.get(name)
    if (!set) this.handlers.set(name, (set = new Set()))
    set.add(handler as RealtimeHandler)
    this.start()
    return () => {
      set.delete(handler as RealtimeHandler)
      if (set.size === 0) this.handlers.delete(name)
      if (this.handlers.size === 0) this.stop()
    }
  }

  /** Listens to connection status changes (for a "live" indicator). Returns an unsubscribe function. */
  onStatus(listener: (status: RealtimeStatus) => void): () => void {
    this.statusListeners.add(listener)
    return () => this.statusListeners.delete(listener)
  }

  /** Drops the socket and connects again now (e.g. after a tenant switch, so the server re-reads the session). */
  reconnect(): void {
    if (!this.wanted) return
    this.socket?.close()
    this.socket = null
    this.attempts = 0
    this.connect()
  }

  /** Closes the socket and stops reconnecting (subscriptions are kept; `subscribe` starts it again). */
  stop(): void {
    this.wanted = false
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const socket = this.socket
    this.socket = null
    socket?.close()
    this.setStatus('closed')
  }

  private start(): void {
    if (this.wanted) return
    this.wanted = true
    this.connect()
  }

  private setStatus(status: RealtimeStatus): void {
    if (this.status === status) return
    this.status = status
    for (const listener of this.statusListeners) listener(status)
  }

  private connect(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.setStatus('connecting')
    const socket = new this.WS(this.url)
    this.socket = socket
    socket.addEventListener('open', () => {
      this.attempts = 0
      this.setStatus('open')
    })
    socket.addEventListener('message', (message) => this.dispatch(message.data))
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return
      this.socket = null
      if (!this.wanted) return
      this.setStatus('closed')
      this.scheduleReconnect()
    })
  }

  private scheduleReconnect(): void {
    const base = Math.min(this.maxDelay, this.minDelay * 2 ** this.attempts)
    this.attempts += 1
    const delay = base / 2 + Math.random() * (base / 2)
    this.timer = setTimeout(() => this.connect(), delay)
  }

  private dispatch(raw: unknown): void {
    if (typeof raw !== 'string') return
    let message: RealtimeEvent
    try {
      message = JSON.parse(raw) as RealtimeEvent
    } catch {
      return
    }
    if (message?.type !== 'event' || typeof message.name !== 'string') return
    for (const key of [message.name, '*']) {
      for (const handler of this.handlers.get(key) ?? []) {
        try {
          handler(message)
        } catch (error) {
          console.error(`realtime handler for ${key} failed`, error)
        }
      }
    }
  }
}

let shared: RealtimeClient | null = null

/** The page's shared realtime client (created on first use). */
export function realtime(): RealtimeClient {
  shared ??= new RealtimeClient()
  return shared
}
