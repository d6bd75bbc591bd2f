/**
 * An in-memory lock for development, demos and tests: a simulated relay and a simulated door sensor that a test,
 * a demo script or a developer console can drive (`sensor.setOpen(true)`), plus `kill()`/`revive()` to simulate
 * the device losing power. All behaviour (timed relock, idempotency, forced/held-open) comes from the SDK's
 * `LockController`, so the simulator behaves exactly like the real relay drivers without any hardware.
 */
import { capabilities, LockController } from '@tessera/driver-sdk'
import type { DriverCapabilities, LockDriver, LockEvent, LockResult, LockStatus, UnlockRequest, UnlockResult } from '@tessera/driver-sdk'

/** Configuration of a {@link SimulatedLock}. */
export interface SimulatorLockConfig {
  /** Relock by itself after `durationMs` (default `true`); `false` latches until `lock()`. */
  pulseMode?: boolean
  /** Simulate a door-position sensor (default `true`). */
  doorSensor?: boolean
  /** Report `held-open` after the door is open this long (ms, default 30 000; 0 disables). */
  heldOpenAfterMs?: number
  /** Start with the relay energised, as after a crash, to demonstrate fail-secure start (default `false`). */
  initiallyEnergised?: boolean
  /** Start with the door open (default `false`). */
  initiallyOpen?: boolean
  /** Simulated time each relay write takes (ms, default 0). */
  latencyMs?: number
}

/** A simulated lock with a drivable door sensor. */
export class SimulatedLock implements LockDriver {
  readonly kind = 'lock' as const
  readonly capabilities: DriverCapabilities
  /** The simulated door sensor: `setOpen(true)` opens the door. */
  readonly sensor: { setOpen(open: boolean): void }
  readonly #controller: LockController
  readonly #latencyMs: number
  #energised: boolean
  #alive = true
  #doorOpen: boolean

  /**
   * Create and start a simulated lock (fail-secure: the relay is switched off).
   *
   * @param config - see {@link SimulatorLockConfig}
   * @returns the started lock
   */
  static async create(config: SimulatorLockConfig = {}): Promise<SimulatedLock> {
    const lock = new SimulatedLock(config)
    await lock.#controller.failSecure()
    lock.#controller.reportDoor(lock.#doorOpen)
    return lock
  }

  private constructor(config: SimulatorLockConfig) {
    this.capabilities = capabilities({
      doorSensor: config.doorSensor ?? true,
      pulseMode: config.pulseMode ?? true,
      reportsConnectivity: true,
    })
    this.#latencyMs = config.latencyMs ?? 0
    this.#energised = config.initiallyEnergised ?? false
    this.#doorOpen = config.initiallyOpen ?? false
    this.#controller = new LockController({
      capabilities: this.capabilities,
      heldOpenAfterMs: config.heldOpenAfterMs ?? 30_000,
      actuate: (on) => this.#writeRelay(on),
    })
    this.sensor = {
      setOpen: (open: boolean) => {
        this.#doorOpen = open
        if (this.#alive) this.#controller.reportDoor(open)
      },
    }
  }

  /** Whether the simulated relay is energised (the door can be pushed open). */
  get relayEnergised(): boolean {
    return this.#energised
  }

  /** Simulate the device dying: it stops answering and the driver reports `offline`. */
  kill(): void {
    this.#alive = false
    this.#controller.reportOnline(false, 'simulated device stopped answering')
  }

  /** Bring a killed device back (its relay restarts de-energised, as a real board after power loss). */
  revive(): void {
    this.#alive = true
    this.#energised = false
    this.#controller.reportOnline(true)
    this.#controller.reportDoor(this.#doorOpen)
  }

  /** {@inheritDoc LockDriver.unlock} */
  unlock(request: UnlockRequest): Promise<UnlockResult> {
    return this.#controller.unlock(request)
  }

  /** {@inheritDoc LockDriver.lock} */
  lock(): Promise<LockResult> {
    return this.#controller.lock()
  }

  /** {@inheritDoc LockDriver.status} */
  async status(): Promise<LockStatus> {
    return this.#controller.status()
  }

  /** {@inheritDoc LockDriver.events} */
  events(): AsyncIterable<LockEvent> {
    return this.#controller.events()
  }

  /** {@inheritDoc LockDriver.close} */
  close(): Promise<void> {
    return this.#controller.close()
  }

  async #writeRelay(on: boolean): Promise<void> {
    if (this.#latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.#latencyMs))
    if (!this.#alive) {
      this.#controller.reportOnline(false, 'simulated device stopped answering')
      throw new Error('simulated device is not answering')
    }
    this.#energised = on
  }
}
