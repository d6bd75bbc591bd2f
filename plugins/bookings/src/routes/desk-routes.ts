/**
 * `GET /desk/day`: the front desk's day at one location — every booking of the local day with names and check-in
 * windows, what the dashboard's bookings widgets show (`domain/desk-day.ts`). Staff who see every booking only.
 */
import type { PluginApp } from '@tessera/sdk'
import { bookingsPermissions, deskDayQuery, deskDaySchema } from '../contract/index.ts'
import { deskDay } from '../domain/desk-day.ts'
import type { BookingsContext } from '../domain/bookings-config.ts'

/** Registers `/desk/day`. */
export function deskRoutes(app: PluginApp, ctx: BookingsContext): void {
  app.get('/desk/day', {
    config: { permission: bookingsPermissions.read },
    schema: { querystring: deskDayQuery, response: { 200: deskDaySchema } },
  }, async (req) => deskDay(ctx, req.query))
}
