/**
 * The calls of the tenant's settings screens and the operator's health and audit screens: the tenant's users and roles
 * (`/api/v1/tenant/users`), the audit log (`/api/v1/tenant/audit`, or `/api/v1/admin/audit` platform-wide), and the
 * deployment's health (`/api/v1/admin/health`). The answer types mirror the kernel's (`kernel/core/src/auth/tenant-members.ts`,
 * `jobs/queue-health.ts`, the route schemas): the kernel's public entry does not export them and the shell may not
 * depend on the kernel or the SDK (it is browser code on the UI kit alone), so they are written here once.
 */
import { api } from '@tessera/ui-kit'
import type { TenantRole } from './tenant-roles.ts'

export interface TenantMember {
  id: string
  email: string
  name: string
  role: TenantRole
  hasPassword: boolean
  disabled: boolean
  since: string
}

export interface PendingInvitation {
  id: string
  email: string
  name: string
  role: TenantRole
  invitedAt: string
  expiresAt: string
}

export function listMembers(limit: number, offset: number, q?: string): Promise<{ items: TenantMember[]; total: number; invitations: PendingInvitation[] }> {
  return api('/api/v1/tenant/users', { query: { limit, offset, q: q || undefined } })
}

export function inviteMember(input: { email: string; name: string; role: TenantRole }): Promise<{ status: 'member' | 'pending' }> {
  return api('/api/v1/tenant/users', { method: 'POST', body: input })
}

export function changeRole(userId: string, role: TenantRole): Promise<unknown> {
  return api(`/api/v1/tenant/users/${encodeURIComponent(userId)}`, { method: 'PATCH', body: { role } })
}

export function removeMember(userId: string): Promise<void> {
  return api(`/api/v1/tenant/users/${encodeURIComponent(userId)}`, { method: 'DELETE' })
}

export function withdrawInvitation(id: string): Promise<void> {
  return api(`/api/v1/tenant/invitations/${encodeURIComponent(id)}`, { method: 'DELETE' })
}

export interface AuditEntry {
  id: string
  at: string
  tenantId?: string | null
  actorType: string
  actorId: string | null
  actorLabel: string | null
  plugin: string | null
  action: string
  target: string | null
  data: unknown
}

export interface AuditFilters {
  actor?: string
  plugin?: string
  action?: string
  target?: string
  from?: string
  to?: string
  tenantId?: string
}

export function readAudit(platform: boolean, limit: number, offset: number, filters: AuditFilters): Promise<{ items: AuditEntry[]; total: number }> {
  const query: Record<string, string | number | undefined> = { limit, offset }
  for (const [k, v] of Object.entries(filters)) if (v) query[k] = v
  return api(platform ? '/api/v1/admin/audit' : '/api/v1/tenant/audit', { query })
}

export interface QueueHealth {
  name: string
  plugin: string
  ready: number
  waiting: number
  active: number
  failed: number
  dead: number
  oldestWaitingAt: string | null
}

export interface PluginHealth {
  id: string
  name: string
  version: string | null
  state: string
  error: string | null
  ui: string
  uiError: string | null
  tenants: { enabled: number; failed: number; other: number }
}

export interface Health {
  status: 'ready' | 'not ready'
  checkedAt: string
  checks: Record<string, boolean>
  jobs: 'running' | 'off'
  queues: QueueHealth[]
  plugins: PluginHealth[]
}

export function readHealth(): Promise<Health> {
  return api('/api/v1/admin/health')
}
