/**
 * `<bookings-arrivals-widget>` (dashboard, "Arrivals"): who is expected at the dashboard's location today — how many of
 * today's bookings (confirmed or checked in; no-shows and cancellations aside) have checked in, and the ones still to
 * arrive, soonest first, with a Check in button while their window is open. Live (`DeskDaySource`).
 */
import { html } from 'lit'
import type { DeskDay } from '../../src/contract/index.ts'
import { DeskDayWidget } from './desk-day-widget.ts'
import { HOLDS, bookingRow, calendarLink } from './widget-parts.ts'

const MAX_ROWS = 6

export class BookingsArrivalsWidget extends DeskDayWidget {
  protected renderDay(day: DeskDay) {
    const now = Date.now()
    // bookings of today that expect someone: starting today (not carried over from yesterday), still holding their slot
    const today = day.items.filter((b) => HOLDS.has(b.status) && Date.parse(b.startsAt) >= Date.parse(day.from))
    if (!today.length) return html`<p class="quiet">No one is expected today.</p>`
    const arrived = today.filter((b) => b.status === 'checked_in').length
    const expected = today.filter((b) => b.status === 'confirmed' && Date.parse(b.checkInClosesAt ?? b.endsAt) >= now)
    return html`<div class="figure">${arrived} of ${today.length}</div>
      <div class="figure-label">bookings checked in today</div>
      ${expected.length
        ? html`<h3>Still to arrive</h3><ul class="items" aria-label="Still to arrive">${expected.slice(0, MAX_ROWS).map((b) => bookingRow(b, day, this.source, false))}</ul>`
        : html`<p class="quiet">Everyone expected so far has arrived.</p>`}
      ${calendarLink(day)}`
  }
}

customElements.define('bookings-arrivals-widget', BookingsArrivalsWidget)
