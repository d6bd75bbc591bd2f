/**
 * A visit's moves: check-in (`expected` → `arrived`, with the day's next badge number), check-out (`arrived` →
 * `left`) and cancel (`expected` → `cancelled`). Each changes the row only if it is still in the status it leaves, so
 * of two concurrent check-ins exactly one wins and the other is a 409 — like any repeat — whose detail says, in the
 * front desk's words, what already happened. Each is audited and publishes its event on the request's transaction.
 */
import { problem } from '@tessera/sdk'
import type { EntityManager } from '@tessera/orm'
import type { CheckIn, Visitor, VisitorStatus } from '../contract/index.ts'
import { visitorArrived, visitorCancelled, visitorLeft, visitorsPermissions } from '../contract/index.ts'
import { orm } from '../store/entities.ts'
import type { VisitorRow } from '../store/entities.ts'
import { changeStatus, findVisit, nextBadgeNumber, toVisitor } from '../store/visitors-store.ts'
import { mayActOn } from './host.ts'
import { localDate } from './local-day.ts'
import type { VisitorsContext } from './visitors-config.ts'

type Move = 'check-in' | 'check-out' | 'cancel'

/** Why `move` cannot happen to `visit`, for humans. */
function refusal(move: Move, visit: VisitorRow, timeZone: string): string {
  const at = (d: Date | null | undefined) => (d ? new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(d) : '')
  const who = visit.name
  switch (visit.status) {
    case 'arrived':
      return move === 'check-in'
        ? `${who} already checked in at ${at(visit.arrivedAt)} with badge ${visit.badgeNumber}.`
        : `${who} has already arrived (badge ${visit.badgeNumber}): check them out instead.`
    case 'left':
      return `${who} already checked out at ${at(visit.leftAt)}.`
    case 'cancelled':
      return `The registration of ${who} was cancelled: register the visit again.`
    default:
      return `${who} has not checked in yet.`
  }
}

/** Loads the visit for `move`: 404 when unknown (or not the caller's to act on), 409 when not in `from`. */
async function visitFor(ctx: VisitorsContext, em: EntityManager, id: string, move: Move, from: VisitorStatus): Promise<VisitorRow> {
  const visit = await findVisit(em, id)
  if (!visit || (move === 'cancel' && !mayActOn(ctx, visit, visitorsPermissions.manage))) throw problem.notFound('No such visitor.')
  if (visit.status !== from) throw problem.conflict(refusal(move, visit, ctx.config().timezone), { status: visit.status })
  return visit
}

/** After a guarded update found the row moved on (a concurrent request won): the 409 of the new state. */
async function lostRace(ctx: VisitorsContext, em: EntityManager, id: string, move: Move): Promise<never> {
  const now = await findVisit(em, id)
  throw problem.conflict(now ? refusal(move, now, ctx.config().timezone) : 'No such visitor.', { status: now?.status ?? null })
}

/** Checks a visitor in: badge number, `visitors.visitor.arrived`, audit. */
export async function checkIn(ctx: VisitorsContext, id: string, input: CheckIn): Promise<Visitor> {
  const em = await orm.em(ctx)
  const visit = await visitFor(ctx, em, id, 'check-in', 'expected')
  const arrivedAt = new Date()
  const badgeDay = localDate(arrivedAt, ctx.config().timezone)
  const badgeNumber = await nextBadgeNumber(em, badgeDay)
  const locationId = input.locationId !== undefined ? input.locationId : (visit.locationId ?? null)
  const changes = { status: 'arrived' as const, badgeNumber, badgeDay, arrivedAt, locationId }
  if (!(await changeStatus(em, id, 'expected', changes))) return lostRace(ctx, em, id, 'check-in')
  await ctx.audit.record({ action: 'visitor.check-in', target: `visitor:${id}`, data: { badgeNumber, badgeDay } })
  await ctx.events.publish(visitorArrived, {
    visitorId: id, name: visit.name, company: visit.company ?? null, hostUserId: visit.hostUserId, badgeNumber,
    arrivedAt: arrivedAt.toISOString(), locationId, email: visit.email ?? null,
  })
  return toVisitor(Object.assign(visit, changes)) // the row as updated: no second read
}

/** Checks a visitor out: `visitors.visitor.left`, audit. */
export async function checkOut(ctx: VisitorsContext, id: string): Promise<Visitor> {
  const em = await orm.em(ctx)
  const visit = await visitFor(ctx, em, id, 'check-out', 'arrived')
  const changes = { status: 'left' as const, leftAt: new Date() }
  if (!(await changeStatus(em, id, 'arrived', changes))) return lostRace(ctx, em, id, 'check-out')
  await ctx.audit.record({ action: 'visitor.check-out', target: `visitor:${id}`, data: { badgeNumber: visit.badgeNumber } })
  await ctx.events.publish(visitorLeft, { visitorId: id, name: visit.name, hostUserId: visit.hostUserId, badgeNumber: visit.badgeNumber!, leftAt: changes.leftAt.toISOString() })
  return toVisitor(Object.assign(visit, changes))
}

/** Cancels an expected visit (its host or the front desk): `visitors.visitor.cancelled`, audit. */
export async function cancelVisit(ctx: VisitorsContext, id: string): Promise<Visitor> {
  const em = await orm.em(ctx)
  const visit = await visitFor(ctx, em, id, 'cancel', 'expected')
  const changes = { status: 'cancelled' as const, cancelledAt: new Date() }
  if (!(await changeStatus(em, id, 'expected', changes))) return lostRace(ctx, em, id, 'cancel')
  await ctx.audit.record({ action: 'visitor.cancel', target: `visitor:${id}` })
  await ctx.events.publish(visitorCancelled, { visitorId: id, hostUserId: visit.hostUserId })
  return toVisitor(Object.assign(visit, changes))
}
