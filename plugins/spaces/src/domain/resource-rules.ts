/**
 * Booking rules of a resource: defaults for missing values, and the check that the minimum length does not exceed
 * the maximum.
 */
import type { FieldError } from '@tessera/sdk'
import { DEFAULT_RULES } from '../contract/resource-schemas.ts'
import type { BookingRules } from '../contract/resource-schemas.ts'

/** Fills missing rules from the defaults (and from `previous` on update). */
export function completeRules(rules: Partial<BookingRules> | undefined, previous?: BookingRules): BookingRules {
  return { ...DEFAULT_RULES, ...previous, ...rules }
}

/** Problems of complete rules. */
export function rulesProblems(rules: BookingRules): FieldError[] {
  return rules.minMinutes > rules.maxMinutes ? [{ pointer: '/body/rules/minMinutes', detail: 'must not exceed maxMinutes' }] : []
}
