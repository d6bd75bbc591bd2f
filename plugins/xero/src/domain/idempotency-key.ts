/**
 * The `Idempotency-Key` of a write to Xero: derived from what is written (the kind, the documents' ids in order and
 * their attempt numbers), so a job that crashed after Xero accepted a batch sends the same key again and Xero replays
 * its first answer instead of writing twice; a staff "retry" raises the attempt, so it is a new write.
 */
import { createHash } from 'node:crypto'

/** The key of a write of `docs` of `kind` (`operation` separates e.g. a void from a create). */
export function idempotencyKey(operation: string, docs: { id: string; attempts: number }[]): string {
  const h = createHash('sha256').update(operation)
  for (const d of docs) h.update(`\n${d.id}:${d.attempts}`)
  return `tessera-${operation}-${h.digest('hex').slice(0, 40)}`
}
