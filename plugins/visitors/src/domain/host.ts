/**
 * Who hosts a visit: always a user of the tenant (the kernel's identity, `ctx.identity`), never a record of another
 * plugin. A caller without `visitors.manage` registers their own guests (host = themselves: naming someone else is a
 * 403); front-desk staff may name any user of the tenant (an unknown one is a 422 on `/body/hostUserId`).
 */
import { problem } from '@tessera/sdk'
import type { IdentityUser } from '@tessera/sdk'
import { visitorsPermissions } from '../contract/index.ts'
import type { VisitorsContext } from './visitors-config.ts'

/** The host of a new registration, checked. */
export async function resolveHost(ctx: VisitorsContext, requested: string | undefined): Promise<IdentityUser> {
  const actor = ctx.actor()
  const self = actor.type === 'user' ? actor.id : undefined
  const staff = ctx.can(visitorsPermissions.manage)
  if (!staff && requested !== undefined && requested !== self) {
    throw problem.forbidden('You can register only your own guests: leave out the host, or ask the front desk.')
  }
  const id = requested ?? self
  if (!id) throw problem.unprocessable('Name the host of the visit.', [{ pointer: '/body/hostUserId', detail: 'is required when the caller is not a user' }])
  const host = await ctx.identity.get(id)
  if (!host) throw problem.unprocessable('The host must be a user of this space.', [{ pointer: '/body/hostUserId', detail: 'is not a user of this space' }])
  return host
}

/** Whether the caller may see and cancel `visit` (staff, or its host). */
export function mayActOn(ctx: VisitorsContext, visit: { hostUserId: string }, staffPermission: string): boolean {
  const actor = ctx.actor()
  return ctx.can(staffPermission) || (actor.type === 'user' && actor.id === visit.hostUserId)
}
