/**
 * The lock driver contract. A `LockDriver` drives one door lock (usually a relay that powers an electric strike or
 * magnetic lock) and, when the hardware has one, reads the door-position sensor. The kernel never talks to a driver
 * directly: drivers run inside the site agent, which calls `unlock`/`lock`/`status` when a signed command arrives
 * and forwards everything `events()` yields. Every method resolves with a typed result rather than throwing for
 * expected hardware failures (device offline, device error), so the caller can report the outcome as data.
 */
import type { DriverCapabilities } from './capabilities.ts'

/** Who asked for an action; carried through to events so the audit trail names a person or a system. */
export interface Actor {
  /** `person` (a member or visitor), `staff` (someone acting from the admin UI) or `system` (automation, schedules). */
  kind: 'person' | 'staff' | 'system'
  /** Stable identifier of the actor in the kernel (person id, user id, job name). */
  id: string
  /** How the request reached the door, e.g. `pin`, `card`, `app`, `admin`. Free text, for the audit trail. */
  via?: string
}

/** Arguments of {@link LockDriver.unlock}. */
export interface UnlockRequest {
  /** How long the lock stays unlocked before relocking itself (pulse mode). Ignored by latching drivers. */
  durationMs: number
  /** Idempotency key: a second `unlock` with the same id returns the first result and does not pulse again. */
  requestId: string
  /** Who asked. */
  actor: Actor
}

/** Why a driver could not perform an action. */
export type DriverFailureReason = 'offline' | 'device-error' | 'invalid-request' | 'closed'

/** Outcome of {@link LockDriver.unlock}. */
export type UnlockResult =
  | {
      ok: true
      requestId: string
      /** ISO-8601 time the relay was energised. */
      unlockedAt: string
      /** ISO-8601 time the lock is scheduled to relock, or `null` for a latching lock (stays open until `lock()`). */
      relockAt: string | null
    }
  | { ok: false; requestId: string; reason: DriverFailureReason; message: string }

/** Outcome of {@link LockDriver.lock}. */
export type LockResult = { ok: true } | { ok: false; reason: DriverFailureReason; message: string }

/** Snapshot returned by {@link LockDriver.status}. */
export interface LockStatus {
  /** What the driver has commanded: `locked` (relay de-energised, fail-secure) or `unlocked`. */
  state: 'locked' | 'unlocked'
  /** Door position from the sensor, debounced; `unknown` without a sensor or while offline before a first read. */
  door: 'open' | 'closed' | 'unknown'
  /** Whether the device answered its last request. */
  online: boolean
  /** ISO-8601 time of the scheduled relock while unlocked in pulse mode, otherwise `null`. */
  relockAt: string | null
  /** ISO-8601 time of the last state, door or connectivity change. */
  changedAt: string
  /** What the hardware supports. */
  capabilities: DriverCapabilities
}

/** The kinds of event a lock driver emits. */
export type LockEventKind =
  | 'unlocked'
  | 'relocked'
  | 'opened'
  | 'closed'
  | 'forced'
  | 'held-open'
  | 'offline'
  | 'online'

/**
 * One thing that happened at the door. Order of emission is meaningful: `unlocked` precedes its `relocked`,
 * `opened` precedes its `closed`, and a forced opening is reported as `opened` immediately followed by `forced`.
 */
export interface LockEvent {
  kind: LockEventKind
  /** ISO-8601 time the driver observed the change. */
  at: string
  /** For `unlocked`: the idempotency key of the unlock. */
  requestId?: string
  /** For `unlocked`: who asked. */
  actor?: Actor
  /** Human-readable detail, e.g. the error behind an `offline`. */
  detail?: string
}

/**
 * A driver for one lock. Instances are created by a driver definition's `create(config)` (see `defineDriver`),
 * already started: a freshly created lock is locked (fail-secure) even if it was left energised.
 *
 * Events are delivered through `events()`: each call returns an independent async iterable that receives every
 * event emitted after the call, in order, and ends when the driver is closed. Breaking out of a `for await` loop
 * unsubscribes.
 */
export interface LockDriver {
  /** Always `lock`; lets a registry hand out drivers of either kind safely. */
  readonly kind: 'lock'
  /** What this lock supports (sensor, pulse mode). */
  readonly capabilities: DriverCapabilities
  /** Energise the lock for `durationMs` (pulse mode) or until `lock()` (latch mode). Idempotent per `requestId`. */
  unlock(request: UnlockRequest): Promise<UnlockResult>
  /** Relock now, cancelling any pending pulse. Locking a locked door succeeds and emits nothing. */
  lock(): Promise<LockResult>
  /** Current commanded state, door position and connectivity. */
  status(): Promise<LockStatus>
  /** A fresh subscription to the event stream (see the interface comment). */
  events(): AsyncIterable<LockEvent>
  /** Relock (best effort), stop polling and timers, release the connection and end every event stream. */
  close(): Promise<void>
}
