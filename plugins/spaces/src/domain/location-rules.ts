/**
 * Checks of a location JSON Schema cannot express: a known timezone, opening intervals that start before they end
 * and do not overlap, closures whose start is not after their end. Returns field errors (JSON pointers into the body).
 */
import type { FieldError } from '@tessera/sdk'
import type { Closure, OpeningHours } from '../contract/location-schemas.ts'
import { isValidTimeZone } from './time-zone.ts'

/** Problems of the given location fields (only those present are checked). */
export function locationProblems(f: { timezone?: string; openingHours?: OpeningHours; closures?: Closure[] }): FieldError[] {
  const errors: FieldError[] = []
  if (f.timezone !== undefined && !isValidTimeZone(f.timezone)) {
    errors.push({ pointer: '/body/timezone', detail: `"${f.timezone}" is not an IANA timezone (e.g. Europe/London)` })
  }
  for (const [day, intervals] of Object.entries(f.openingHours ?? {})) {
    const sorted = intervals.map((iv, i) => ({ ...iv, i })).sort((a, b) => a.from.localeCompare(b.from))
    sorted.forEach((iv, k) => {
      if (iv.from >= iv.to) errors.push({ pointer: `/body/openingHours/${day}/${iv.i}`, detail: 'must open before it closes' })
      else if (k > 0 && sorted[k - 1].to > iv.from) errors.push({ pointer: `/body/openingHours/${day}/${iv.i}`, detail: 'overlaps another interval' })
    })
  }
  ;(f.closures ?? []).forEach((c, i) => {
    if (c.from > c.to) errors.push({ pointer: `/body/closures/${i}`, detail: 'must not end before it starts' })
  })
  return errors
}
