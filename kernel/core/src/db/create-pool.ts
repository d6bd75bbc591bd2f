/**
 * A node-postgres pool that survives the server terminating its connections (`pg_terminate_backend`, a restart, an
 * administrator shutdown, 57P01): an idle connection that dies is dropped by the pool, and a connection that dies while
 * checked out emits 'error' on its client — without a listener that is an uncaught exception that kills the process.
 * Every client gets a listener at creation; the query in flight rejects anyway and the broken client is destroyed on
 * release, so the next checkout opens a fresh connection.
 */
import pg from 'pg'
import type { Logger } from '@tessera/sdk'

/** Opens a pool of at most `max` connections to `url`, tagged `applicationName` in `pg_stat_activity`. */
export function createPool(url: string, max: number, applicationName: string, log: Logger): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, application_name: applicationName, keepAlive: true })
  pool.on('error', (err) => log.warn({ err: err.message, pool: applicationName }, 'idle database connection lost'))
  pool.on('connect', (client) => client.on('error', (err) => log.warn({ err: err.message, pool: applicationName }, 'database connection lost')))
  return pool
}
