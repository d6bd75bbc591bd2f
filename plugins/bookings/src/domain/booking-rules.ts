/**
 * The rules a booking must satisfy before the database is even asked: an active resource, who may book it, minimum
 * and maximum length, how far ahead, not in the past for self-service, and inside the location's opening hours in its
 * own timezone (closures included). Violations are 422 problems naming each broken rule; overlaps are left to the
 * exclusion constraint (409).
 */
import { problem } from '@tessera/sdk'
import type { Db, FieldError } from '@tessera/sdk'
import type { CatalogResource } from '@tessera/plugin-spaces/contract'
import { windowsAround, insideOneWindow } from './opening-windows.ts'

/** Tolerance for a self-service booking whose start has just passed (clock skew, slow click). */
export const PAST_TOLERANCE_MS = 5 * 60_000

/** Problems of `[start, end)` on `resource` for a staff or self-service caller at `now`. */
export async function ruleProblems(db: Db, resource: CatalogResource, start: number, end: number, staff: boolean, now = Date.now()): Promise<FieldError[]> {
  const errors: FieldError[] = []
  const rules = resource.rules
  if (!resource.active || !resource.location.active) errors.push({ pointer: '/body/resourceId', detail: 'this resource cannot be booked at the moment' })
  if (!staff && rules.bookableBy === 'staff') errors.push({ pointer: '/body/resourceId', detail: 'only staff can book this resource' })
  if (end <= start) return [...errors, { pointer: '/body/endsAt', detail: 'must be after startsAt' }]
  const minutes = (end - start) / 60_000
  if (!Number.isInteger(minutes)) errors.push({ pointer: '/body/endsAt', detail: 'bookings are in whole minutes' })
  if (minutes < rules.minMinutes) errors.push({ pointer: '/body/endsAt', detail: `must be at least ${rules.minMinutes} minutes` })
  if (minutes > rules.maxMinutes) errors.push({ pointer: '/body/endsAt', detail: `must be at most ${rules.maxMinutes} minutes` })
  if (start > now + rules.maxDaysAhead * 86_400_000) errors.push({ pointer: '/body/startsAt', detail: `can be at most ${rules.maxDaysAhead} days ahead` })
  if (!staff && start < now - PAST_TOLERANCE_MS) errors.push({ pointer: '/body/startsAt', detail: 'is in the past' })
  if (!insideOneWindow(await windowsAround(db, resource.location, start, end), start, end)) {
    errors.push({ pointer: '/body/startsAt', detail: `is outside the opening hours of ${resource.location.name} (${resource.location.timezone})` })
  }
  return errors
}

/** Throws a 422 problem when `[start, end)` breaks a rule. */
export async function assertRules(db: Db, resource: CatalogResource, start: number, end: number, staff: boolean): Promise<void> {
  const errors = await ruleProblems(db, resource, start, end, staff)
  if (errors.length) throw problem.unprocessable('The booking breaks the rules of this resource.', errors)
}
