/**
 * The devices an agent drives: locks and printers. At start every configured device is created through the driver
 * registry; a device whose driver fails to start (bad configuration, unknown driver) is kept with its error, so
 * the agent still runs the other devices and the kernel sees the failure in heartbeats. Each driver's event stream
 * is pumped to a callback for forwarding. Closing the set closes every driver (locks relock).
 */
import type {
  DeviceAnnouncement,
  DeviceHealth,
  DriverRegistry,
  LockDriver,
  LockEvent,
  PrinterDriver,
  PrinterEvent,
  PrinterHealth,
} from '@tessera/driver-sdk'
import type { AgentLogger } from './agent-logger.ts'

/** One device in the agent configuration. */
export interface DeviceConfig {
  /** Id the kernel uses for this door (grant `doorIds` refer to it). */
  deviceId: string
  /** Driver id, e.g. `modbus`, `simulator`, `ipp` or `printer-simulator`. */
  driver: string
  /** Driver-specific configuration. */
  config?: unknown
  /** How long a locally granted credential (PIN/card) unlocks this door (ms, default 5000). */
  unlockDurationMs?: number
}

/** A configured device and, if it started, its driver. */
export interface Device {
  readonly config: DeviceConfig
  /** `lock` or `printer` (from the driver definition, also when the driver failed to start). */
  readonly kind: 'lock' | 'printer'
  /** The lock driver, for a lock that started. */
  readonly driver: LockDriver | null
  /** The printer driver, for a printer that started. */
  readonly printer: PrinterDriver | null
  readonly error: string | null
}

/** The running devices of an agent. */
export class DeviceSet {
  readonly #devices = new Map<string, Device>()
  readonly #pumps: Promise<void>[] = []

  /**
   * Create every configured device and start forwarding its events.
   *
   * @param options - device configs, registry, event callback, logger
   * @returns the set (devices that failed to start carry their error)
   */
  static async start(options: {
    devices: DeviceConfig[]
    registry: DriverRegistry
    onEvent: (deviceId: string, event: LockEvent) => void
    onPrinterEvent?: (deviceId: string, event: PrinterEvent) => void
    logger: AgentLogger
  }): Promise<DeviceSet> {
    const set = new DeviceSet()
    const kinds = new Map(options.registry.list().map((d) => [d.id, d.kind]))
    for (const config of options.devices) {
      if (set.#devices.has(config.deviceId)) throw new Error(`device id "${config.deviceId}" is configured twice`)
      const kind = kinds.get(config.driver) ?? 'lock'
      try {
        if (kind === 'printer') {
          const printer = await options.registry.create(config.driver, config.config, 'printer')
          set.#devices.set(config.deviceId, { config, kind, driver: null, printer, error: null })
          set.#pumps.push(pump(printer, (event) => options.onPrinterEvent?.(config.deviceId, event)))
        } else {
          const driver = await options.registry.create(config.driver, config.config, 'lock')
          set.#devices.set(config.deviceId, { config, kind, driver, printer: null, error: null })
          set.#pumps.push(pump(driver, (event) => options.onEvent(config.deviceId, event)))
        }
        options.logger.info('device started', { deviceId: config.deviceId, driver: config.driver, kind })
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        set.#devices.set(config.deviceId, { config, kind, driver: null, printer: null, error: message })
        options.logger.error('device failed to start', { deviceId: config.deviceId, driver: config.driver, error: message })
      }
    }
    return set
  }

  /** A device by id. */
  get(deviceId: string): Device | undefined {
    return this.#devices.get(deviceId)
  }

  /** Whether any configured device is a printer. */
  get hasPrinters(): boolean {
    return [...this.#devices.values()].some((d) => d.kind === 'printer')
  }

  /** What `hello` announces. */
  announcements(): DeviceAnnouncement[] {
    return [...this.#devices.values()].map((d) =>
      d.kind === 'printer'
        ? { deviceId: d.config.deviceId, driver: d.config.driver, kind: 'printer', capabilities: null, printerCapabilities: d.printer?.capabilities ?? null }
        : { deviceId: d.config.deviceId, driver: d.config.driver, kind: 'lock', capabilities: d.driver?.capabilities ?? null },
    )
  }

  /** Status of every printer, for heartbeats and the `status` command. */
  async printerHealth(): Promise<PrinterHealth[]> {
    return Promise.all(
      [...this.#devices.values()].filter((d) => d.kind === 'printer').map(async (d): Promise<PrinterHealth> => {
        const base = { deviceId: d.config.deviceId, driver: d.config.driver }
        if (!d.printer) return { ...base, status: null, error: d.error ?? 'not started' }
        try {
          return { ...base, status: await d.printer.status() }
        } catch (error) {
          return { ...base, status: null, error: error instanceof Error ? error.message : String(error) }
        }
      }),
    )
  }

  /** Status of every lock, for heartbeats and the `status` command. */
  async health(): Promise<DeviceHealth[]> {
    return Promise.all(
      [...this.#devices.values()].filter((d) => d.kind === 'lock').map(async (d): Promise<DeviceHealth> => {
        const base = { deviceId: d.config.deviceId, driver: d.config.driver }
        if (!d.driver) return { ...base, status: null, error: d.error ?? 'not started' }
        try {
          return { ...base, status: await d.driver.status() }
        } catch (error) {
          return { ...base, status: null, error: error instanceof Error ? error.message : String(error) }
        }
      }),
    )
  }

  /** Close every driver and wait for their event streams to end. */
  async close(): Promise<void> {
    await Promise.all([...this.#devices.values()].map((d) => (d.driver ?? d.printer)?.close()))
    await Promise.all(this.#pumps)
  }
}

async function pump<E>(driver: { events(): AsyncIterable<E> }, forward: (event: E) => void): Promise<void> {
  for await (const event of driver.events()) forward(event)
}
