/**
 * The `visitorsDirectory` service other plugins consume (`@tessera/plugin-visitors/contract`): a day's visitors and
 * one visitor, read through the ORM on the caller's tenant transaction.
 */
import type { VisitorsDirectory } from '../contract/index.ts'
import { orm } from '../store/entities.ts'
import { findVisit, listDay, toVisitor } from '../store/visitors-store.ts'
import { dayRange, localDate } from './local-day.ts'
import type { VisitorsContext } from './visitors-config.ts'

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** The day `date` (default: today in the configured timezone) with its instants. */
export function dayOf(ctx: VisitorsContext, date: string | undefined): { day: string; range: { start: Date; end: Date } } {
  const timeZone = ctx.config().timezone
  const day = date ?? localDate(new Date(), timeZone)
  return { day, range: dayRange(day, timeZone) }
}

/** Builds the directory of one plugin context. */
export function visitorsDirectoryService(ctx: VisitorsContext): VisitorsDirectory {
  return {
    async listToday(options = {}) {
      const limit = options.limit ?? 200
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new RangeError('visitorsDirectory.listToday: limit must be an integer from 1 to 500')
      if (options.date !== undefined && !DAY.test(options.date)) throw new RangeError('visitorsDirectory.listToday: date must be YYYY-MM-DD')
      const em = await orm.em(ctx)
      const { items } = await listDay(em, { ...dayOf(ctx, options.date), status: options.status, hostUserId: options.hostUserId, limit, offset: 0 })
      return items.map(toVisitor)
    },
    async get(visitorId) {
      if (!/^[0-9a-f-]{36}$/i.test(visitorId)) return undefined
      const row = await findVisit(await orm.em(ctx), visitorId)
      return row ? toVisitor(row) : undefined
    },
  }
}
