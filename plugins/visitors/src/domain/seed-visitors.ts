/**
 * Sample data from a tenant manifest (`data.visitors` of `tenants/demo/tenant.json`): visitors expected today at a
 * local time, each hosted by a user of the tenant named by e-mail. Runs when the tenant enables the plugin; an unknown
 * host is reported, not skipped silently.
 */
import type { VisitorsContext } from './visitors-config.ts'
import { dayOf } from './visitors-directory.ts'
import { registerVisit } from './register-visit.ts'

/** One sample visitor. */
interface SampleVisitor {
  name: string
  company?: string
  email?: string
  /** Local time today, `HH:MM`. */
  time: string
  /** E-mail of the host (a user of the tenant). */
  host: string
}

/** Registers the manifest's sample visitors for today. */
export async function seedVisitors(ctx: VisitorsContext, data: unknown): Promise<void> {
  const visitors = ((data ?? {}) as { visitors?: SampleVisitor[] }).visitors ?? []
  const { range } = dayOf(ctx, undefined)
  for (const v of visitors) {
    const [hh, mm] = v.time.split(':').map(Number)
    const host = (await ctx.identity.find({ query: v.host, limit: 5 })).find((u) => u.email.toLowerCase() === v.host.toLowerCase())
    if (!host) throw new Error(`visitors seed: the host ${v.host} of ${v.name} is not a user of this tenant`)
    const expectedAt = new Date(range.start.getTime() + (hh * 60 + mm) * 60_000) // a DST change before then shifts it by an hour: sample data
    await registerVisit(ctx, { name: v.name, company: v.company ?? null, email: v.email ?? null, expectedAt: expectedAt.toISOString(), hostUserId: host.id })
  }
}
