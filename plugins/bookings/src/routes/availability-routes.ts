/**
 * `GET /availability`: free slots of one resource (`resourceId`) or of every active resource of a `kind` at a
 * `locationId`, over local dates `from`..`to` (at most 31 days) in the location's timezone, at `slotMinutes`.
 * What it offers can be booked by the same caller (see `domain/availability.ts`).
 */
import type { FastifyInstance } from 'fastify'
import { problem } from '@tessera/sdk'
import type { PluginContext } from '@tessera/sdk'
import { availabilityQuery, availabilitySchema } from '../schemas/availability-schemas.ts'
import { catalogOf } from '../domain/peer-services.ts'
import type { PeerResource } from '../domain/peer-services.ts'
import { findSlots } from '../domain/availability.ts'

interface Query { resourceId?: string; locationId?: string; kind?: string; from: string; to?: string; slotMinutes: number }

/** Registers `/availability`. */
export function availabilityRoutes(app: FastifyInstance, ctx: PluginContext): void {
  app.get('/availability', {
    config: { permission: 'bookings.book' },
    schema: { querystring: availabilityQuery, response: { 200: availabilitySchema } },
  }, async (req) => {
    const q = req.query as Query
    const to = q.to ?? q.from
    const days = (Date.parse(to) - Date.parse(q.from)) / 86_400_000
    if (days < 0 || days > 30) throw problem.badRequest('Search at most 31 days, with from <= to.', [{ pointer: '/querystring/to', detail: 'out of range' }])
    let resources: PeerResource[]
    if (q.resourceId) {
      const r = await catalogOf(ctx).getResource(q.resourceId)
      if (!r) throw problem.notFound('No such resource.')
      resources = [r]
    } else if (q.locationId) {
      resources = await catalogOf(ctx).listResources({ locationId: q.locationId, kind: q.kind })
    } else {
      throw problem.badRequest('Give a resourceId, or a locationId (and optionally a kind).', [{ pointer: '/querystring/resourceId', detail: 'or locationId is required' }])
    }
    const slots = await findSlots(ctx.db, resources, { fromDate: q.from, toDate: to, slotMinutes: q.slotMinutes, staff: ctx.can('bookings.manage') })
    return { timezone: resources[0]?.location.timezone ?? null, from: q.from, to, slotMinutes: q.slotMinutes, slots }
  })
}
