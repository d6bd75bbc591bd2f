/**
 * Extension points: where one plugin lets others plug into it (billing's payment gateways, the shell's dashboard
 * widgets, notification channels). The owning plugin defines the point in its contract, lists it in
 * `extensionPoints` and reads the registered implementations with `ctx.extensions.get(point)`; another plugin
 * registers one with `extensions: [extend(point, (ctx) => impl)]` and must list the owner in `dependsOn` — checked at
 * boot, so a registration that could never be reached fails its plugin with a reason.
 */
import type { PluginContext } from './plugin-context.ts'

/** A typed extension point of plugin `plugin`. Create it with {@link defineExtensionPoint}. @public */
export interface ExtensionPoint<T> {
  readonly kind: 'extension-point'
  /** Id of the plugin that offers the point and reads its extensions. */
  readonly plugin: string
  /** Point id within that plugin (`[a-z][a-z0-9-]*`). */
  readonly id: string
  /** Phantom member carrying `T`; never set at run time. */
  readonly $type?: T
}

/** Defines an extension point; `T` is what each extension implements. @public */
export function defineExtensionPoint<T>(spec: { plugin: string; id: string }): ExtensionPoint<T> {
  return Object.freeze({ kind: 'extension-point' as const, plugin: spec.plugin, id: spec.id })
}

/** A plugin's registration on another plugin's extension point. Create it with {@link extend}. @public */
export interface ExtensionRegistration<T = unknown, Config = Record<string, unknown>> {
  readonly kind: 'extension'
  readonly point: ExtensionPoint<T>
  /** Builds the extension once per kernel instance, with the registering plugin's context. */
  readonly factory: (ctx: PluginContext<Config>) => T
}

/** Registers `factory`'s result on `point`. @public */
export function extend<T, Config = Record<string, unknown>>(point: ExtensionPoint<T>, factory: (ctx: PluginContext<Config>) => T): ExtensionRegistration<T, Config> {
  return Object.freeze({ kind: 'extension' as const, point, factory })
}

/** One registered extension as the owning plugin reads it. @public */
export interface Extension<T> {
  /** Id of the plugin that registered it. */
  readonly plugin: string
  readonly value: T
}
