/**
 * Announcing that credentials changed (a token revoked, a role changed, a member removed or added): the change's
 * transaction sends NOTIFY `tessera_auth` so every instance drops its cached lookups, and this instance drops its own
 * as soon as the change has committed — its own NOTIFY reaches it a moment later, and a request in that moment must
 * not be answered from the old copy ("revoked at once on this instance").
 *
 * Inside a tenant transaction the local drop waits for the commit (`afterCommit`), so a concurrent request cannot
 * cache the old answer again before the change is visible; outside one, the caller drops after its own commit with
 * {@link forgetCredentialsHere}.
 */
import { tenantStorage } from '../db/tenant-scope.ts'

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
 * Sends the NOTIFY on `q` (the change's transaction, so it is heard at commit) and drops this instance's copy once the
 * current tenant transaction commits — or right away when there is none, where `q` must commit each statement on its
 * own (a pool). (A statement-bound scope, a read-only request's, has no commit to wait for; a change made there is
 * dropped at once and again when its NOTIFY comes back.) A caller with its own `BEGIN … COMMIT` sends the NOTIFY
 * itself and calls {@link forgetCredentialsHere} after its `COMMIT`.
 */
export async function announceCredentialChange(q: (sql: string, values: unknown[]) => Promise<unknown>, hash?: string): Promise<void> {
  await q(`SELECT pg_notify('tessera_auth', $1)`, [hash ?? '*'])
  const after = tenantStorage.getStore()?.afterCommit
  if (after) after.add(() => forgetCredentialsHere(hash))
  else forgetCredentialsHere(hash)
}
