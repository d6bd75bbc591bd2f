/**
 * The state machine shared by relay-style lock drivers. A driver supplies one function, `actuate(energised)`, that
 * drives the relay, and feeds the controller what it observes: debounced door-sensor readings (`reportDoor`) and
 * device connectivity (`reportOnline`). The controller does the rest the same way for every driver: idempotent
 * unlock per request id, timed relock in pulse mode, serialised actuation, fail-secure relock on close, deriving
 * `opened`/`closed`/`forced`/`held-open` from the door position and the lock state, and re-applying the commanded
 * relay state when a device comes back online. The simulator and Modbus drivers are thin wrappers around it;
 * third-party relay drivers can be too.
 */
import type { DriverCapabilities } from './capabilities.ts'
import { EventChannel } from './event-channel.ts'
import { IdempotentRequests } from './idempotent-requests.ts'
import type { LockDriver, LockEvent, LockEventKind, LockResult, LockStatus, UnlockRequest, UnlockResult } from './lock-driver.ts'

/** Options of {@link LockController}. */
export interface LockControllerOptions {
  /**
   * Energise (`true`, unlocked) or de-energise (`false`, locked) the relay. Throw on failure; when the failure
   * means the device is unreachable, call `reportOnline(false)` before throwing so the result says `offline`.
   */
  actuate: (energised: boolean) => Promise<void>
  /** What the lock supports; `pulseMode` decides timed relock, `doorSensor` whether door readings are used. */
  capabilities: DriverCapabilities
  /** Emit `held-open` when the door stays open this long (ms). `0` disables. Default 30 000. */
  heldOpenAfterMs?: number
  /**
   * An opening first observed within this many ms after a relock still counts as authorised (the sensor is
   * polled and debounced, so an opening just before the relock is seen just after it). Default 0.
   */
  sensorGraceMs?: number
  /** Longest accepted unlock duration (ms). Default one hour. */
  maxDurationMs?: number
  /** Whether the device is considered online before the first report. Default `true`. */
  initiallyOnline?: boolean
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number
}

/** The shared lock state machine; see the module comment. */
export class LockController {
  readonly capabilities: DriverCapabilities
  readonly #actuate: (energised: boolean) => Promise<void>
  readonly #heldOpenAfterMs: number
  readonly #sensorGraceMs: number
  readonly #maxDurationMs: number
  readonly #now: () => number
  readonly #channel = new EventChannel<LockEvent>()
  readonly #requests = new IdempotentRequests<UnlockResult>({ isRetryable: (r) => !r.ok })
  #chain: Promise<unknown> = Promise.resolve()
  #state: 'locked' | 'unlocked' = 'locked'
  #door: 'open' | 'closed' | 'unknown' = 'unknown'
  #online: boolean
  #relockAt: number | null = null
  #relockTimer: NodeJS.Timeout | null = null
  #relockPending = false
  #heldTimer: NodeJS.Timeout | null = null
  #lastRelockAt = Number.NEGATIVE_INFINITY
  #changedAt: number
  #closed = false

  /** @param options - the relay function, capabilities and timings */
  constructor(options: LockControllerOptions) {
    this.capabilities = options.capabilities
    this.#actuate = options.actuate
    this.#heldOpenAfterMs = options.heldOpenAfterMs ?? 30_000
    this.#sensorGraceMs = options.sensorGraceMs ?? 0
    this.#maxDurationMs = options.maxDurationMs ?? 3_600_000
    this.#online = options.initiallyOnline ?? true
    this.#now = options.now ?? Date.now
    this.#changedAt = this.#now()
  }

  /** Whether the device answered its last request, as last reported. */
  get online(): boolean {
    return this.#online
  }

  /** The relay state the controller wants (`true` = energised); drivers write it after a reconnect. */
  get energised(): boolean {
    return this.#state === 'unlocked'
  }

