/**
 * The kernel's services, as registered in the root awilix container and handed to the kernel's own routes and the CLI.
 */
import type { Pool } from 'pg'
import type { KernelConfig } from '@tessera/config'
import type { Logger } from '@tessera/sdk'
import type { TenantService } from '../tenancy/tenant-service.ts'
import type { EnablementService } from '../plugin-host/enablement-service.ts'
import type { EnablementCache } from '../tenancy/enablement-cache.ts'
import type { UserService } from '../auth/user-service.ts'
import type { SessionStore } from '../auth/session-store.ts'
import type { PluginRegistry } from '../plugin-host/plugin-runtime.ts'
import type { RolePermissions } from '../auth/role-permissions.ts'
import type { TenantTransactions } from '../db/tenant-transactions.ts'
import type { RealtimeHub } from '../realtime/realtime-hub.ts'
import type { JobSystem } from '../jobs/job-system.ts'
import type { TenantRunner } from '../tenancy/tenant-runner.ts'
import type { IdentityMessenger } from '../plugin-host/identity-messenger.ts'

/** Everything the kernel routes and CLI use. */
export interface KernelServices {
  config: KernelConfig
  /** The admin pool: migrations and platform tables (never plugin SQL). */
  pool: Pool
  /** The runtime pool, logged in as the runtime role: every tenant transaction runs on it. */
  runtimePool: Pool
  log: Logger
  tenants: TenantService
  enablement: EnablementService
  enablementCache: EnablementCache
  users: UserService
  sessions: SessionStore
  registry: PluginRegistry
  roles: () => RolePermissions
  tx: TenantTransactions
  hub: RealtimeHub
  jobs?: JobSystem
  runner: TenantRunner
  /** Hands set-password links (invitations, resets) to the plugins that deliver them. */
  identityMessages: IdentityMessenger
  /** Whether the kernel can serve (database reachable, plugins started). */
  ready: () => Promise<boolean>
  /** Each readiness check by name (`/readyz` reports them). */
  readiness: () => Promise<Record<string, boolean>>
}
