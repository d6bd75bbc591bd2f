/**
 * `GET /alerts`: what needs someone at the doors — doors offline now (the door reported offline, or its agent is
 * not connected) and the forced and held-open events of the last `hours` (default 24), optionally of one location.
 * Staff who see the doors (`access.read`). The dashboard's "Door alerts" widget reads it.
 */
import type { PluginApp } from '@tessera/sdk'
import { accessPermissions, doorAlertsQuery, doorAlertsSchema, MAX_ALERT_EVENTS } from '../contract/index.ts'
import type { AccessContext } from '../domain/access-config.ts'
import { listDoorRows } from '../store/doors-store.ts'
import { alertEvents } from '../store/alerts-store.ts'

/** Registers `/alerts`. */
export function alertRoutes(app: PluginApp, ctx: AccessContext): void {
  app.get('/alerts', {
    config: { permission: accessPermissions.read },
    schema: { querystring: doorAlertsQuery, response: { 200: doorAlertsSchema } },
  }, async (req) => {
    const since = new Date(Date.now() - req.query.hours * 3_600_000)
    const locationId = req.query.locationId ?? null
    const doors = (await listDoorRows(ctx.db)).filter((d) => !locationId || d.location_id === locationId)
    const offline = doors
      .filter((d) => !d.agent_connected || d.online === false)
      .map((d) => ({ doorId: d.id, name: d.name, reason: d.agent_connected ? ('door-offline' as const) : ('agent-disconnected' as const), since: d.status_at?.toISOString() ?? null }))
    const events = await alertEvents(ctx.db, since, locationId, MAX_ALERT_EVENTS)
    return {
      since: since.toISOString(), offline, events: events.items,
      counts: { offline: offline.length, forced: events.forced, heldOpen: events.heldOpen },
    }
  })
}
