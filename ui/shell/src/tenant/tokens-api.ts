/**
 * The API-token calls of the current tenant (`/api/v1/auth/tokens`, owners and admins): list, issue (the secret is
 * returned once), revoke.
 */
import { api } from '@tessera/ui-kit'
import type { TenantRole } from '../settings/tenant-roles.ts'

export interface ApiToken {
  id: string
  name: string
  role: TenantRole
  state: 'active' | 'expired' | 'revoked' | 'suspended'
  createdBy: { id: string; email: string; name: string } | null
  createdAt: string
  expiresAt: string | null
  lastUsedAt: string | null
  revokedAt: string | null
}

export interface IssuedToken {
  id: string
  token: string
  expiresAt: string
}

export function listTokens(limit: number, offset: number): Promise<{ items: ApiToken[]; total: number }> {
  return api(`/api/v1/auth/tokens?limit=${limit}&offset=${offset}`)
}

export function issueToken(input: { name: string; role: TenantRole; expiresInDays?: number }): Promise<IssuedToken> {
  return api('/api/v1/auth/tokens', { method: 'POST', body: input })
}

export function revokeToken(id: string): Promise<void> {
  return api(`/api/v1/auth/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' })
}
