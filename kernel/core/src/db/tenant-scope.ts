/**
 * The current tenant transaction. The kernel opens one around every plugin request, job, subscriber and tenant hook
 * and keeps it in an AsyncLocalStorage, so that `ctx.db`, `ctx.events`, `ctx.jobs` and `ctx.audit` act on it without
 * being passed around, and nothing can query a tenant table outside one (INV-1).
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { QueryResult } from 'pg'
import type { Actor } from '@tessera/sdk'
import type { TenantPlugin } from '../model/tenant-plugin.ts'

/** What the scope's statements go through. */
export interface ScopeClient {
  query(text: string, values?: unknown[]): Promise<QueryResult>
  /**
   * Transactions only: a statement whose result is not needed, sent with the next statement or with `COMMIT` (see
   * `transaction-client.ts`). Absent on statement-bound (read-only) scopes, where {@link runOrDefer} runs it at once.
   */
  defer?(text: string, values?: unknown[]): void
}

/** Defers `text` on a transaction (no round trip of its own), or runs it now on a statement-bound scope. */
export async function runOrDefer(client: ScopeClient, text: string, values?: unknown[]): Promise<void> {
  if (client.defer) client.defer(text, values)
  else await client.query(text, values)
}

/** What is known inside a tenant transaction. */
export interface TenantScope {
  tenantId: string
  client: ScopeClient
  /**
   * Kernel code only: platform tables (users, memberships, enablement) that the runtime role cannot reach, on an admin
   * connection whose transaction opens at the first statement and commits right after the tenant transaction commits
   * (or rolls back with it).
   */
  platform: ScopeClient
  /**
   * True for a read-only request run statement by statement: each statement is its own tenant-bound implicit
   * transaction (see `tenant-bound-query.ts`); there is no enclosing transaction to roll back.
   */
  statements: boolean
  actor: Actor
  permissions: ReadonlySet<string>
  /** The plugin whose code opened the scope (request route, job, hook). */
  pluginId?: string
  requestId?: string
  /** The tenant's plugin records (enablement and config), loaded before the transaction opened. */
  tenantPlugins: ReadonlyMap<string, TenantPlugin>
  /** Set when the plugin recorded its own audit entry, so the automatic one is skipped. */
  audited: boolean
  /**
   * Transactions only: what runs once the transaction (and its platform side) has committed — never after a rollback
   * (waking the workers of the queues it enqueued to). Absent on statement-bound scopes, whose statements commit at once.
   */
  afterCommit?: Set<() => void>
}

/** The storage holding the current scope. */
export const tenantStorage = new AsyncLocalStorage<TenantScope>()

/** The current scope, or a clear error naming INV-1. */
export function currentScope(): TenantScope {
  const scope = tenantStorage.getStore()
  if (!scope) {
    throw new Error('No tenant transaction: tenant data can only be reached inside a request, job, subscriber or tenant hook (INV-1)')
  }
  return scope
}
