/**
 * `<bookings-week-grid>`: one resource's week — a column per day Monday–Sunday of `date`'s week, a row per 30
 * minutes spanning the union of that week's opening hours in the location's timezone, closed cells hatched, past cells
 * greyed, a line at the current time in today's column, bookings as blocks. A free cell (or a drag over free cells)
 * fires `bookings-pick` (`{ resource, startsAt, until, length? }`, ISO instants; `until` stops at the next booking or
 * the closing time) for the book dialog; a booking fires `bookings-open`; dragging a booking to another time or day, or
 * its bottom edge, fires `bookings-propose` (a `BookingChange` to confirm). Wall times a DST change skips are hatched
 * rows of that day only; the other days keep their full hours.
 */
import { GridRoving } from './grid-roving.ts'
import { LitElement, html, nothing } from 'lit'
import { gridStyles, bookableUntil, bookingBlock, deskNames, nowPoint, rowSpan, SLOT } from './calendar-grid.ts'
import { GridDrag } from './calendar-drag.ts'
import type { GridSlot } from './calendar-drag.ts'
import { placeBox } from './grid-geometry.ts'
import type { GridCell } from './grid-geometry.ts'
import type { BookingChange } from './bookings-change-dialog.ts'
import { boundaryAt, localDate, longDate, minutesOf, shortDate, slotOpen, slotRows, slotStarts, weekDates, weekLabel, weekdayOf } from './time.ts'
import type { SlotRow } from './time.ts'
import type { Interval, Location, Resource } from '@tessera/plugin-spaces/contract'
import type { Booking } from '../src/contract/index.ts'

