/**
 * Announcing that credentials changed (a token revoked, a role changed, a member removed or added): the change's
 * transaction sends NOTIFY `tessera_auth` so every instance drops its cached lookups, and this instance drops its own
 * as soon as the change has committed — its own NOTIFY reaches it a moment later, and a request in that moment must
 * not be answered from the old copy ("revoked at once on this instance").
 *
 * Kernel code in a tenant scope calls {@link announceCredentialChange}: the local drop waits for the commit
 * (`afterCommit`), so a concurrent request cannot cache the old answer again before the change is visible. Code with
 * its own `BEGIN … COMMIT` (or a single autocommitted statement) sends the NOTIFY in its own SQL and calls
 * {@link forgetCredentialsHere} once it has committed. The caches are this process's: with several kernels in one
 * process (tests), a change drops the copies of all of them, which costs each a lookup and nothing else.
 */
import { currentScope } from '../db/tenant-scope.ts'

/** Drops cached credentials: one by the secret's hash, or all (`undefined`). */
type Forget = (hash: string | undefined) => void

/** The credential caches of this process (one per running kernel). */
const caches = new Set<Forget>()

/** Registers a cache to drop entries from; returns the unregister step (async, for the shutdown steps). */
export function watchCredentialChanges(forget: Forget): () => Promise<void> {
  caches.add(forget)
  return async () => {
    caches.delete(forget)
  }
}

/** Drops this process's cached copy of one credential (by hash) or of all, now. */
export function forgetCredentialsHere(hash?: string): void {
  for (const forget of caches) forget(hash)
}

/**
 * In the current tenant scope: sends the NOTIFY on `q` (the scope's platform side, committed with it) and drops this
 * instance's copy once the scope commits. A statement-bound scope (a read-only request's) has no commit to wait for:
 * the copy is dropped at once, and again when the NOTIFY comes back.
 */
export async function announceCredentialChange(q: (sql: string, values: unknown[]) => Promise<unknown>): Promise<void> {
  await q(`SELECT pg_notify('tessera_auth', '*')`, [])
  const after = currentScope().afterCommit
  if (after) after.add(forgetAll)
  else forgetAll()
}

const forgetAll = (): void => forgetCredentialsHere()
