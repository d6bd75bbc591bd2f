/**
 * Pushes UI events to browsers. Sockets join their tenant's room when they connect; an event marked `ui` is sent with
 * `pg_notify('tessera_realtime', …)` inside the publishing transaction, so every kernel instance hears it once it
 * commits (fan-out across instances) and forwards it only to the sockets of that tenant whose user may see it: every
 * socket, or those holding the event's `permission`; an event addressed to one user (`ui.userField`, the notice's
 * `userId`) goes to that user's sockets too (without a `permission`, to theirs only; with `userId: null`, to nobody but
 * the permission holders).
 *
 * Each socket remembers the credential it was opened with. When credentials are dropped (NOTIFY `tessera_auth`:
 * a logout, a revoked token, a role change — heard by every instance), the affected sockets are re-checked at once:
 * a socket whose session or token no longer resolves to the same tenant is closed (4401), and the others get their
 * current permission set, so a role change takes effect on the next event.
 */
import type { WebSocket } from 'ws'
import type { Logger } from '@tessera/sdk'
import type { AuthInfo } from '../auth/auth-info.ts'

/** A connected client. */
interface Client {
  socket: WebSocket
  tenantId: string
  /** The signed-in user (`undefined` for an API token's socket). */
  userId: string | undefined
  permissions: ReadonlySet<string>
  /** The session cookie or bearer token the socket was opened with, and its hash. */
  secret: string
  hash: string
}

/** Looks a credential up again (cache already dropped). */
export type ResolveCredential = (secret: string) => Promise<AuthInfo | null>

/** The wire form of a realtime notification. */
export interface RealtimeNotice {
  tenantId: string
  name: string
  data: Record<string, unknown>
  permission?: string
  /**
   * Present when the event is addressed to one user (`ui.userField`): that user's id, or `null` when the payload named
   * nobody. Absent: the event goes by `permission` alone.
   */
  userId?: string | null
  at: string
}

/** Whether a socket of `client` receives `notice`. */
export function reaches(notice: Pick<RealtimeNotice, 'permission' | 'userId'>, client: { userId?: string; permissions: ReadonlySet<string> }): boolean {
  const permitted = notice.permission !== undefined && client.permissions.has(notice.permission)
  if (notice.userId === undefined) return notice.permission === undefined || permitted
  return permitted || (notice.userId !== null && client.userId === notice.userId)
}

/** Tenant rooms of sockets. */
export class RealtimeHub {
  readonly #rooms = new Map<string, Set<Client>>()
  readonly #log: Logger
  /** Hashes waiting for a re-check (`'*'`: every socket); drained on the next turn of the event loop. */
  #pending = new Set<string>()
  #scheduled = false
  #resolve: ResolveCredential | undefined

  constructor(log: Logger) {
    this.#log = log
  }

  /** Sets how sockets' credentials are re-checked (the session store's `resolve`). */
  useResolver(resolve: ResolveCredential): void {
    this.#resolve = resolve
  }

  /**
   * Adds a socket to its tenant's room until it closes; `secret`/`hash` identify the credential it was opened with,
   * `userId` its signed-in user (for events addressed to one user).
   */
  join(tenantId: string, socket: WebSocket, permissions: ReadonlySet<string>, credential: { secret: string; hash: string; userId?: string }): void {
    const client: Client = { socket, tenantId, userId: credential.userId, permissions, secret: credential.secret, hash: credential.hash }
    let room = this.#rooms.get(tenantId)
    if (!room) this.#rooms.set(tenantId, (room = new Set()))
    room.add(client)
    socket.on('close', () => {
      const r = this.#rooms.get(tenantId)
      r?.delete(client)
      if (r && !r.size) this.#rooms.delete(tenantId)
    })
  }

  /** Schedules a re-check of the sockets opened with the credential of `hash`, or of all sockets (`undefined`). */
  credentialsChanged(hash: string | undefined): void {
    if (!this.#resolve || !this.size) return
    this.#pending.add(hash ?? '*')
    if (this.#scheduled) return
    this.#scheduled = true
    setImmediate(() => void this.#recheck())
  }

  async #recheck(): Promise<void> {
    const pending = this.#pending
    this.#pending = new Set()
    this.#scheduled = false
    const all = pending.has('*')
    const bySecret = new Map<string, Client[]>()
    for (const room of this.#rooms.values()) {
      for (const c of room) {
        if (!all && !pending.has(c.hash)) continue
        const list = bySecret.get(c.secret)
        if (list) list.push(c)
        else bySecret.set(c.secret, [c])
      }
    }
    await Promise.all([...bySecret].map(async ([secret, clients]) => {
      let auth: AuthInfo | null
      try {
        auth = await this.#resolve!(secret)
      } catch (err) {
        this.#log.warn({ err: (err as Error).message }, 'realtime credential re-check failed; will retry on the next change')
        return
      }
      for (const c of clients) {
        if (!auth || auth.tenantId !== c.tenantId) c.socket.close(4401, 'session ended')
        else c.permissions = auth.permissions
      }
    }))
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
      if (!reaches(notice, c)) continue
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
