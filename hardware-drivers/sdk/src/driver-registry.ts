/**
 * A `DriverRegistry` holds the driver definitions available in one process (the site agent registers the built-in
 * `modbus` and `simulator` drivers, and can be given third-party ones) and creates instances by id from untrusted
 * configuration. It refuses duplicate ids and checks that a created driver is of the kind the caller expects.
 */
import type { DriverDefinition, DriverInstanceByKind, DriverKind } from './define-driver.ts'

/** One row of {@link DriverRegistry.list}. */
export interface DriverListing {
  id: string
  kind: DriverKind
  description: string
}

/** Registered driver definitions, instantiated by id. */
export class DriverRegistry {
  readonly #definitions = new Map<string, DriverDefinition<DriverKind, any>>()

  /**
   * Add a definition.
   *
   * @param definition - from `defineDriver`
   * @returns this registry, for chaining
   * @throws Error when a driver with the same id is already registered
   */
  register(definition: DriverDefinition<DriverKind, any>): this {
    if (this.#definitions.has(definition.id)) throw new Error(`driver "${definition.id}" is already registered`)
    this.#definitions.set(definition.id, definition)
    return this
  }

  /** Whether a driver id is registered. */
  has(id: string): boolean {
    return this.#definitions.has(id)
  }

  /** The registered drivers, sorted by id. */
  list(): DriverListing[] {
    return [...this.#definitions.values()]
      .map((d) => ({ id: d.id, kind: d.kind, description: d.description ?? '' }))
      .sort((a, b) => a.id.localeCompare(b.id))
  }

  /**
   * Create an instance of a registered driver. The configuration is passed through the definition's
   * `parseConfig` when it has one.
   *
   * @param id - driver id, e.g. `modbus`
   * @param config - driver configuration (untrusted JSON is fine when the driver parses it)
   * @param expectedKind - when given, refuse a driver of another kind
   * @returns the started driver
   * @throws Error for an unknown id, a kind mismatch or an invalid configuration
   */
  async create<K extends DriverKind>(id: string, config: unknown, expectedKind?: K): Promise<DriverInstanceByKind[K]> {
    const definition = this.#definitions.get(id)
    if (!definition) throw new Error(`unknown driver "${id}" (registered: ${[...this.#definitions.keys()].join(', ') || 'none'})`)
    if (expectedKind && definition.kind !== expectedKind) {
      throw new Error(`driver "${id}" is a ${definition.kind} driver, not a ${expectedKind} driver`)
    }
    const parsed = definition.parseConfig ? definition.parseConfig(config) : config
    return (await definition.create(parsed)) as DriverInstanceByKind[K]
  }
}
