/**
 * The password calls of the signed-out screens: ask for a reset link (`POST /api/v1/auth/password-reset`, always
 * 202 — the answer never says whether the account exists) and set a password with a link's token
 * (`POST /api/v1/auth/password`, which signs the user in and answers the session).
 */
import { api } from '@tessera/ui-kit'
import type { Session } from './session.ts'

/** The shortest password the kernel accepts. */
export const MIN_PASSWORD_LENGTH = 8

/** Asks for a reset link for `email`. */
export async function requestPasswordReset(email: string): Promise<void> {
  await api<{ message: string }>('/api/v1/auth/password-reset', { method: 'POST', body: { email }, notifyUnauthorized: false })
}

/** Sets the password with a link's `token`; the user is signed in. */
export function setPassword(token: string, password: string): Promise<Session> {
  return api<Session>('/api/v1/auth/password', { method: 'POST', body: { token, password }, notifyUnauthorized: false })
}
