/**
 * A tenant's record of one plugin (`tessera.tenant_plugins`): its enablement state (Odoo style: enabling → enabled →
 * disabling → disabled, or failed with the reason), the version it was enabled at and its validated config. A plain
 * row type below every folder that carries it: the tenant scope (`db/`), the enablement cache (`tenancy/`) and the
 * enablement lifecycle (`plugin-host/`).
 */

/** One tenant's enablement of one plugin. */
export interface TenantPlugin {
  pluginId: string
  state: 'enabling' | 'enabled' | 'disabling' | 'disabled' | 'failed'
  version: string | null
  config: Record<string, unknown>
  error: string | null
}
