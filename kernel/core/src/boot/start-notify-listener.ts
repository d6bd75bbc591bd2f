/**
 * The kernel's LISTEN part: one direct connection (admin URL, never PgBouncer) that keeps this instance in step with
 * the others — `tessera_enablement` drops a tenant's enablement cache entry, `tessera_auth` forgets a session or
 * token (logout, revocation, role change; `*` for all), `tessera_realtime` pushes an event to this instance's
 * sockets. After a reconnect, everything cached is dropped, since notices may have been missed.
 */
import type { Logger } from '@tessera/sdk'
import { NotifyListener } from '../db/notify-listener.ts'
import type { EnablementCache } from '../tenancy/enablement-cache.ts'
import type { SessionStore } from '../auth/session-store.ts'
import type { RealtimeHub } from '../realtime/realtime-hub.ts'
import type { ShutdownSteps } from './shutdown-steps.ts'
import { watchCredentialChanges } from '../auth/credential-changes.ts'

/** Starts listening; the stop step goes to `steps`. */
export async function startNotifyListener(url: string, to: { cache: EnablementCache; sessions: SessionStore; hub: RealtimeHub }, log: Logger, steps: ShutdownSteps): Promise<NotifyListener> {
  const { cache, sessions, hub } = to
  const listener = new NotifyListener(url, {
    tessera_enablement: (tenantId) => cache.invalidate(tenantId || undefined),
    tessera_auth: (hash) => sessions.forget(hash === '*' ? undefined : hash),
    tessera_realtime: (payload) => hub.dispatch(payload),
  }, log, () => {
    cache.invalidate()
    sessions.forget()
  })
  await listener.start()
  // this instance's own changes drop its cache at their commit, before their NOTIFY comes back
  steps.add(watchCredentialChanges((hash) => sessions.forget(hash)))
  steps.add(() => listener.close())
  return listener
}
