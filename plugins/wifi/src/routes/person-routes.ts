/**
 * A person's Wi-Fi for staff (HTTP only; rules in `domain/`), all with `wifi.manage`: `GET /people/:personId` (login,
 * status and why not, password last set, devices, data used — never the password), `POST /people/:personId/password`
 * (a new generated password: the old one is refused by RADIUS from the next request; the member reads the new one on
 * My Wi-Fi) and `POST /people/:personId/disconnect` (a RADIUS Disconnect-Request for each live session, when the
 * tenant configured `disconnect`). Unknown people are a 404; both actions are audited.
 */
import { emptyBody, problem } from '@tessera/sdk'
import type { PluginApp } from '@tessera/sdk'
import { disconnectResultSchema, personWifiSchema, wifiPermissions, wifiPersonParams } from '../contract/index.ts'
import type { WifiContext } from '../domain/wifi-config.ts'
import { personOrNotFound, personWifi } from '../domain/person-wifi.ts'
import { disconnectSessions, rotatePassword } from '../domain/credentials.ts'

const manage = { permission: wifiPermissions.manage }

/** Registers `/people/:personId`, `/people/:personId/password` and `/people/:personId/disconnect`. */
export function personRoutes(app: PluginApp, ctx: WifiContext): void {
  app.get('/people/:personId', { config: manage, schema: { params: wifiPersonParams, response: { 200: personWifiSchema } } },
    async (req) => personWifi(ctx, req.params.personId))

  app.post('/people/:personId/password', {
    config: manage, schema: { params: wifiPersonParams, body: emptyBody, response: { 200: personWifiSchema } },
  }, async (req) => {
    const { personId } = req.params
    await personOrNotFound(ctx, personId)
    if (!(await rotatePassword(ctx, personId))) throw problem.conflict('This person has no Wi-Fi login yet: it comes with an active membership.')
    return personWifi(ctx, personId)
  })

  app.post('/people/:personId/disconnect', {
    config: manage, schema: { params: wifiPersonParams, body: emptyBody, response: { 200: disconnectResultSchema } },
  }, async (req) => {
    const { personId } = req.params
    await personOrNotFound(ctx, personId)
    if (!ctx.config().disconnect) throw problem.conflict('Disconnecting is not set up for this space: configure "disconnect" (the NAS port and secret) in the Wi-Fi settings.')
    const outcomes = await disconnectSessions(ctx, personId)
    const acknowledged = outcomes.filter((o) => o === 'ack').length
    await ctx.audit.record({ action: 'wifi.sessions.disconnect', target: `person:${personId}`, data: { sessions: outcomes.length, acknowledged } })
    return { sessions: outcomes.length, acknowledged }
  })
}
