/**
 * Pre-registering a visitor: the host is checked (`host.ts`), the visit is stored as `expected` through the ORM, and
 * `visitors.visitor.registered` is published on the same transaction (so the host's browser and the front desk hear
 * of it only if it commits).
 */
import type { RegisterVisitor, Visitor } from '../contract/index.ts'
import { visitorRegistered } from '../contract/index.ts'
import { orm } from '../store/entities.ts'
import { insertVisit, toVisitor } from '../store/visitors-store.ts'
import { resolveHost } from './host.ts'
import type { VisitorsContext } from './visitors-config.ts'

const blankToNull = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null)

/** Registers a visit; returns it. */
export async function registerVisit(ctx: VisitorsContext, input: RegisterVisitor): Promise<Visitor> {
  const host = await resolveHost(ctx, input.hostUserId)
  const actor = ctx.actor()
  const em = await orm.em(ctx)
  const row = await insertVisit(em, {
    name: input.name.trim() || input.name,
    email: blankToNull(input.email),
    company: blankToNull(input.company),
    expectedAt: new Date(input.expectedAt),
    hostUserId: host.id,
    hostName: host.name,
    locationId: input.locationId ?? null,
    registeredBy: actor.type === 'user' ? actor.id : null,
  })
  await ctx.events.publish(visitorRegistered, {
    visitorId: row.id, name: row.name, company: row.company ?? null, hostUserId: row.hostUserId,
    expectedAt: row.expectedAt.toISOString(), locationId: row.locationId ?? null,
  })
  return toVisitor(row)
}
