/**
 * `ctx.identity` for plugins: invite a person into the current tenant (creating their user if needed) or revoke
 * their access. Users are platform rows the runtime role cannot touch, so the statements run on the scope's platform
 * side transaction (an admin connection, `db/platform-side-transaction.ts`) that commits right after the plugin's
 * tenant transaction, or rolls back with it.
 */
import type { Identity, IdentityUser, TenantRole } from '@tessera/sdk'
import { currentScope } from '../db/tenant-scope.ts'
import { hashPassword } from './password.ts'
import { auditInScope } from '../audit/audit-writer.ts'

/** Builds the identity service of one plugin. */
export function createIdentity(pluginId: string, _runtimeRole?: string): Identity {
  const asKernel = async <T>(fn: (q: (sql: string, p: unknown[]) => Promise<{ rows: any[] }>) => Promise<T>): Promise<T> => {
    const s = currentScope()
    return fn((sql, p) => s.platform.query(sql, p))
  }
  return {
    async invite(input: { email: string; name: string; role: TenantRole; password?: string }): Promise<IdentityUser> {
      const hash = input.password ? await hashPassword(input.password) : null
      const user = await asKernel(async (q) => {
        const { rows } = await q(
          `INSERT INTO tessera.users (email, name, password_hash) VALUES ($1, $2, $3)
           ON CONFLICT (lower(email)) DO UPDATE SET password_hash = coalesce(tessera.users.password_hash, EXCLUDED.password_hash)
           RETURNING id, email, name`,
          [input.email, input.name, hash],
        )
        await q(
          `INSERT INTO tessera.tenant_users (tenant_id, user_id, role) VALUES ($1, $2, $3)
           ON CONFLICT (tenant_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
          [currentScope().tenantId, rows[0].id, input.role],
        )
        await q(`SELECT pg_notify('tessera_auth', '*')`, [])
        return rows[0] as IdentityUser
      })
      await auditInScope(pluginId, { action: 'identity.invite', target: `user:${user.id}`, data: { role: input.role } })
      return user
    },
    async revoke(userId: string): Promise<void> {
      await asKernel(async (q) => {
        await q('DELETE FROM tessera.tenant_users WHERE tenant_id = $1 AND user_id = $2', [currentScope().tenantId, userId])
        await q(`SELECT pg_notify('tessera_auth', '*')`, [])
      })
      await auditInScope(pluginId, { action: 'identity.revoke', target: `user:${userId}` })
    },
  }
}
