/**
 * A visitor's badge, printed when the visitors plugin announces an arrival: the visitor's name (large), company, host,
 * badge number and the day (in the location's timezone) on a 3.5 × 2 in card, on the `badges` printer of the
 * visitor's location (the location's default for badges first), once per visitor (`access:visitor-badge:<id>`)
 * however often the event is delivered. The host's name comes from the visitors plugin's directory when it runs
 * (an optional dependency). No badges printer, or `visitorBadges` off: nothing is printed.
 */
import { spacesCatalog } from '@tessera/plugin-spaces/contract'
import { visitorsDirectory } from '@tessera/plugin-visitors/contract'
import type { VisitorArrived } from '@tessera/plugin-visitors/contract'
import { PRINT_LIMITS, PRINT_PURPOSES } from '../contract/index.ts'
import type { PrintJob } from '../contract/index.ts'
import type { AccessContext } from './access-config.ts'
import { choosePrinter } from './printers.ts'
import { submitPrint } from './print-jobs.ts'

const cut = (s: string) => s.slice(0, PRINT_LIMITS.lineMaxLength)

/** The badge's lines. */
export function badgeLines(a: VisitorArrived, hostName: string | null, timezone: string): string[] {
  const day = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, dateStyle: 'medium' }).format(new Date(a.arrivedAt))
  return [cut(a.name), cut(a.company ?? ''), cut(hostName ? `Host: ${hostName}` : 'Visitor'), `Badge ${a.badgeNumber}`, day]
}

/** Queues the badge of an arriving visitor; undefined when nothing is printed. */
export async function printVisitorBadge(ctx: AccessContext, a: VisitorArrived): Promise<PrintJob | undefined> {
  if (!ctx.config().visitorBadges) return undefined
  const choice = { purpose: PRINT_PURPOSES.badges, locationId: a.locationId ?? null }
  if (!(await choosePrinter(ctx, choice))) {
    ctx.log.info({ visitorId: a.visitorId }, 'access: no badges printer, visitor badge not printed')
    return undefined
  }
  const host = (await ctx.services.optional(visitorsDirectory)?.get(a.visitorId))?.hostName ?? null
  const location = a.locationId ? await ctx.services.get(spacesCatalog).getLocation(a.locationId) : undefined
  return submitPrint(ctx, {
    ...choice, requestId: `access:visitor-badge:${a.visitorId}`, title: cut(`Badge ${a.badgeNumber} ${a.name}`).slice(0, PRINT_LIMITS.titleMaxLength),
    document: { kind: 'lines', layout: 'badge', lines: badgeLines(a, host, location?.timezone ?? 'UTC') },
  }, 'access')
}