  /**
   * Drive the relay to the locked state and record the lock as locked, without events. Drivers call this once at
   * start (fail-secure: a relay left energised by a crash is switched off).
   *
   * @returns `true` if the relay was written, `false` if the device could not be reached
   */
  failSecure(): Promise<boolean> {
    return this.#serial(async () => {
      try {
        await this.#actuate(false)
        return true
      } catch {
        return false
      }
    })
  }

  /** Implements `LockDriver.unlock`: validates, deduplicates by request id, energises and schedules the relock. */
  unlock(request: UnlockRequest): Promise<UnlockResult> {
    const requestId = typeof request?.requestId === 'string' ? request.requestId : ''
    const invalid = this.#validate(request)
    if (invalid) return Promise.resolve({ ok: false, requestId, reason: 'invalid-request', message: invalid })
    return this.#requests.run(requestId, () =>
      this.#serial(async (): Promise<UnlockResult> => {
        if (this.#closed) return { ok: false, requestId, reason: 'closed', message: 'driver is closed' }
        if (!this.#online) return { ok: false, requestId, reason: 'offline', message: 'device is offline' }
        try {
          await this.#actuate(true)
        } catch (error) {
          const reason = this.#online ? 'device-error' : 'offline'
          return { ok: false, requestId, reason, message: errorMessage(error) }
        }
        const now = this.#now()
        this.#state = 'unlocked'
        this.#relockPending = false
        this.#changedAt = now
        if (this.capabilities.pulseMode) {
          this.#relockAt = Math.max(this.#relockAt ?? 0, now + request.durationMs)
          this.#scheduleRelock()
        }
        this.#emit('unlocked', { requestId, actor: request.actor })
        return {
          ok: true,
          requestId,
          unlockedAt: new Date(now).toISOString(),
          relockAt: this.#relockAt === null ? null : new Date(this.#relockAt).toISOString(),
        }
      }),
    )
  }

  /** Implements `LockDriver.lock`: cancels a pending relock timer and de-energises now. */
  lock(): Promise<LockResult> {
    return this.#serial(() => this.#relock())
  }

  /** Implements `LockDriver.status`. */
  status(): LockStatus {
    return {
      state: this.#state,
      door: this.#door,
      online: this.#online,
      relockAt: this.#relockAt === null ? null : new Date(this.#relockAt).toISOString(),
      changedAt: new Date(this.#changedAt).toISOString(),
      capabilities: this.capabilities,
    }
  }

  /** Implements `LockDriver.events`. */
  events(): AsyncIterable<LockEvent> {
    return this.#channel.stream()
  }

  /**
   * Feed a debounced door reading. The first reading after start only sets the position; later changes emit
   * `opened` (plus `forced` when the lock was locked) or `closed`, and arm or disarm the held-open timer.
   *
   * @param open - `true` when the door is open
   */
  reportDoor(open: boolean): void {
    if (this.#closed || !this.capabilities.doorSensor) return
    const next = open ? 'open' : 'closed'
    if (next === this.#door) return
    const first = this.#door === 'unknown'
    this.#door = next
    this.#changedAt = this.#now()
    if (open) {
      this.#armHeldOpen()
      if (first) return
      const authorised = this.#state === 'unlocked' || this.#now() - this.#lastRelockAt <= this.#sensorGraceMs
      this.#emit('opened')
      if (!authorised) this.#emit('forced')
    } else {
      this.#disarmHeldOpen()
      if (!first) this.#emit('closed')
    }
  }

  /**
   * Feed device connectivity. A change emits `offline` or `online`; coming back online re-applies the commanded
   * relay state (and completes a relock that failed while the device was away).
   *
   * @param online - whether the device answered
   * @param detail - e.g. the error message, carried on the event
   */
  reportOnline(online: boolean, detail?: string): void {
    if (this.#closed || online === this.#online) return
    this.#online = online
    this.#changedAt = this.#now()
    this.#emit(online ? 'online' : 'offline', detail ? { detail } : {})
    if (online) void this.#serial(() => this.#resync())
  }

  /**
   * The `LockDriver` this controller implements, for a driver that needs no class of its own: every method delegates
   * to the controller, and `close()` first runs `onClose` (stop polling, release the connection), then closes it.
   *
   * @param onClose - the driver's own clean-up, run before the controller relocks and ends the event streams
   * @returns the driver
   */
  asLockDriver(onClose?: () => void | Promise<void>): LockDriver {
    return {
      kind: 'lock',
      capabilities: this.capabilities,
      unlock: (request) => this.unlock(request),
      lock: () => this.lock(),
      status: async () => this.status(),
      events: () => this.events(),
      close: async () => {
        await onClose?.()
        await this.close()
      },
    }
  }

  /** Relock (best effort), cancel timers and end every event stream. Further calls fail with `closed`. */
  async close(): Promise<void> {
    if (this.#closed) return
    await this.#serial(async () => {
      this.#closed = true
      this.#clearRelockTimer()
      this.#disarmHeldOpen()
      try {
        await this.#actuate(false)
      } catch {
        // best effort: the device may already be gone
      }
    })
    this.#channel.close()
  }

  #validate(request: UnlockRequest): string | null {
    if (!request || typeof request !== 'object') return 'request must be an object'
    if (typeof request.requestId !== 'string' || request.requestId.length === 0) return 'requestId must be a non-empty string'
    if (!Number.isInteger(request.durationMs) || request.durationMs <= 0 || request.durationMs > this.#maxDurationMs) {
      return `durationMs must be an integer between 1 and ${this.#maxDurationMs}`
    }
    if (!request.actor || typeof request.actor.id !== 'string') return 'actor must name who asked'
    return null
  }

  async #relock(): Promise<LockResult> {
    if (this.#closed) return { ok: false, reason: 'closed', message: 'driver is closed' }
    this.#clearRelockTimer()
    try {
      await this.#actuate(false)
    } catch (error) {
      if (this.#state === 'unlocked') this.#relockPending = true
      return { ok: false, reason: this.#online ? 'device-error' : 'offline', message: errorMessage(error) }
    }
    this.#relockPending = false
    this.#relockAt = null
    if (this.#state === 'unlocked') {
      const now = this.#now()
      this.#state = 'locked'
      this.#lastRelockAt = now
      this.#changedAt = now
      this.#emit('relocked')
    }
    return { ok: true }
  }

  async #resync(): Promise<void> {
    if (this.#closed || !this.#online) return
    const relockDue = this.#relockPending || (this.#relockAt !== null && this.#relockAt <= this.#now())
    if (this.#state === 'unlocked' && relockDue) {
      await this.#relock()
      return
    }
    try {
      await this.#actuate(this.#state === 'unlocked')
    } catch {
      // the driver reports connectivity; the next online transition resyncs again
    }
  }

  #scheduleRelock(): void {
    this.#clearRelockTimer()
    if (this.#relockAt === null) return
    const delay = Math.max(0, this.#relockAt - this.#now())
    this.#relockTimer = setTimeout(() => {
      this.#relockTimer = null
      void this.#serial(() => this.#relock())
    }, delay)
  }

  #clearRelockTimer(): void {
    if (this.#relockTimer) clearTimeout(this.#relockTimer)
    this.#relockTimer = null
  }

  #armHeldOpen(): void {
    this.#disarmHeldOpen()
    if (this.#heldOpenAfterMs <= 0) return
    this.#heldTimer = setTimeout(() => {
      this.#heldTimer = null
      if (this.#door === 'open' && !this.#closed) this.#emit('held-open')
    }, this.#heldOpenAfterMs)
  }

  #disarmHeldOpen(): void {
    if (this.#heldTimer) clearTimeout(this.#heldTimer)
    this.#heldTimer = null
  }

  #emit(kind: LockEventKind, extra: Partial<LockEvent> = {}): void {
    this.#channel.publish({ kind, at: new Date(this.#now()).toISOString(), ...extra })
  }

  #serial<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#chain.then(operation, operation)
    this.#chain = result.catch(() => {})
    return result
  }
}

function errorMessage(error: unknown): string {
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined
  return typeof message === 'string' ? message : String(error)
}
