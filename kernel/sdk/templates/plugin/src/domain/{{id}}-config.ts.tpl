/**
 * The per-tenant configuration: `configSchema` is its only declaration (the kernel validates it on enable and applies
 * the defaults on read), `{{Pascal}}Config` its type, `{{Pascal}}Context` the plugin context typed with it.
 */
import type { ConfigOf, PluginContext } from '@tessera/sdk'

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    maxNotes: { type: 'integer', minimum: 1, maximum: 100_000, default: 1000, description: 'The most notes a tenant may keep' },
  },
} as const

/** The plugin's config of a tenant (defaults applied). */
export type {{Pascal}}Config = ConfigOf<typeof configSchema>

/** The plugin context, typed with the config. */
export type {{Pascal}}Context = PluginContext<{{Pascal}}Config>
