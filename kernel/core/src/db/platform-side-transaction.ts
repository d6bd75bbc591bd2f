/**
 * The platform half of a tenant transaction. The runtime role has no grant on platform tables (users, memberships,
 * enablement), so kernel code running in a tenant scope that must also change them (`ctx.identity`, the enablement
 * state after `onEnable`) writes through this: an admin-pool connection whose `BEGIN` is sent with the first
 * statement, and which commits right after the tenant transaction commits, or rolls back with it. Nothing is opened
 * when nothing uses it. The order (tenant first) means a crash between the two commits can leave tenant rows that
 * point at a missing platform row, never a platform grant (a membership) without its tenant record.
 */
import type { Pool, PoolClient, QueryResult } from 'pg'

/** A lazily opened admin transaction tied to one tenant transaction. */
export class PlatformSideTransaction {
  readonly #pool: Pool
  #client: Promise<PoolClient> | undefined

  constructor(pool: Pool) {
    this.#pool = pool
  }

  /** Runs `text` in the platform transaction (opening it on first use). */
  async query(text: string, values?: unknown[]): Promise<QueryResult> {
    this.#client ??= this.#pool.connect().then(async (c) => {
      try {
        await c.query('BEGIN')
        return c
      } catch (err) {
        c.release(err as Error)
        throw err
      }
    })
    return (await this.#client).query(text, values)
  }

  /** Whether a statement has opened the platform transaction (commit and rollback are no-ops otherwise). */
  get opened(): boolean {
    return this.#client !== undefined
  }

  /** Commits, if anything was opened. */
  async commit(): Promise<void> {
    await this.#finish('COMMIT')
  }

  /** Rolls back, if anything was opened; never throws. */
  async rollback(): Promise<void> {
    await this.#finish('ROLLBACK').catch(() => {})
  }

  async #finish(statement: 'COMMIT' | 'ROLLBACK'): Promise<void> {
    const pending = this.#client
    this.#client = undefined
    if (!pending) return
    let client: PoolClient
    try {
      client = await pending
    } catch {
      return // never opened
    }
    let broken: Error | undefined
    try {
      await client.query(statement)
    } catch (err) {
      broken = err as Error
      if (statement === 'COMMIT') await client.query('ROLLBACK').catch(() => {})
      throw err
    } finally {
      client.release(broken)
    }
  }
}
