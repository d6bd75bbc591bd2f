/**
 * Pushes UI events to browsers. Sockets join their tenant's room when they connect; an event marked `ui` is sent with
 * `pg_notify('tessera_realtime', …)` inside the publishing transaction, so every kernel instance hears it once it
 * commits (fan-out across instances) and forwards it only to the sockets of that tenant whose user may see it.
 */
import type { WebSocket } from 'ws'
import type { Logger } from '@tessera/sdk'

/** A connected client. */
interface Client {
  socket: WebSocket
  permissions: ReadonlySet<string>
}

/** The wire form of a realtime notification. */
export interface RealtimeNotice {
  tenantId: string
  name: string
  data: Record<string, unknown>
  permission?: string
  at: string
}

/** Tenant rooms of sockets. */
export class RealtimeHub {
  readonly #rooms = new Map<string, Set<Client>>()
  readonly #log: Logger

  constructor(log: Logger) {
    this.#log = log
  }

  /** Adds a socket to its tenant's room until it closes. */
  join(tenantId: string, socket: WebSocket, permissions: ReadonlySet<string>): void {
    const client = { socket, permissions }
    let room = this.#rooms.get(tenantId)
    if (!room) this.#rooms.set(tenantId, (room = new Set()))
    room.add(client)
    socket.on('close', () => {
      room.delete(client)
      if (!room.size) this.#rooms.delete(tenantId)
    })
  }

  /** Delivers a notification payload (JSON of {@link RealtimeNotice}) to its tenant's sockets. */
  dispatch(payload: string): void {
    let notice: RealtimeNotice
    try {
      notice = JSON.parse(payload)
    } catch {
      this.#log.warn({ payload }, 'malformed realtime notification')
      return
    }
    const room = this.#rooms.get(notice.tenantId)
    if (!room) return
    const message = JSON.stringify({ type: 'event', name: notice.name, data: notice.data, at: notice.at })
    for (const c of room) {
      if (notice.permission && !c.permissions.has(notice.permission)) continue
      if (c.socket.readyState === 1) c.socket.send(message)
    }
  }

  /** Number of connected sockets (for metrics). */
  get size(): number {
    let n = 0
    for (const room of this.#rooms.values()) n += room.size
    return n
  }

  /** Closes every socket. */
  closeAll(): void {
    for (const room of this.#rooms.values()) for (const c of room) c.socket.close(1001, 'server shutting down')
    this.#rooms.clear()
  }
}
