/**
 * `definePlugin`: the default export of every plugin package. It only types and freezes the declaration; the kernel
 * validates it when loading, so a broken plugin fails alone with a reason instead of crashing the kernel.
 *
 * With a literal `configSchema` (inline, or a constant declared `as const`) the plugin's `Config` — what
 * `ctx.config()` returns everywhere in the plugin — is derived from the schema, so the schema is the only
 * declaration of the configuration. Without one, pass `Config` explicitly or get a plain record.
 */
import type { JSONSchema } from 'json-schema-to-ts'
import type { PluginDefinition } from './plugin-definition.ts'
import type { ConfigOf } from './typed-routes.ts'

/** Declares a plugin whose config type is derived from its literal `configSchema`. @public */
export function definePlugin<const Schema extends JSONSchema & object>(definition: PluginDefinition<ConfigOf<Schema>> & { configSchema: Schema }): PluginDefinition<ConfigOf<Schema>>
/** Declares a plugin with an explicit (or no) config type. @public */
export function definePlugin<Config = Record<string, unknown>>(definition: PluginDefinition<Config>): PluginDefinition<Config>
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function definePlugin(definition: PluginDefinition<any>): PluginDefinition<any> {
  return Object.freeze({ ...definition })
}
