/**
 * Who a booking is for and what the caller may do. Staff (`bookings.manage`) book for anyone; everyone else books
 * only for the person linked to their own login, found through the members `directory` service. Visibility:
 * `bookings.read` sees every booking of the tenant, others only their own.
 */
import { problem } from '@tessera/sdk'
import type { PluginContext } from '@tessera/sdk'
import { membersDirectory } from '@tessera/plugin-members/contract'
import type { Person } from '@tessera/plugin-members/contract'
import { bookingsPermissions } from '../contract/index.ts'

/** The caller's standing. */
export interface Caller {
  staff: boolean
  seesAll: boolean
  /** The person linked to the caller's login, if any. */
  self?: Person
}

/**
 * Resolves the caller. `bookingFor`: the person a new booking names — staff booking for someone named need not have
 * their own person looked up (one query less on the busiest write), everyone else does.
 */
export async function caller(ctx: PluginContext, bookingFor?: string): Promise<Caller> {
  const actor = ctx.actor()
  const staff = ctx.can(bookingsPermissions.manage)
  const needSelf = actor.type === 'user' && !(staff && bookingFor)
  const self = needSelf ? await ctx.services.get(membersDirectory).personByUserId(actor.id) : undefined
  return { staff, seesAll: ctx.can(bookingsPermissions.read), self }
}

/** The person a new booking is for, enforcing that non-staff book only for themselves and only while active. */
export async function bookingPerson(ctx: PluginContext, who: Caller, requested: string | undefined): Promise<Person> {
  if (who.staff) {
    const id = requested ?? who.self?.id
    if (!id) throw problem.unprocessable('Say who the booking is for.', [{ pointer: '/body/personId', detail: 'is required' }])
    const person = await ctx.services.get(membersDirectory).getPerson(id)
    if (!person) throw problem.unprocessable('No such person.', [{ pointer: '/body/personId', detail: 'no such person' }])
    if (person.status !== 'active') throw problem.unprocessable(`This person is ${person.status} and cannot book.`)
    return person
  }
  if (!who.self) throw problem.forbidden('Your login is not linked to a member record here.')
  if (requested && requested !== who.self.id) throw problem.forbidden('You can only book for yourself.')
  if (who.self.status !== 'active') throw problem.forbidden(`Your membership is ${who.self.status}; you cannot book.`)
  return who.self
}

/** The person filter a listing must apply: undefined = all (staff), otherwise the caller's own person id. */
export function visiblePerson(who: Caller): string | undefined | null {
  if (who.seesAll) return undefined
  return who.self?.id ?? null
}
