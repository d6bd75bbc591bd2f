/**
 * `definePlugin`: the default export of every plugin package. It only types and freezes the declaration; the kernel
 * validates it when loading, so a broken plugin fails alone with a reason instead of crashing the kernel.
 */
import type { PluginDefinition } from './plugin-definition.ts'

/** Declares a plugin. @public */
export function definePlugin<Config = Record<string, unknown>>(definition: PluginDefinition<Config>): PluginDefinition<Config> {
  return Object.freeze({ ...definition })
}
