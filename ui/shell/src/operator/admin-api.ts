/**
 * The operator API (`/api/v1/admin/*`, for users with `isOperator`): tenants, installed plugins, and per-tenant
 * plugin enablement with validated config.
 */
import { api } from '@tessera/ui-kit'
import type { JsonSchema } from '@tessera/ui-kit'

export interface AdminTenant {
  id: string
  slug: string
  name: string
  createdAt: string
}

export interface Page<T> {
  items: T[]
  total: number
}

export interface InstalledPlugin {
  id: string
  name: string
  description: string
  version: string
  state: 'installed' | 'failed'
  error: string | null
  dependsOn: Record<string, string>
  configSchema: JsonSchema
}

export type EnablementState = 'enabled' | 'disabled' | 'failed' | 'enabling' | 'disabling'

export interface TenantPlugin {
  pluginId: string
  state: EnablementState
  version: string
  config: Record<string, unknown> | null
  error: string | null
}

export function listTenants(limit: number, offset: number): Promise<Page<AdminTenant>> {
  return api<Page<AdminTenant>>('/api/v1/admin/tenants', { query: { limit, offset } })
}

export function createTenant(input: { slug: string; name: string }): Promise<AdminTenant> {
  return api<AdminTenant>('/api/v1/admin/tenants', { method: 'POST', body: input })
}

export async function listInstalledPlugins(): Promise<InstalledPlugin[]> {
  return (await api<{ items: InstalledPlugin[] }>('/api/v1/admin/plugins')).items
}

export async function listTenantPlugins(tenantId: string): Promise<TenantPlugin[]> {
  return (await api<{ items: TenantPlugin[] }>(`/api/v1/admin/tenants/${encodeURIComponent(tenantId)}/plugins`)).items
}

/** Enables a plugin for a tenant (or updates its config when already enabled). */
export function enablePlugin(tenantId: string, pluginId: string, config: Record<string, unknown>): Promise<TenantPlugin> {
  return api<TenantPlugin>(
    `/api/v1/admin/tenants/${encodeURIComponent(tenantId)}/plugins/${encodeURIComponent(pluginId)}`,
    { method: 'PUT', body: { config } },
  )
}

export async function disablePlugin(tenantId: string, pluginId: string): Promise<void> {
  await api<void>(`/api/v1/admin/tenants/${encodeURIComponent(tenantId)}/plugins/${encodeURIComponent(pluginId)}`, {
    method: 'DELETE',
  })
}

let installedCache: Promise<InstalledPlugin[]> | null = null

/** Installed plugins, fetched once per page load (installs happen at deploy time, not while a page is open). */
export function installedPluginsCached(): Promise<InstalledPlugin[]> {
  installedCache ??= listInstalledPlugins().catch((error: unknown) => {
    installedCache = null
    throw error
  })
  return installedCache
}