/** A slot to book: from `startsAt`, at most until `until`, preferably `length` minutes. */
export interface SlotPick { resource: Resource; startsAt: string; until: string; length?: number }

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

  readonly drag = new GridDrag(this, {
    slotAt: (cell) => this.slotAt(cell),
    bookingOf: (id) => this.bookings.find((b) => b.id === id),
    book: (_resourceId, start, end) => this.pickRange(start, end),
    move: (b, _resourceId, start, end) => this.propose(b, start, end),
    resize: (b, end) => this.propose(b, Date.parse(b.startsAt), end),
  })

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

  /** The week's dates and each day's rows (the same for every render of one week). */
  private columns(): { dates: string[]; rows: SlotRow[][] } {
    const dates = weekDates(this.date)
    const starts = slotStarts(dates.flatMap((d) => this.hours(d)), SLOT)
    return { dates, rows: dates.map((d) => slotRows(d, starts, this.location!.timezone, SLOT)) }
  }

  private slotAt(cell: GridCell): GridSlot | null {
    if (!this.location || !this.resource) return null
    const { dates, rows } = this.columns()
    const row = rows[cell.col]?.[cell.row]
    if (!row) return null
    const open = row.exists && slotOpen(this.hours(dates[cell.col]), minutesOf(row.time), SLOT) && row.endsAt > Date.now()
    return { resourceId: this.resource.id, start: row.startsAt, end: row.endsAt, open }
  }

  /** Whether the resource has no seat left in a row. */
  private full(row: SlotRow): boolean {
    const r = this.resource!
    const used = new Set(this.bookings.filter((b) => b.resourceId === r.id && Date.parse(b.startsAt) < row.endsAt && Date.parse(b.endsAt) > row.startsAt).map((b) => b.seat)).size
    return used >= (r.kind === 'hot_desk_area' ? r.capacity : 1)
  }

  private pick(resource: Resource, date: string, row: SlotRow, length?: number): void {
    const m = minutesOf(row.time)
    const interval = this.hours(date).find((i) => minutesOf(i.from) <= m && m < minutesOf(i.to))
    const closing = boundaryAt(date, interval ? minutesOf(interval.to) : m + SLOT, this.location!.timezone)
    const rows = slotRows(date, slotStarts(weekDates(this.date).flatMap((d) => this.hours(d)), SLOT), this.location!.timezone, SLOT)
      .map((r) => ({ ...r, open: r.exists && slotOpen(this.hours(date), minutesOf(r.time), SLOT) }))
    const index = rows.findIndex((r) => r.startsAt === row.startsAt)
    const until = index < 0 ? closing : bookableUntil(rows, index, (i) => this.full(rows[i]), closing)
    const detail: SlotPick = { resource, startsAt: new Date(row.startsAt).toISOString(), until: new Date(until).toISOString(), ...(length ? { length } : {}) }
    this.dispatchEvent(new CustomEvent('bookings-pick', { detail, bubbles: true, composed: true }))
  }

  private pickRange(start: number, end: number): void {
    const { dates, rows } = this.columns()
    const col = rows.findIndex((day) => day.some((r) => r.startsAt === start))
    const row = rows[col]?.find((r) => r.startsAt === start)
    if (this.resource && row) this.pick(this.resource, dates[col], row, Math.round((end - start) / 60_000))
  }

  private open(b: Booking): void {
    this.dispatchEvent(new CustomEvent('bookings-open', { detail: b, bubbles: true, composed: true }))
  }

  private propose(b: Booking, start: number, end: number): void {
    const r = this.resource
    if (!r || !this.location || end <= start || (start === Date.parse(b.startsAt) && end === Date.parse(b.endsAt))) return
    const detail: BookingChange = {
      booking: b, label: this.names[b.personId] || b.title || 'this', fromResource: { id: r.id, name: r.name }, toResource: { id: r.id, name: r.name },
      startsAt: new Date(start).toISOString(), endsAt: new Date(end).toISOString(), timezone: this.location.timezone,
    }
    this.dispatchEvent(new CustomEvent('bookings-propose', { detail, bubbles: true, composed: true }))
  }

  /** The grid is one Tab stop; the arrow keys move inside it (`grid-roving.ts`). */
  private readonly roving = new GridRoving()

  protected updated(): void {
    this.roving.sync(this.renderRoot.querySelector<HTMLTableElement>('.grid-wrap table'))
    const wrap = this.renderRoot.querySelector<HTMLElement>('.grid-wrap')
    const line = wrap?.querySelector<HTMLElement>('.now-line')
    if (!wrap || !line || !this.location || !this.resource) return
    const { dates, rows } = this.columns()
    const today = dates.indexOf(localDate(Date.now(), this.location.timezone))
    const point = today < 0 ? null : nowPoint(rows[today], Date.now())
    if (point) placeBox(wrap, line, today, point, point)
    else line.hidden = true
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
    const openBooking = (b: Booking) => this.open(b)
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
        const starting = overlapping.filter((b) => Date.parse(b.startsAt) >= row.startsAt || (index === 0 && Date.parse(b.startsAt) < row.startsAt))
        return html`<td class=${past ? 'past desk' : 'desk'} data-date=${date}><button class="free" ?disabled=${past || free <= 0} aria-label=${`${label}, ${free}/${r.capacity} free`}
          @click=${() => this.pick(r, date, row)}><span class="seats">${free}/${r.capacity} free</span></button>${deskNames(starting, this.names, tz, openBooking)}</td>`
      }
      const b = overlapping[0]
      if (b) {
        const span = rowSpan(rows, index, Date.parse(b.endsAt))
        for (let k = 1; k < span; k++) covered.add(`${date}:${index + k}`)
        return html`<td rowspan=${span} data-date=${date} class=${past ? 'past' : ''}>${bookingBlock(b, this.names, tz, openBooking)}</td>`
      }
      if (!open) return html`<td class="closed" data-date=${date}></td>`
      return html`<td class=${past ? 'past' : ''} data-date=${date}><button class="free" ?disabled=${past} aria-label=${label}
        @click=${() => this.pick(r, date, row)}></button></td>`
    }
    return html`<div class="grid-wrap"><table aria-label=${`Bookings of ${r.name} at ${loc.name}, ${weekLabel(this.date)}`} @keydown=${this.roving.onKeydown} @focusin=${this.roving.onFocusin}>
      <thead><tr><th class="time" scope="col">Time</th>${dates.map((d, c) => {
        const closure = this.closure(d)
        const sub = closure ? `Closed${closure.reason ? `: ${closure.reason}` : ''}` : this.hours(d).length ? (d === today ? 'Today' : '') : 'Closed'
        return html`<th scope="col" data-col=${c} data-date=${d} title=${longDate(d)} aria-current=${d === today ? 'date' : nothing}>${shortDate(d)}${sub ? html`<span class="sub">${sub}</span>` : nothing}</th>`
      })}</tr></thead>
      <tbody>${starts.map((_, i) => html`<tr data-row=${i}><th class="time" scope="row">${columns[0][i].time}</th>${dates.map((d, j) => cell(d, columns[j], i))}</tr>`)}</tbody>
    </table><div class="drag-preview" hidden></div><div class="now-line" hidden></div></div>`
  }
}

customElements.define('bookings-week-grid', BookingsWeekGrid)
