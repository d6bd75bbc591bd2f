/**
 * Runs `fn` on one pooled connection inside BEGIN … COMMIT, rolling back if it throws. A connection whose ROLLBACK
 * fails (the server went away) is destroyed instead of returned to the pool.
 */
import type { Pool, PoolClient } from 'pg'

/** An admin-connection transaction (platform bookkeeping, migrations). */
export async function withTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  let broken: Error | undefined
  try {
    await client.query('BEGIN')
    const result = await fn(client)
    await client.query('COMMIT')
    return result
  } catch (err) {
    await client.query('ROLLBACK').catch((e: Error) => (broken = e))
    throw err
  } finally {
    client.release(broken)
  }
}
