/**
 * Hands identity messages (set-password links: invitations of new users, password resets) to the plugins that
 * deliver them — every running plugin with `onIdentityMessage` that the tenant has enabled. The kernel knows no
 * e-mail; a notifications plugin turns the message into one.
 *
 * - In a tenant scope (`ctx.identity.invite`): each hook joins the inviting request's transaction, inside a savepoint,
 *   so a failing hook is logged and undone alone — the invitation stands (INV-8).
 * - Outside one (a password reset, which names no tenant): the message goes to one tenant of the user — the tenant of
 *   their newest session that has a delivering plugin enabled, else their oldest such membership — in a new tenant
 *   transaction as a system actor. A user with no such tenant gets no message (logged).
 */
import type { Pool } from 'pg'
import type { IdentityMessage, Logger } from '@tessera/sdk'
import { currentScope } from '../db/tenant-scope.ts'
import type { IdentityMessages } from '../auth/identity.ts'
import type { SetPasswordLinks } from '../auth/password-tokens/set-password-links.ts'
import type { RolePermissions } from '../auth/role-permissions.ts'
import type { TenantRunner } from '../tenancy/tenant-runner.ts'
import type { PluginRegistry, PluginRuntime } from './plugin-runtime.ts'

/** What the messenger needs. */
export interface IdentityMessengerDeps {
  pool: Pool
  registry: PluginRegistry
  runner: TenantRunner
  roles: () => RolePermissions
  links: SetPasswordLinks
  log: Logger
}

/** Delivers identity messages through plugins' `onIdentityMessage`. */
export class IdentityMessenger implements IdentityMessages {
  readonly #d: IdentityMessengerDeps

  constructor(deps: IdentityMessengerDeps) {
    this.#d = deps
  }

  link(token: string): string {
    return this.#d.links.link(token)
  }

  /** The running plugins that deliver identity messages. */
  #deliverers(): PluginRuntime[] {
    return this.#d.registry.activeList().filter((rt) => typeof rt.definition?.onIdentityMessage === 'function' && rt.ctx)
  }

  async deliverInScope(message: IdentityMessage): Promise<void> {
    const scope = currentScope()
    for (const rt of this.#deliverers()) {
      if (scope.tenantPlugins.get(rt.id)?.state !== 'enabled') continue
      const savepoint = !scope.statements
      if (savepoint) await scope.client.query('SAVEPOINT tessera_identity_message')
      try {
        await this.#d.runner.run(
          { pluginId: rt.id, tenantId: scope.tenantId, actor: scope.actor, permissions: scope.permissions, requestId: scope.requestId },
          () => rt.definition!.onIdentityMessage!(rt.ctx!, message),
        )
        if (savepoint) await scope.client.query('RELEASE SAVEPOINT tessera_identity_message')
      } catch (err) {
        if (savepoint) await scope.client.query('ROLLBACK TO SAVEPOINT tessera_identity_message')
        this.#d.log.error({ plugin: rt.id, kind: message.kind, err: (err as Error).message }, 'onIdentityMessage failed')
      }
    }
  }

  /** Delivers a message that names no tenant (a reset); returns the tenant it went to, or null when none delivers. */
  async deliverToUser(message: IdentityMessage): Promise<string | null> {
    const deliverers = this.#deliverers()
    if (deliverers.length === 0) return null
    const { rows } = await this.#d.pool.query(
      `SELECT tu.tenant_id AS "tenantId" FROM tessera.tenant_users tu
         LEFT JOIN LATERAL (SELECT max(s.created_at) AS last FROM tessera.sessions s WHERE s.user_id = tu.user_id AND s.tenant_id = tu.tenant_id) s ON true
        WHERE tu.user_id = $1 ORDER BY s.last DESC NULLS LAST, tu.created_at, tu.tenant_id LIMIT 100`,
      [message.user.id],
    )
    for (const { tenantId } of rows as { tenantId: string }[]) {
      const enabled = []
      for (const rt of deliverers) if (await this.#d.runner.isEnabled(tenantId, rt.id)) enabled.push(rt)
      if (enabled.length === 0) continue
      for (const rt of enabled) {
        try {
          await this.#d.runner.run(
            { pluginId: rt.id, tenantId, actor: { type: 'system', id: 'tessera.identity' }, permissions: this.#d.roles().all },
            () => rt.definition!.onIdentityMessage!(rt.ctx!, message),
          )
        } catch (err) {
          this.#d.log.error({ plugin: rt.id, kind: message.kind, err: (err as Error).message }, 'onIdentityMessage failed')
        }
      }
      return tenantId
    }
    this.#d.log.warn({ kind: message.kind }, 'no tenant of the user has a plugin that delivers identity messages; nothing sent')
    return null
  }
}
