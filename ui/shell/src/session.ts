/**
 * The signed-in session and the auth calls that change it (`/api/v1/auth/*`): who the user is, which tenants
 * they belong to, which tenant is current.
 */
import { api } from '@tessera/ui-kit'

export interface SessionUser {
  id: string
  email: string
  name: string
  isOperator: boolean
}

export interface SessionTenant {
  id: string
  slug: string
  name: string
  role: string
}

export interface Session {
  user: SessionUser
  tenants: SessionTenant[]
  /** The current tenant, or null (e.g. an operator who belongs to no tenant). */
  tenantId: string | null
}

/** The current session, or null when signed out (401). Other failures throw. */
export async function fetchSession(): Promise<Session | null> {
  try {
    return await api<Session>('/api/v1/auth/me', { notifyUnauthorized: false })
  } catch (error) {
    if ((error as { status?: number }).status === 401) return null
    throw error
  }
}

export function signIn(email: string, password: string): Promise<Session> {
  return api<Session>('/api/v1/auth/login', { method: 'POST', body: { email, password }, notifyUnauthorized: false })
}

export async function signOut(): Promise<void> {
  await api<void>('/api/v1/auth/logout', { method: 'POST', notifyUnauthorized: false })
}

export function switchTenant(tenantId: string): Promise<Session> {
  return api<Session>('/api/v1/auth/switch-tenant', { method: 'POST', body: { tenantId } })
}

/** The current tenant record of a session, if any. */
export function currentTenant(session: Session): SessionTenant | null {
  return session.tenants.find((t) => t.id === session.tenantId) ?? null
}
