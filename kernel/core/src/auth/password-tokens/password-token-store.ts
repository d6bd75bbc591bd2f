/**
 * Single-use set-password tokens (`tessera.password_tokens`): an invitation of a new user (valid 7 days) or a password
 * reset (valid 1 hour). Only the SHA-256 of the token is stored; the token itself exists once, in the link the kernel
 * hands to plugins (`onIdentityMessage`). Setting a password with a token consumes it, revokes every other open token
 * of the user (a newer reset link, the invitation) and ends the user's sessions. Issuing a token revokes the user's
 * older open tokens of the same kind, so only the newest link works. Platform table: the admin pool, or the scope's
 * platform side transaction inside a tenant transaction.
 */
import type { Pool } from 'pg'
import type { IdentityMessageKind } from '@tessera/sdk'
import { ProblemError, problem } from '@tessera/sdk'
import { newSecret, hashSecret } from '../token-hash.ts'
import { forgetCredentialsHere } from '../credential-changes.ts'

/** A statement runner: the admin pool or a scope's platform side transaction. */
export type PlatformQuery = (sql: string, params: unknown[]) => Promise<{ rows: any[]; rowCount: number | null }>

/** How long a token of each kind stays valid, in minutes. */
export const TOKEN_TTL_MINUTES: Readonly<Record<IdentityMessageKind, number>> = { invitation: 7 * 24 * 60, 'password-reset': 60 }

/** A token just issued: its id, the secret (for the link only) and its expiry. */
export interface IssuedToken {
  id: string
  token: string
  expiresAt: Date
}

/** Whose password a consumed token set. */
export interface ConsumedToken {
  userId: string
  kind: IdentityMessageKind
}

/** Issues a token of `kind` for `userId` through `q`, revoking the user's older open tokens of that kind. */
export async function issuePasswordToken(q: PlatformQuery, userId: string, kind: IdentityMessageKind): Promise<IssuedToken> {
  const token = newSecret('tsp')
  await q(
    `UPDATE tessera.password_tokens SET revoked_at = now()
      WHERE user_id = $1 AND kind = $2 AND consumed_at IS NULL AND revoked_at IS NULL`,
    [userId, kind],
  )
  const { rows } = await q(
    `INSERT INTO tessera.password_tokens (user_id, kind, token_hash, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(mins => $4)) RETURNING id, expires_at AS "expiresAt"`,
    [userId, kind, hashSecret(token), TOKEN_TTL_MINUTES[kind]],
  )
  return { id: rows[0].id, token, expiresAt: rows[0].expiresAt }
}

/** Tokens on the admin pool: issuing a reset within the hourly limit, consuming a token. */
export class PasswordTokenStore {
  readonly #pool: Pool
  constructor(pool: Pool) {
    this.#pool = pool
  }

  /**
   * Issues a reset token for `userId` unless they were issued `perHour` already in the last hour (then null). The
   * user's row is locked while counting, so concurrent requests cannot slip past the limit.
   */
  async issueReset(userId: string, perHour: number): Promise<IssuedToken | null> {
    const client = await this.#pool.connect()
    try {
      await client.query('BEGIN')
      await client.query('SELECT 1 FROM tessera.users WHERE id = $1 FOR UPDATE', [userId])
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM tessera.password_tokens
          WHERE user_id = $1 AND kind = 'password-reset' AND created_at > now() - interval '1 hour'`,
        [userId],
      )
      const issued = rows[0].n >= perHour ? null : await issuePasswordToken((sql, p) => client.query(sql, p), userId, 'password-reset')
      await client.query('COMMIT')
      return issued
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {})
      throw err
    } finally {
      client.release()
    }
  }

  /**
   * Sets the password of the token's user to `passwordHash` and consumes the token, in one transaction: revokes the
   * user's other open tokens and deletes their sessions. A token that does not exist (or whose user is disabled) is a
   * 400; one used, replaced or expired is a 410 — each with a message saying what to do.
   */
  async consume(token: string, passwordHash: string): Promise<ConsumedToken> {
    const client = await this.#pool.connect()
    try {
      await client.query('BEGIN')
      const { rows } = await client.query(
        `SELECT t.id, t.user_id AS "userId", t.kind, t.consumed_at IS NOT NULL AS used, t.revoked_at IS NOT NULL AS revoked,
                t.expires_at <= now() AS expired, u.disabled_at IS NOT NULL AS disabled
           FROM tessera.password_tokens t JOIN tessera.users u ON u.id = t.user_id
          WHERE t.token_hash = $1 FOR UPDATE OF t`,
        [hashSecret(token)],
      )
      const row = rows[0]
      if (!row || row.disabled) throw problem.badRequest('This link is not valid. Check that you opened the whole link from the e-mail, or ask for a new one.')
      if (row.used) throw gone('This link has already been used. If you need to set your password again, use "Forgot password?" on the sign-in page.')
      if (row.revoked) throw gone('A newer link was sent since this one. Use the link in the most recent e-mail.')
      if (row.expired) {
        throw gone(row.kind === 'invitation'
          ? 'This invitation link has expired. Ask your space to invite you again, or use "Forgot password?" on the sign-in page.'
          : 'This reset link has expired (links work for one hour). Use "Forgot password?" on the sign-in page to get a new one.')
      }
      await client.query('UPDATE tessera.users SET password_hash = $2 WHERE id = $1', [row.userId, passwordHash])
      await client.query('UPDATE tessera.password_tokens SET consumed_at = now() WHERE id = $1', [row.id])
      await client.query(
        `UPDATE tessera.password_tokens SET revoked_at = now() WHERE user_id = $1 AND consumed_at IS NULL AND revoked_at IS NULL`,
        [row.userId],
      )
      await client.query(`WITH d AS (DELETE FROM tessera.sessions WHERE user_id = $1) SELECT pg_notify('tessera_auth', '*')`, [row.userId])
      await client.query('COMMIT')
      forgetCredentialsHere()
      return { userId: row.userId, kind: row.kind }
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {})
      throw err
    } finally {
      client.release()
    }
  }
}

function gone(detail: string): ProblemError {
  return new ProblemError(410, 'Gone', { detail })
}
