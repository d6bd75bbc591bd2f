/**
 * The kernel's own realtime notice `tessera.plugins.changed`: a tenant's set of enabled plugins changed (a plugin was
 * enabled, reconfigured, disabled, or failed doing so). It goes to every socket of that tenant — it carries nothing
 * but the tenant, and each browser re-reads its own UI manifest, which the kernel composes for its user — so that
 * screens, nav items, dashboard widgets and profile sections of a plugin come and go without a reload. The enablement
 * service sends it with `pg_notify('tessera_realtime', …)` in the transaction that records the plugin's new state, so
 * every kernel instance forwards it once that commits.
 */
import type { RealtimeNotice } from './realtime-hub.ts'

/** The notice's name, as browsers subscribe to it (`realtime().subscribe(PLUGINS_CHANGED, …)`). */
export const PLUGINS_CHANGED = 'tessera.plugins.changed'

/** The `tessera_realtime` payload telling `tenantId`'s sockets that its plugins changed. */
export function pluginsChangedNotice(tenantId: string): string {
  const notice: RealtimeNotice = { tenantId, name: PLUGINS_CHANGED, data: {}, at: new Date().toISOString() }
  return JSON.stringify(notice)
}
