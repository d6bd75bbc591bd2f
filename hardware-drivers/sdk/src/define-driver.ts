/**
 * `defineDriver` is how a package declares a driver: a kind (`lock` or `printer`), a stable id that site
 * configuration refers to (e.g. `modbus`), an optional `parseConfig` that turns untrusted JSON into typed config
 * (throwing with a clear message on bad input), and `create(config)` that returns a started driver instance. The
 * definition is plain data, so a `DriverRegistry` can list and instantiate drivers it knows nothing else about.
 */
import type { LockDriver } from './lock-driver.ts'
import type { PrinterDriver } from './printer-driver.ts'

/** The kinds of driver the platform knows. */
export type DriverKind = 'lock' | 'printer'

/** Maps a driver kind to the instance type its `create` returns. */
export interface DriverInstanceByKind {
  lock: LockDriver
  printer: PrinterDriver
}

/** A declared driver; build one with {@link defineDriver}. */
export interface DriverDefinition<K extends DriverKind = DriverKind, C = unknown> {
  /** Which contract the created instances implement. */
  readonly kind: K
  /** Stable id used in site configuration, lowercase letters, digits and dashes (e.g. `modbus`). */
  readonly id: string
  /** One line for listings. */
  readonly description?: string
  /** Validate untrusted configuration (e.g. from a JSON file); throw an `Error` explaining what is wrong. */
  readonly parseConfig?: (raw: unknown) => C
  /** Create and start an instance. Must not reject because the device is unreachable: report `offline` instead. */
  readonly create: (config: C) => Promise<DriverInstanceByKind[K]>
}

const ID_PATTERN = /^[a-z][a-z0-9-]{0,62}$/

/**
 * Declare a driver. Checks the id and freezes the definition.
 *
 * @param definition - kind, id, optional description and config parser, and the factory
 * @returns the same definition, frozen
 * @throws Error when the id is not lowercase letters, digits and dashes
 */
export function defineDriver<K extends DriverKind, C>(definition: DriverDefinition<K, C>): DriverDefinition<K, C> {
  if (!ID_PATTERN.test(definition.id)) {
    throw new Error(`driver id "${definition.id}" must match ${ID_PATTERN}`)
  }
  if (definition.kind !== 'lock' && definition.kind !== 'printer') {
    throw new Error(`driver "${definition.id}" has unknown kind "${String(definition.kind)}"`)
  }
  return Object.freeze({ ...definition })
}
