/**
 * `<bookings-no-shows-widget>` (dashboard, "No-shows today"): the bookings at the dashboard's location that were
 * released today because nobody checked in — how many, and who, where and when. Live (`DeskDaySource`).
 */
import { html } from 'lit'
import type { DeskDay } from '../../src/contract/index.ts'
import { DeskDayWidget } from './desk-day-widget.ts'
import { bookingRow, calendarLink } from './widget-parts.ts'

export class BookingsNoShowsWidget extends DeskDayWidget {
  protected renderDay(day: DeskDay) {
    const released = day.items.filter((b) => b.status === 'released')
    if (!released.length) return html`<div class="figure">0</div><p class="quiet">No no-shows today.</p>`
    return html`<div class="figure">${released.length}</div>
      <div class="figure-label">booking${released.length === 1 ? '' : 's'} released as no-shows</div>
      <ul class="items" aria-label="No-shows">${released.slice(0, 6).map((b) => bookingRow(b, day, this.source, false))}</ul>
      ${calendarLink(day, 'Book the freed slots')}`
  }
}

customElements.define('bookings-no-shows-widget', BookingsNoShowsWidget)
