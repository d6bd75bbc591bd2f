/**
 * Housekeeping the kernel does on its own, hourly and once at boot: forget job receipts older than 14 days and
 * idempotency keys older than 7 days (longer than any retry of a job or a client).
 */
import type { Pool } from 'pg'
import type { Logger } from '@tessera/sdk'

/** Starts the hourly sweep; returns a function that stops it. */
export function startMaintenance(pool: Pool, log: Logger): () => void {
  const sweep = async () => {
    try {
      await pool.query(`DELETE FROM tessera.job_receipts WHERE done_at < now() - interval '14 days'`)
      await pool.query(`DELETE FROM tessera.idempotency_keys WHERE created_at < now() - interval '7 days'`)
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'maintenance sweep failed')
    }
  }
  void sweep()
  const timer = setInterval(sweep, 3600_000)
  timer.unref()
  return () => clearInterval(timer)
}
