/**
 * The member's own Wi-Fi (HTTP only; rules in `domain/`): `GET /me` (login, password, sessions, data used) and
 * `POST /me/password` (a new generated password; the old one is refused by RADIUS from the next request).
 */
import { problem } from '@tessera/sdk'
import type { PluginApp } from '@tessera/sdk'
import { myWifiSchema, wifiPermissions } from '../contract/index.ts'
import type { WifiContext } from '../domain/wifi-config.ts'
import { myWifi, selfPersonId } from '../domain/my-wifi.ts'
import { rotatePassword } from '../domain/credentials.ts'

const self = { permission: wifiPermissions.self }

/** Registers `/me` and `/me/password`. */
export function meRoutes(app: PluginApp, ctx: WifiContext): void {
  app.get('/me', { config: self, schema: { response: { 200: myWifiSchema } } }, async () => myWifi(ctx, await selfPersonId(ctx)))

  app.post('/me/password', {
    config: self,
    schema: { body: { type: 'object', additionalProperties: false, properties: {} }, response: { 200: myWifiSchema } },
  }, async () => {
    const personId = await selfPersonId(ctx)
    if (!(await rotatePassword(ctx, personId))) throw problem.notFound('You have no Wi-Fi login yet: it comes with an active membership.')
    return myWifi(ctx, personId)
  })
}
