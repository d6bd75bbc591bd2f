/**
 * The authenticated caller of a request, as the auth hook resolves it from the session cookie or the bearer token.
 */
import type { TenantRole } from '@tessera/sdk'

/** A signed-in user or an API token, with its current tenant and rights there. */
export interface AuthInfo {
  kind: 'session' | 'token'
  /** Session token hash or API token id. */
  credentialId: string
  user: { id: string; email: string; name: string; isOperator: boolean } | null
  tenantId: string | null
  role: TenantRole | null
  permissions: ReadonlySet<string>
}
