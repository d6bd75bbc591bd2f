/**
 * Check-in: the window in which a booking can be checked in — from `checkInOpensMinutes` before its start until
 * `checkInGraceMinutes` after it, when a booking still `confirmed` is released as a no-show — and the human answer
 * when someone tries outside it (409), in the location's own wall time. The server decides: every booking the routes
 * answer carries its window and whether check-in is open now (`checkInOpen`), so screens only show the button.
 */
import { problem } from '@tessera/sdk'
import type { Booking } from '../store/booking-store.ts'
import type { BookingsContext } from './bookings-config.ts'

/** The check-in rules of the tenant at an instant. */
export interface CheckInPolicy {
  opensMinutes: number
  graceMinutes: number
  now: number
}

/** The tenant's check-in rules now. */
export function checkInPolicy(ctx: BookingsContext, now = Date.now()): CheckInPolicy {
  const c = ctx.config()
  return { opensMinutes: c.checkInOpensMinutes, graceMinutes: c.checkInGraceMinutes, now }
}

/** The check-in window of a booking starting at `start`: [start − opens, start + grace]. */
export function windowOf(policy: CheckInPolicy, start: Date): { opens: number; closes: number } {
  return { opens: start.getTime() - policy.opensMinutes * 60_000, closes: start.getTime() + policy.graceMinutes * 60_000 }
}

/** Whether `b` can be checked in under `policy`: confirmed and inside its window. */
export function checkInOpen(policy: CheckInPolicy, b: Pick<Booking, 'status' | 'startsAt'>): boolean {
  const { opens, closes } = windowOf(policy, b.startsAt)
  return b.status === 'confirmed' && opens <= policy.now && policy.now <= closes
}

const minutes = (n: number) => `${n} minute${n === 1 ? '' : 's'}`

/** "09:45" in `timeZone`. */
function wallTime(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(at))
}

/** "09:45" today, "Tue 24 Nov, 09:45" on another local day. */
function whenText(at: number, now: number, timeZone: string): string {
  const day = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(t))
  if (day(at) === day(now)) return wallTime(at, timeZone)
  return `${new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(at))}, ${wallTime(at, timeZone)}`
}

/**
 * Throws the 409 a check-in of `b` gets now, in words a front desk can read out — or returns when check-in is open.
 * `timeZone` is the booking's location's.
 */
export function assertCheckInOpen(policy: CheckInPolicy, b: Pick<Booking, 'status' | 'startsAt'>, timeZone: string): void {
  if (b.status === 'released') throw problem.conflict('This booking was released as a no-show, so it cannot be checked in. Book the space again if it is still free.')
  if (b.status === 'cancelled') throw problem.conflict('This booking was cancelled, so it cannot be checked in.')
  const { opens, closes } = windowOf(policy, b.startsAt)
  if (policy.now < opens) {
    throw problem.conflict(`Check-in opens at ${whenText(opens, policy.now, timeZone)} (${timeZone}), ${minutes(policy.opensMinutes)} before the booking starts.`)
  }
  if (policy.now > closes) {
    throw problem.conflict(`Check-in closed at ${whenText(closes, policy.now, timeZone)} (${timeZone}), ${minutes(policy.graceMinutes)} after the start; the booking is released as a no-show.`)
  }
}
