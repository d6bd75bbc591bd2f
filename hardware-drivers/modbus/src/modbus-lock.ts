/**
 * A lock on a Modbus relay board. Unlock switches the configured coil on and, in pulse mode, off again after
 * `durationMs`; at start the coil is switched off (fail-secure). A poll loop reads the door-sensor discrete input
 * (or, without a sensor, the coil itself as a liveness check) every `pollIntervalMs`; readings are debounced and
 * fed to the SDK's `LockController`, which derives `opened`/`closed`/`forced`/`held-open`. A failed or timed-out
 * request marks the lock `offline`; the next successful poll marks it `online` and rewrites the commanded coil
 * state. All requests go through the shared `ModbusBus` for the board, one at a time.
 */
import { capabilities, LockController } from '@tessera/driver-sdk'
import type { DriverCapabilities, LockDriver, LockEvent, LockResult, LockStatus, UnlockRequest, UnlockResult } from '@tessera/driver-sdk'
import { DebouncedInput } from './debounced-input.ts'
import { isModbusException } from './modbus-bus.ts'
import type { ModbusEndpoint } from './modbus-bus.ts'
import { defaultBusPool } from './modbus-bus-pool.ts'
import type { ModbusBusLease, ModbusBusPool } from './modbus-bus-pool.ts'
import { parseModbusLockConfig } from './modbus-lock-config.ts'
import type { ModbusLockConfig, ResolvedModbusLockConfig } from './modbus-lock-config.ts'

/** Options of {@link ModbusLock.create} beyond the configuration. */
export interface ModbusLockOptions {
  /** Pool of shared buses (default: the process-wide `defaultBusPool`). */
  pool?: ModbusBusPool
}

/** A lock driven by one coil of a Modbus relay board. */
export class ModbusLock implements LockDriver {
  readonly kind = 'lock' as const
  readonly capabilities: DriverCapabilities
  /** The validated configuration. */
  readonly config: ResolvedModbusLockConfig
  readonly #lease: ModbusBusLease
  readonly #controller: LockController
  readonly #sensor: DebouncedInput
  #pollTimer: NodeJS.Timeout | null = null
  #polling: Promise<void> = Promise.resolve()
  #closed = false

  /**
   * Create and start a Modbus lock: switch the coil off (fail-secure), take a first reading, start polling. An
   * unreachable board does not make this fail: the lock starts `offline` and comes `online` when the board answers.
   *
   * @param config - see {@link ModbusLockConfig}; validated here
   * @param options - bus pool
   * @returns the started lock
   */
  static async create(config: ModbusLockConfig, options: ModbusLockOptions = {}): Promise<ModbusLock> {
    const lock = new ModbusLock(parseModbusLockConfig(config), options.pool ?? defaultBusPool)
    await lock.#controller.failSecure()
    await lock.#pollOnce()
    lock.#schedulePoll()
    return lock
  }

  private constructor(config: ResolvedModbusLockConfig, pool: ModbusBusPool) {
    this.config = config
    this.capabilities = capabilities({
      doorSensor: config.sensorInput !== undefined,
      pulseMode: config.pulseMode,
      reportsConnectivity: true,
    })
    const endpoint: ModbusEndpoint =
      config.transport === 'tcp'
        ? { transport: 'tcp', host: config.host as string, port: config.port }
        : { transport: 'rtu', path: config.path as string, baudRate: config.baudRate, parity: config.parity }
    this.#lease = pool.acquire(endpoint)
    this.#sensor = new DebouncedInput(config.debounceMs)
    this.#controller = new LockController({
      capabilities: this.capabilities,
      heldOpenAfterMs: config.heldOpenAfterMs,
      sensorGraceMs: config.debounceMs + 2 * config.pollIntervalMs,
      actuate: (on) => this.#writeCoil(on),
    })
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
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    if (this.#pollTimer) clearTimeout(this.#pollTimer)
    this.#pollTimer = null
    await this.#polling
    await this.#controller.close()
    await this.#lease.release()
  }

  async #writeCoil(on: boolean): Promise<void> {
    const { unitId, timeoutMs, coil } = this.config
    try {
      await this.#lease.bus.run(unitId, timeoutMs, (client) => client.writeCoil(coil, on))
    } catch (error) {
      if (!isModbusException(error)) this.#controller.reportOnline(false, describe(error))
      throw error
    }
  }

  #schedulePoll(): void {
    if (this.#closed) return
    this.#pollTimer = setTimeout(() => {
      this.#pollTimer = null
      this.#polling = this.#pollOnce().finally(() => this.#schedulePoll())
    }, this.config.pollIntervalMs)
  }

  async #pollOnce(): Promise<void> {
    const { unitId, timeoutMs, coil, sensorInput, sensorOpenValue } = this.config
    try {
      const raw = await this.#lease.bus.run(unitId, timeoutMs, async (client) =>
        sensorInput === undefined
          ? (await client.readCoils(coil, 1)).data[0]
          : (await client.readDiscreteInputs(sensorInput, 1)).data[0],
      )
      if (this.#closed) return
      this.#controller.reportOnline(true)
      if (sensorInput !== undefined) {
        const accepted = this.#sensor.update(raw === sensorOpenValue, Date.now())
        if (accepted !== undefined) this.#controller.reportDoor(accepted)
      }
    } catch (error) {
      if (!this.#closed && !isModbusException(error)) this.#controller.reportOnline(false, describe(error))
    }
  }
}

function describe(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { name, message, errno } = error as { name?: unknown; message?: unknown; errno?: unknown }
    const text = typeof message === 'string' ? message : typeof errno === 'string' ? errno : 'unknown error'
    return typeof name === 'string' && name !== 'Error' ? `${name}: ${text}` : text
  }
  return String(error)
}
