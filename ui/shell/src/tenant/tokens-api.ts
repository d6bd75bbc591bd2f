/**
 * The API-token calls of the current tenant (`/api/v1/auth/tokens`, owners and admins): list, issue (the secret is
 * returned once), revoke.
 */
import { api } from '@tessera/ui-kit'

export type TokenRole = 'owner' | 'admin' | 'manager' | 'finance' | 'support' | 'member'

export interface ApiToken {
  id: string
  name: string
  role: TokenRole
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

export function issueToken(input: { name: string; role: TokenRole; expiresInDays?: number }): Promise<IssuedToken> {
  return api('/api/v1/auth/tokens', { method: 'POST', body: input })
}

export function revokeToken(id: string): Promise<void> {
  return api(`/api/v1/auth/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' })
}
