/**
 * The `directory` service ref and interface: how other plugins read the tenant's visitors — today's list (a badge
 * printer's queue, a dashboard widget, a Wi-Fi voucher check) and one visitor. Every call runs on the caller's tenant
 * transaction, under RLS.
 */
import { defineServiceRef } from '@tessera/sdk'
import type { Visitor, VisitorStatus } from './visitor-schemas.ts'

/** The visitors directory, as other plugins see it. @public */
export interface VisitorsDirectory {
  /**
   * The visitors expected, arrived or left on `date` (`YYYY-MM-DD`, default today in the plugin's configured timezone),
   * ordered by expected time; cancelled registrations only when `status` asks for them. At most `limit` (1–500,
   * default 200).
   */
  listToday(options?: { date?: string; status?: VisitorStatus; hostUserId?: string; limit?: number }): Promise<Visitor[]>
  /** A visitor of the current tenant, or `undefined` (another tenant's id included). */
  get(visitorId: string): Promise<Visitor | undefined>
}

/**
 * The ref of the visitors plugin's `directory` service: consumers declare `dependsOn: { visitors: '^1.0.0' }` (or
 * `optionalDependsOn`), `consumes: [visitorsDirectory]` and call `ctx.services.get(visitorsDirectory)`. @public
 */
export const visitorsDirectory = defineServiceRef<VisitorsDirectory>({ plugin: 'visitors', id: 'directory', version: '^1.0.0' })
