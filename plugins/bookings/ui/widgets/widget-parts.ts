/**
 * What the bookings widgets share: which bookings are active, local times of the day, one booking as a list row
 * (time, who, where, and a Check in button while the server says check-in is open), and the states every widget shows
 * without a location or when loading failed.
 */
import { html, nothing } from 'lit'
import type { DeskBooking, DeskDay } from '../../src/contract/index.ts'
import { localTime } from '../time.ts'
import { STATUS_LABELS, STATUS_VARIANTS } from '../labels.ts'
import type { DeskDaySource } from './desk-day-source.ts'

/** Statuses that hold the slot. */
export const HOLDS = new Set(['confirmed', 'checked_in'])

/** "09:00–10:30" in the day's timezone. */
export const rangeOf = (b: DeskBooking, day: DeskDay) => `${localTime(b.startsAt, day.timezone)}–${localTime(b.endsAt, day.timezone)}`

/** The name a desk reads out: the booker's, else the title, else "Booked". */
export const whoOf = (b: DeskBooking) => b.personName ?? b.title ?? 'Booked'

/** One booking as a row: time, who and where, and a Check in button while it is open — else its status (`status`). */
export function bookingRow(b: DeskBooking, day: DeskDay, source: DeskDaySource, status = true) {
  return html`<li data-booking=${b.id}>
    <span class="item-side">${rangeOf(b, day)}</span>
    <span class="item-main"><div class="item-title">${whoOf(b)}</div><div class="item-sub">${b.resourceName}${b.title && b.personName ? ` · ${b.title}` : ''}</div></span>
    <span class="item-side">${b.checkInOpen
      ? html`<tz-button size="sm" variant="primary" label=${`Check in ${whoOf(b)}`} @click=${() => source.checkIn(b.id, whoOf(b))}>Check in</tz-button>`
      : status ? html`<tz-badge variant=${STATUS_VARIANTS[b.status]} dot>${STATUS_LABELS[b.status]}</tz-badge>` : nothing}</span>
  </li>`
}

/** What a widget shows instead of its body: no location, loading, or a failed load — `nothing` when the day is there. */
export function dayState(locationId: string, source: DeskDaySource) {
  if (!locationId) return html`<p class="quiet">Add a location in Spaces to see its day.</p>`
  if (source.failed && !source.day) return html`<p class="quiet" role="alert">The bookings of today could not be loaded.</p>`
  if (!source.day) return html`<tz-spinner size="16" label="Loading bookings"></tz-spinner>`
  return nothing
}

/** The calendar of the day, as the widgets' footer link. */
export function calendarLink(day: DeskDay, label = 'Open the calendar') {
  return html`<div class="widget-footer"><a href=${`/bookings?location=${day.locationId}&date=${day.date}&view=day`}>${label}</a></div>`
}
