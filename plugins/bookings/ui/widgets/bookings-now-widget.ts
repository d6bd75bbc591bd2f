/**
 * `<bookings-now-widget>` (dashboard, "Now & next"): at the dashboard's location, the bookings under way now and those
 * starting within the next three hours, each with its person and resource, and a Check in button while its window is
 * open. Live (`DeskDaySource`).
 */
import { html, nothing } from 'lit'
import type { DeskDay } from '../../src/contract/index.ts'
import { DeskDayWidget } from './desk-day-widget.ts'
import { HOLDS, bookingRow, calendarLink } from './widget-parts.ts'

const NEXT_HOURS = 3
const MAX_NEXT = 6

export class BookingsNowWidget extends DeskDayWidget {
  protected renderDay(day: DeskDay) {
    const now = Date.now()
    const active = day.items.filter((b) => HOLDS.has(b.status))
    const current = active.filter((b) => Date.parse(b.startsAt) <= now && now < Date.parse(b.endsAt))
    const next = active.filter((b) => Date.parse(b.startsAt) > now && Date.parse(b.startsAt) <= now + NEXT_HOURS * 3_600_000).slice(0, MAX_NEXT)
    if (!current.length && !next.length) {
      return html`<p class="quiet">Nothing is booked now or in the next ${NEXT_HOURS} hours.</p>${calendarLink(day)}`
    }
    return html`${current.length
        ? html`<h3>Now</h3><ul class="items" aria-label="Now">${current.map((b) => bookingRow(b, day, this.source))}</ul>`
        : html`<p class="quiet">Nothing is under way right now.</p>`}
      ${next.length ? html`<h3>Next</h3><ul class="items" aria-label="Next">${next.map((b) => bookingRow(b, day, this.source))}</ul>` : nothing}
      ${calendarLink(day)}`
  }
}

customElements.define('bookings-now-widget', BookingsNowWidget)
