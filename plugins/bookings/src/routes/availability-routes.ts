/**
 * `GET /availability`: free slots of one resource (`resourceId`) or of every active resource of a `kind` at a
 * `locationId`, over local dates `from`..`to` (at most 31 days) in the location's timezone, at `slotMinutes`.
 * What it offers can be booked by the same caller (see `domain/availability.ts`).
 */
import type { PluginApp } from '@tessera/sdk'
import { availabilityQuery, availabilitySchema, bookingsPermissions } from '../contract/index.ts'
import { searchAvailability } from '../domain/availability.ts'
import type { BookingsContext } from '../domain/bookings-config.ts'

/** Registers `/availability`. */
export function availabilityRoutes(app: PluginApp, ctx: BookingsContext): void {
  app.get('/availability', {
    config: { permission: bookingsPermissions.book },
    schema: { querystring: availabilityQuery, response: { 200: availabilitySchema } },
  }, async (req) => searchAvailability(ctx, req.query))
}
