/**
 * `visitors.visitor.arrived` (typed by the visitors plugin's contract; visitors need not be installed: then it never
 * arrives): print the visitor's badge on the location's badges printer (`domain/visitor-badge.ts`).
 */
import { on } from '@tessera/sdk'
import { visitorArrived } from '@tessera/plugin-visitors/contract'
import type { AccessContext } from '../domain/access-config.ts'
import { printVisitorBadge } from '../domain/visitor-badge.ts'

/** Prints an arriving visitor's badge. */
export const onVisitorArrived = on(visitorArrived, async (e, ctx: AccessContext) => {
  await printVisitorBadge(ctx, e.payload)
})
