/**
 * Sharing of Modbus buses between drivers. Several locks are usually wired to one relay board (or several boards
 * hang off one RS-485 line), and all of them must go through the same request queue. The pool hands out one
 * `ModbusBus` per bus key, reference-counted: the bus is closed when its last driver releases it.
 */
import { busKey, ModbusBus } from './modbus-bus.ts'
import type { ModbusEndpoint } from './modbus-bus.ts'

/** A driver's hold on a shared bus. */
export interface ModbusBusLease {
  readonly bus: ModbusBus
  /** Give the bus back; the last release closes it. Calling twice is harmless. */
  release(): Promise<void>
}

/** Shared buses keyed by endpoint. */
export class ModbusBusPool {
  readonly #buses = new Map<string, { bus: ModbusBus; users: number }>()

  /**
   * Get the bus for an endpoint, creating it on first use.
   *
   * @param endpoint - TCP host/port or serial path
   * @returns a lease; release it when the driver closes
   */
  acquire(endpoint: ModbusEndpoint): ModbusBusLease {
    const key = busKey(endpoint)
    let entry = this.#buses.get(key)
    if (!entry) {
      entry = { bus: new ModbusBus(endpoint), users: 0 }
      this.#buses.set(key, entry)
    }
    entry.users += 1
    const held = entry
    let released = false
    return {
      bus: held.bus,
      release: async () => {
        if (released) return
        released = true
        held.users -= 1
        if (held.users === 0) {
          if (this.#buses.get(key) === held) this.#buses.delete(key)
          await held.bus.close()
        }
      },
    }
  }

  /** Keys of the buses currently in use. */
  keys(): string[] {
    return [...this.#buses.keys()]
  }
}

/** The process-wide pool used when a driver is not given one. */
export const defaultBusPool = new ModbusBusPool()
