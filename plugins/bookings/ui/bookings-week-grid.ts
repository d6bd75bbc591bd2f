/**
 * `<bookings-week-grid>`: one resource's week — a column per day Monday–Sunday of `date`'s week, a row per 30
 * minutes spanning the union of that week's opening hours in the location's timezone, closed cells hatched, bookings
 * as blocks. A free cell fires `bookings-pick` (`{ resource, startsAt, until }`, ISO instants) for the book dialog.
 * Wall times a DST change skips are hatched rows of that day only; the other days keep their full hours.
 */
import { LitElement, html, nothing } from 'lit'
import { gridStyles, bookingBlock, rowSpan, SLOT } from './calendar-grid.ts'
import { boundaryAt, localDate, longDate, minutesOf, shortDate, slotOpen, slotRows, slotStarts, weekDates, weekLabel, weekdayOf } from './time.ts'
import type { SlotRow } from './time.ts'
import type { Interval, Location, Resource } from '@tessera/plugin-spaces/contract'
import type { Booking } from '../src/contract/index.ts'

export interface SlotPick { resource: Resource; startsAt: string; until: string }

export class BookingsWeekGrid extends LitElement {
  static styles = [gridStyles]
  static properties = {
    location: { attribute: false },
    resource: { attribute: false },
    date: { type: String },
    bookings: { attribute: false },
    names: { attribute: false },
  }
  declare location: Location | null
  declare resource: Resource | null
  declare date: string
  declare bookings: Booking[]
  declare names: Record<string, string>

  constructor() {
    super()
    this.location = null
    this.resource = null
    this.date = ''
    this.bookings = []
    this.names = {}
  }

  private closure(date: string): { reason?: string } | undefined {
    return this.location?.closures?.find((c) => c.from <= date && date <= c.to)
  }

  /** Opening hours of a local date (none on a closure). */
  private hours(date: string): Interval[] {
    if (!this.location || this.closure(date)) return []
    return this.location.openingHours[weekdayOf(date)] ?? []
  }

  private pick(resource: Resource, date: string, row: SlotRow): void {
    const m = minutesOf(row.time)
    const interval = this.hours(date).find((i) => minutesOf(i.from) <= m && m < minutesOf(i.to))
    const until = boundaryAt(date, interval ? minutesOf(interval.to) : m + SLOT, this.location!.timezone)
    const detail: SlotPick = { resource, startsAt: new Date(row.startsAt).toISOString(), until: new Date(until).toISOString() }
    this.dispatchEvent(new CustomEvent('bookings-pick', { detail, bubbles: true, composed: true }))
  }

  render() {
    const loc = this.location
    const r = this.resource
    if (!loc || !this.date) return nothing
    const dates = weekDates(this.date)
    const starts = slotStarts(dates.flatMap((d) => this.hours(d)), SLOT)
    if (!starts.length) {
      return html`<tz-empty-state icon="calendar" heading=${`${loc.name} is closed all week (${weekLabel(this.date)})`}
        description="Pick another week, or change the opening hours or closures in Spaces."></tz-empty-state>`
    }
    if (!r) {
      return html`<tz-empty-state icon="building" heading="Nothing to book here yet" description="Add meeting rooms, offices or desks to this location in Spaces.">
        <tz-button href=${`/spaces/locations/${loc.id}`}>Open ${loc.name}</tz-button></tz-empty-state>`
    }
    const tz = loc.timezone
    const now = Date.now()
    const today = localDate(now, tz)
    const columns = dates.map((d) => slotRows(d, starts, tz, SLOT))
    const mine = this.bookings.filter((b) => b.resourceId === r.id)
    const covered = new Set<string>()
    const cell = (date: string, rows: SlotRow[], index: number) => {
      if (covered.has(`${date}:${index}`)) return nothing
      const row = rows[index]
      if (!row.exists) return html`<td class="closed" data-date=${date} title="The clocks change"></td>`
      const overlapping = mine.filter((b) => Date.parse(b.startsAt) < row.endsAt && Date.parse(b.endsAt) > row.startsAt)
      const open = slotOpen(this.hours(date), minutesOf(row.time), SLOT)
      const past = row.endsAt <= now
      const label = `Book ${r.name} on ${shortDate(date)} at ${row.time}`
      if (r.kind === 'hot_desk_area') {
        if (!open) return html`<td class="closed" data-date=${date}></td>`
        const free = r.capacity - new Set(overlapping.map((b) => b.seat)).size
        return html`<td class=${past ? 'past' : ''} data-date=${date}><button class="free" ?disabled=${past || free <= 0} aria-label=${`${label} (${free} of ${r.capacity} free)`}
          @click=${() => this.pick(r, date, row)}><span class="seats">${free}/${r.capacity} free</span></button></td>`
      }
      const b = overlapping[0]
      if (b) {
        const span = rowSpan(rows, index, Date.parse(b.endsAt))
        for (let k = 1; k < span; k++) covered.add(`${date}:${index + k}`)
        return html`<td rowspan=${span} data-date=${date}>${bookingBlock(b, this.names, tz)}</td>`
      }
      if (!open) return html`<td class="closed" data-date=${date}></td>`
      return html`<td class=${past ? 'past' : ''} data-date=${date}><button class="free" ?disabled=${past} aria-label=${label}
        @click=${() => this.pick(r, date, row)}></button></td>`
    }
    return html`<div class="grid-wrap"><table aria-label=${`Bookings of ${r.name} at ${loc.name}, ${weekLabel(this.date)}`}>
      <thead><tr><th class="time" scope="col">Time</th>${dates.map((d) => {
        const closure = this.closure(d)
        const sub = closure ? `Closed${closure.reason ? `: ${closure.reason}` : ''}` : this.hours(d).length ? (d === today ? 'Today' : '') : 'Closed'
        return html`<th scope="col" data-date=${d} title=${longDate(d)} aria-current=${d === today ? 'date' : nothing}>${shortDate(d)}${sub ? html`<span class="sub">${sub}</span>` : nothing}</th>`
      })}</tr></thead>
      <tbody>${starts.map((_, i) => html`<tr><th class="time" scope="row">${columns[0][i].time}</th>${dates.map((d, j) => cell(d, columns[j], i))}</tr>`)}</tbody>
    </table></div>`
  }
}

customElements.define('bookings-week-grid', BookingsWeekGrid)
