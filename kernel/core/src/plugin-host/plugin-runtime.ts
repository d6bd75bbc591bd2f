/**
 * The kernel's view of each plugin in this instance: its definition, whether it runs (`active`) or failed (with the
 * reason), and its awilix scope holding its context and services.
 */
import type { AwilixContainer } from 'awilix'
import type { PluginDefinition, PluginContext } from '@tessera/sdk'

/**
 * Whether the plugin's UI bundle is served: `served`, `not-built` (no `dist/ui/index.js`), or `refused` with the reason
 * (its declared Lit/kit ranges do not match the shell's import map: `ui/check-ui-bundle.ts`).
 */
export interface PluginUiState {
  state: 'served' | 'not-built' | 'refused'
  reason?: string
}

/** One plugin in this kernel instance. */
export interface PluginRuntime {
  id: string
  definition?: PluginDefinition
  packageDir?: string
  state: 'active' | 'failed'
  reason?: string
  /** Migrations applied at this boot. */
  applied: string[]
  scope?: AwilixContainer
  ctx?: PluginContext
  /** Its UI bundle's state, once the HTTP part checked it (plugins with a `ui` only). */
  ui?: PluginUiState
}

/** All plugins of this instance. */
export class PluginRegistry {
  readonly #plugins = new Map<string, PluginRuntime>()

  /** Adds or replaces a plugin entry. */
  set(runtime: PluginRuntime): void {
    this.#plugins.set(runtime.id, runtime)
  }

  get(id: string): PluginRuntime | undefined {
    return this.#plugins.get(id)
  }

  /** The plugin if it is active. */
  active(id: string): PluginRuntime | undefined {
    const p = this.#plugins.get(id)
    return p?.state === 'active' ? p : undefined
  }

  /** Every entry, by id. */
  all(): PluginRuntime[] {
    return [...this.#plugins.values()].sort((a, b) => a.id.localeCompare(b.id))
  }

  /** Active entries in start order. */
  activeList(): PluginRuntime[] {
    return [...this.#plugins.values()].filter((p) => p.state === 'active')
  }

  /** Marks a plugin failed, and every active plugin that depends on it. */
  fail(id: string, reason: string): void {
    const p = this.#plugins.get(id)
    if (!p || p.state === 'failed') return
    p.state = 'failed'
    p.reason = reason
    for (const other of this.#plugins.values()) {
      if (other.state === 'active' && other.definition?.dependsOn?.[id]) this.fail(other.id, `dependency "${id}" failed: ${reason}`)
    }
  }
}
