/**
 * Service refs: the typed handle of a service one plugin offers to others (Backstage's idea, in Tessera's terms). The
 * providing plugin defines the ref in its contract (`@tessera/plugin-<id>/contract`) together with the service's
 * interface, and exports its implementation against it with {@link provide}; a consumer imports only the contract,
 * lists the ref in `consumes` and calls `ctx.services.get(ref)`, typed `T`. The kernel checks every consumed ref at
 * boot: its plugin must be in `dependsOn`, must provide the ref, and its version must satisfy the ref's range —
 * otherwise the consumer fails with the reason, before any request.
 */
import type { PluginContext } from './plugin-context.ts'

/** A typed reference to a service of plugin `plugin` named `id`. Create it with {@link defineServiceRef}. @public */
export interface ServiceRef<T> {
  readonly kind: 'service-ref'
  /** Id of the plugin that provides the service. */
  readonly plugin: string
  /** Service id within that plugin (`[a-zA-Z][a-zA-Z0-9]*`). */
  readonly id: string
  /** Semver range of the providing plugin this contract describes (checked at boot), e.g. `^1.0.0`. */
  readonly version?: string
  /** Phantom member carrying `T`; never set at run time. */
  readonly $type?: T
}

/** What {@link defineServiceRef} takes. @public */
export interface ServiceRefSpec {
  plugin: string
  id: string
  version?: string
}

/** Defines a service ref; `T` is the service's interface. @public */
export function defineServiceRef<T>(spec: ServiceRefSpec): ServiceRef<T> {
  return Object.freeze({ kind: 'service-ref' as const, plugin: spec.plugin, id: spec.id, ...(spec.version ? { version: spec.version } : {}) })
}

/** A plugin's implementation of one of its own service refs. Create it with {@link provide}. @public */
export interface ServiceProvision<T = unknown, Config = Record<string, unknown>> {
  readonly kind: 'service-provision'
  readonly ref: ServiceRef<T>
  /** Builds the service once per kernel instance (a lazy singleton in the plugin's scope). */
  readonly factory: (ctx: PluginContext<Config>) => T
}

/**
 * Implements `ref` with `factory` (`definePlugin({ services: [provide(membersDirectory, (ctx) => directory(ctx))] })`).
 * The factory must return exactly the ref's interface, so a contract change breaks the provider's build too. @public
 */
export function provide<T, Config = Record<string, unknown>>(ref: ServiceRef<T>, factory: (ctx: PluginContext<Config>) => T): ServiceProvision<T, Config> {
  return Object.freeze({ kind: 'service-provision' as const, ref, factory })
}

/** True when `value` is a service ref. @public */
export function isServiceRef(value: unknown): value is ServiceRef<unknown> {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'service-ref'
}
