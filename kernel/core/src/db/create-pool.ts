/**
 * A node-postgres pool that survives the server terminating its connections (`pg_terminate_backend`, a restart, an
 * administrator shutdown, 57P01): an idle connection that dies is dropped by the pool, and a connection that dies while
 * checked out emits 'error' on its client — without a listener that is an uncaught exception that kills the process.
 * Every client gets a listener at creation; the query in flight rejects anyway and the broken client is destroyed on
 * release, so the next checkout opens a fresh connection. {@link endPool} waits until every connection has really
 * closed (`pool.end()` resolves as soon as it has asked them to), so a database server stopped right afterwards does
 * not terminate connections that are still closing.
 */
import pg from 'pg'
import type { Logger } from '@tessera/sdk'

const open = new WeakMap<pg.Pool, Set<Promise<void>>>()

/** Opens a pool of at most `max` connections to `url`, tagged `applicationName` in `pg_stat_activity`. */
export function createPool(url: string, max: number, applicationName: string, log: Logger): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, application_name: applicationName, keepAlive: true })
  const closing = new Set<Promise<void>>()
  open.set(pool, closing)
  // once the pool is ending, a connection the server closes is expected, not news
  const warn = (err: Error, msg: string) => {
    if (!pool.ending) log.warn({ err: err.message, pool: applicationName }, msg)
  }
  pool.on('error', (err) => warn(err, 'idle database connection lost'))
  pool.on('connect', (client) => {
    client.on('error', (err) => warn(err, 'database connection lost'))
    const ended = new Promise<void>((r) => client.once('end', () => r()))
    closing.add(ended)
    void ended.then(() => closing.delete(ended))
  })
  return pool
}

/** Ends `pool` and resolves once each of its connections has closed. */
export async function endPool(pool: pg.Pool): Promise<void> {
  if (!pool.ending) await pool.end()
  await Promise.all(open.get(pool) ?? [])
}
