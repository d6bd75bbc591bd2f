/**
 * `<bookings-calendar>` (`/bookings`, staff): one location's calendar, as a Day or a Week (a segmented control).
 * Day: a column per resource, a row per 30 minutes of opening hours in the location's timezone, bookings as blocks,
 * desk areas with the names of who sits there. Week: one resource (picked, the first by default), a column per day
 * Monday–Sunday (`bookings-week-grid`); ‹ › move by a day or a week. Past slots are greyed and today has a line at
 * the current time. A free cell books that slot, and dragging over free cells books the range (`bookings-book-dialog`,
 * lengths up to the next booking or the closing time, with the price); a booking opens its panel
 * (`bookings-booking-panel`: who, what, price, check in, move, extend, cancel); dragging a booking moves it and
 * dragging its bottom edge resizes it — both confirmed with the price difference (`bookings-change-dialog`). Live:
 * every `bookings.booking.*` event of this location re-fetches what is shown, so open calendars show other people's
 * bookings and cancellations without a reload. The URL keeps `location`, `date`, `view` and `resource`.
 */
import { LitElement, html, css, nothing } from 'lit'
import { api, can, toast, realtime, screenStyles, valueOf, Subscriptions } from '@tessera/ui-kit'
import type { RealtimeEvent, Tenant } from '@tessera/ui-kit'
import type { Person } from '@tessera/plugin-members/contract'
import type { Location, Resource } from '@tessera/plugin-spaces/contract'
import type { Booking, BookingsPermission } from '../src/contract/index.ts'
import { BOOKING_EVENTS, countOf } from './labels.ts'
import { GridRoving } from './grid-roving.ts'
import type { Page } from './page.ts'
import { addDays, boundaryAt, localDate, longDate, minutesOf, slotOpen, slotRows, slotStarts, weekdayOf, weekLabel, weekStart } from './time.ts'
import type { SlotRow } from './time.ts'
import { ACTIVE, SLOT, bookableUntil, bookingBlock, deskNames, gridStyles, nowPoint, rowSpan, whoOf } from './calendar-grid.ts'
import { GridDrag } from './calendar-drag.ts'
import type { GridSlot } from './calendar-drag.ts'
import { placeBox } from './grid-geometry.ts'
import type { GridCell } from './grid-geometry.ts'
import type { SlotPick } from './bookings-week-grid.ts'
import type { BookingChange } from './bookings-change-dialog.ts'
import './bookings-book-dialog.ts'
import './bookings-week-grid.ts'
import './bookings-booking-panel.ts'
import './bookings-change-dialog.ts'

type Row = SlotRow & { open: boolean }
type View = 'day' | 'week'

export class BookingsCalendar extends LitElement {
  static styles = [
    screenStyles,
    gridStyles,
    css`
      .toolbar { display: flex; flex-wrap: wrap; align-items: end; gap: var(--tz-space-3); margin-bottom: var(--tz-space-4); }
      .toolbar tz-select { min-width: 240px; }
      .day { font-weight: 600; margin: 0 var(--tz-space-2); align-self: center; }
      .views { display: inline-flex; align-self: end; border: 1px solid var(--tz-color-border-strong); border-radius: var(--tz-radius-sm); overflow: hidden; box-shadow: var(--tz-shadow-xs); }
      .views button { font: inherit; font-size: var(--tz-text-md); font-weight: var(--tz-weight-medium); height: var(--tz-control-height); padding: 0 14px; border: 0; background: var(--tz-color-surface); color: var(--tz-color-text); cursor: pointer; }
      .views button + button { border-left: 1px solid var(--tz-color-border-strong); }
      .views button:hover { background: var(--tz-color-surface-hover); }
      .views button[aria-pressed='true'] { background: var(--tz-color-accent); color: var(--tz-color-text-inverse); }
      .views button:focus-visible { outline: none; box-shadow: var(--tz-focus-ring); position: relative; }
      .legend { display: flex; gap: var(--tz-space-4); margin-top: var(--tz-space-3); font-size: var(--tz-text-sm); color: var(--tz-color-text-muted); }
    `,
  ]
  static properties = {
    tenant: { attribute: false },
    query: { attribute: false },
    locations: { state: true },
    locationId: { state: true },
    date: { state: true },
    view: { state: true },
    resourceId: { state: true },
    resources: { state: true },
    bookings: { state: true },
    names: { state: true },
    live: { state: true },
    booking: { state: true },
    selected: { state: true },
    change: { state: true },
    loading: { state: true },
  }
  declare tenant: Tenant | null
  declare query: URLSearchParams
  declare locations: Location[] | null
  declare locationId: string
  declare date: string
  declare view: View
  /** The week view's resource. */
  declare resourceId: string
  declare resources: Resource[]
  declare bookings: Booking[]
  declare names: Record<string, string>
  declare live: string
  declare booking: SlotPick | null
  /** The booking whose panel is open. */
  declare selected: Booking | null
  /** A move or resize waiting for confirmation. */
  declare change: BookingChange | null
  declare loading: boolean
  private readonly subscriptions = new Subscriptions(this)
  private reloadTimer: ReturnType<typeof setTimeout> | undefined
  private clock: ReturnType<typeof setInterval> | undefined
  /** The location and date the grid was last scrolled to the current time for. */
  private scrolledTo = ''
  /** Dragging on the day grid (the week grid has its own). */
  readonly drag = new GridDrag(this, {
    slotAt: (cell) => this.daySlot(cell),
    bookingOf: (id) => this.bookings.find((b) => b.id === id),
    book: (resourceId, start, end) => this.bookRange(resourceId, start, end),
    move: (b, resourceId, start, end) => this.propose(b, resourceId, start, end),
    resize: (b, end) => this.propose(b, b.resourceId, Date.parse(b.startsAt), end),
  })
  /** Counts loads, so an older response (another day, view or location) never overwrites a newer one. */
  private loads = 0

  constructor() {
    super()
    this.tenant = null
    this.query = new URLSearchParams()
    this.locations = null
    this.locationId = ''
    this.date = ''
    this.view = 'day'
    this.resourceId = ''
    this.resources = []
    this.bookings = []
    this.names = {}
    this.live = 'idle'
    this.booking = null
    this.selected = null
    this.change = null
    this.loading = false
  }

  connectedCallback(): void {
    super.connectedCallback()
    const onBooking = (e: RealtimeEvent<{ locationId?: string }>) => {
      if (!e.data?.locationId || e.data.locationId === this.locationId) this.scheduleReload()
    }
    const rt = realtime()
    this.subscriptions.stops = [
      ...BOOKING_EVENTS.map((name) => rt.subscribe(name, onBooking)),
      rt.subscribe('spaces.resource.created', onBooking),
      rt.subscribe('spaces.resource.updated', onBooking),
      rt.onStatus((s) => (this.live = s)),
    ]
    this.live = rt.status
    // the current-time line and the past slots move on
    this.clock = setInterval(() => this.requestUpdate(), 30_000)
    void this.init()
  }

  disconnectedCallback(): void {
    super.disconnectedCallback()
    clearTimeout(this.reloadTimer)
    clearInterval(this.clock)
  }

  /** The grid is one Tab stop; the arrow keys move inside it (`grid-roving.ts`). */
  private readonly roving = new GridRoving()

  protected updated(): void {
    this.roving.sync(this.renderRoot.querySelector<HTMLTableElement>('.grid-wrap table'))
    // the current-time line of the day grid (the week grid draws its own)
    const wrap = this.renderRoot.querySelector<HTMLElement>('.grid-wrap')
    const line = wrap?.querySelector<HTMLElement>('.now-line')
    const loc = this.location
    if (!wrap || !line || !loc) return
    const point = nowPoint(this.rows(loc), Date.now())
    if (!point) {
      line.hidden = true
      return
    }
    placeBox(wrap, line, 'all', point, point)
    // the first time today is shown, scroll so the current time sits near the top (an hour of the morning above it)
    const key = `${loc.id}:${this.date}`
    if (this.scrolledTo !== key) {
      this.scrolledTo = key
      wrap.scrollTop = Math.max(0, parseFloat(line.style.top) - 120)
    }
  }

  private scheduleReload(): void {
    clearTimeout(this.reloadTimer)
    this.reloadTimer = setTimeout(() => void this.load(), 100)
  }

  private get location(): Location | undefined {
    return this.locations?.find((l) => l.id === this.locationId)
  }

  private async init(): Promise<void> {
    try {
      const page = await api<Page<Location>>('/api/v1/spaces/locations', { query: { active: true, limit: 200 } })
      this.locations = page.items
      const wanted = this.query.get('location')
      this.locationId = page.items.find((l) => l.id === wanted)?.id ?? page.items[0]?.id ?? ''
      const loc = this.location
      this.date = /^\d{4}-\d{2}-\d{2}$/.test(this.query.get('date') ?? '') ? this.query.get('date')! : loc ? localDate(Date.now(), loc.timezone) : ''
      this.view = this.query.get('view') === 'week' ? 'week' : 'day'
      this.resourceId = this.query.get('resource') ?? ''
      await this.load()
    } catch (error) {
      this.locations = []
      toast(error)
    }
  }

  private syncUrl(): void {
    const url = new URL(location.href)
    url.searchParams.set('location', this.locationId)
    url.searchParams.set('date', this.date)
    url.searchParams.set('view', this.view)
    if (this.view === 'week' && this.resourceId) url.searchParams.set('resource', this.resourceId)
    else url.searchParams.delete('resource')
    history.replaceState(history.state, '', url)
  }

  /** The location's resources and the bookings shown: the day's (all resources), or the week's of one resource. */
  private async load(): Promise<void> {
    const loc = this.location
    if (!loc || !this.date) return
    const seq = ++this.loads
    const week = this.view === 'week'
    const first = week ? weekStart(this.date) : this.date
    const from = new Date(boundaryAt(first, 0, loc.timezone)).toISOString()
    const to = new Date(boundaryAt(addDays(first, week ? 6 : 0), 24 * 60, loc.timezone)).toISOString()
    const fetchResources = () => api<Page<Resource>>('/api/v1/spaces/resources', { query: { locationId: loc.id, active: true, limit: 200 } })
    const fetchBookings = (resourceId?: string) =>
      api<Page<Booking>>('/api/v1/bookings/bookings', { query: { locationId: loc.id, ...(resourceId ? { resourceId } : {}), from, to, limit: 200 } })
    this.loading = true
    try {
      let resources: Resource[]
      let bookings: Booking[]
      const known = this.resources.some((r) => r.id === this.resourceId && r.locationId === loc.id)
      if (!week || known) {
        const [rs, bs] = await Promise.all([fetchResources(), fetchBookings(week ? this.resourceId : undefined)])
        resources = rs.items
        bookings = bs.items
      } else {
        // The week needs its resource first: the one asked for (URL) if it is here, else the first.
        resources = (await fetchResources()).items
        const id = resources.find((r) => r.id === this.resourceId)?.id ?? resources[0]?.id
        bookings = id ? (await fetchBookings(id)).items : []
        if (seq === this.loads) this.resourceId = id ?? ''
      }
      if (seq !== this.loads) return
      this.resources = resources
      if (week && !resources.some((r) => r.id === this.resourceId)) {
        // The picked resource was removed meanwhile: start over with the first one.
        this.resourceId = ''
        if (resources.length) return void this.load()
      }
      this.bookings = bookings.filter((b) => ACTIVE.has(b.status) && (!week || b.resourceId === this.resourceId))
      if (week) this.syncUrl()
      void this.loadNames()
    } catch (error) {
      if (seq === this.loads) toast(error)
    } finally {
      if (seq === this.loads) this.loading = false
    }
  }

  /** Names of the people booked (staff may read members); unknown ones stay "Booked". */
  private async loadNames(): Promise<void> {
    const missing = [...new Set(this.bookings.map((b) => b.personId))].filter((id) => !(id in this.names))
    if (!missing.length) return
    const found = await Promise.all(missing.map((id) => api<Person>(`/api/v1/members/people/${id}`).then((p) => [id, p.name] as const, () => [id, ''] as const)))
    this.names = { ...this.names, ...Object.fromEntries(found) }
  }

  private go(date: string): void {
    this.date = date
    this.syncUrl()
    void this.load()
  }

  private setView(view: View): void {
    if (view === this.view) return
    this.view = view
    this.bookings = []
    this.go(this.date)
  }

  private closure(loc: Location): { reason?: string } | undefined {
    return loc.closures?.find((c) => c.from <= this.date && this.date <= c.to)
  }

  private rows(loc: Location): Row[] {
    if (this.closure(loc)) return []
    const intervals = loc.openingHours[weekdayOf(this.date)] ?? []
    return slotRows(this.date, slotStarts(intervals, SLOT), loc.timezone, SLOT)
      .map((row) => ({ ...row, open: row.exists && slotOpen(intervals, minutesOf(row.time), SLOT) }))
  }

  /** What a cell of the day grid is: its resource (column) and the row's instants. */
  private daySlot(cell: GridCell): GridSlot | null {
    const loc = this.location
    const r = this.resources[cell.col]
    const row = loc ? this.rows(loc)[cell.row] : undefined
    if (!r || !row) return null
    return { resourceId: r.id, start: row.startsAt, end: row.endsAt, open: row.open && row.endsAt > Date.now() }
  }

  /** Active bookings of resource `r` overlapping a row. */
  private overlapping(r: Resource, row: { startsAt: number; endsAt: number; exists: boolean }): Booking[] {
    return row.exists ? this.bookings.filter((b) => b.resourceId === r.id && Date.parse(b.startsAt) < row.endsAt && Date.parse(b.endsAt) > row.startsAt) : []
  }

  /** Whether resource `r` has no seat left in a row. */
  private full(r: Resource, row: Row): boolean {
    const used = new Set(this.overlapping(r, row).map((b) => b.seat)).size
    return used >= (r.kind === 'hot_desk_area' ? r.capacity : 1)
  }

  /** Opens the book dialog for `start`..`end` on a resource (a drag over free cells). */
  private bookRange(resourceId: string, start: number, end: number): void {
    const loc = this.location
    const resource = this.resources.find((r) => r.id === resourceId)
    const rows = loc ? this.rows(loc) : []
    const index = rows.findIndex((row) => row.startsAt === start)
    if (!loc || !resource || index < 0) return
    this.booking = { resource, startsAt: new Date(start).toISOString(), until: this.untilFrom(loc, resource, rows, index), length: Math.round((end - start) / 60_000) }
  }

  /** A move or resize of `b` to wait for confirmation. */
  private propose(b: Booking, resourceId: string, start: number, end: number): void {
    const loc = this.location
    const from = this.resources.find((r) => r.id === b.resourceId)
    const to = this.resources.find((r) => r.id === resourceId)
    if (!loc || !from || !to || end <= start) return
    if (start === Date.parse(b.startsAt) && end === Date.parse(b.endsAt) && to.id === from.id) return
    this.change = {
      booking: b, label: this.names[b.personId] || b.title || 'this', fromResource: { id: from.id, name: from.name }, toResource: { id: to.id, name: to.name },
      startsAt: new Date(start).toISOString(), endsAt: new Date(end).toISOString(), timezone: loc.timezone,
    }
  }

  /** The latest end a booking from row `index` may have: the next booking (no seat left) or the closing time. */
  private untilFrom(loc: Location, r: Resource, rows: Row[], index: number): string {
    const closing = Date.parse(this.closingAfter(loc, rows[index].time))
    return new Date(bookableUntil(rows, index, (i) => this.full(r, rows[i]), closing)).toISOString()
  }

  /** End of the opening interval containing `time` (for the longest offered booking). */
  private closingAfter(loc: Location, time: string): string {
    const m = minutesOf(time)
    const interval = (loc.openingHours[weekdayOf(this.date)] ?? []).find((i) => minutesOf(i.from) <= m && m < minutesOf(i.to))
    return new Date(boundaryAt(this.date, interval ? minutesOf(interval.to) : m + SLOT, loc.timezone)).toISOString()
  }

  private renderGrid(loc: Location) {
    const rows = this.rows(loc)
    const closure = this.closure(loc)
    if (closure) {
      return html`<tz-empty-state icon="calendar" heading=${`${loc.name} is closed on ${longDate(this.date)}`}
        description=${closure.reason ? `Closure: ${closure.reason}.` : 'A closure is set for this day.'}></tz-empty-state>`
    }
    if (!rows.length) {
      return html`<tz-empty-state icon="calendar" heading=${`${loc.name} is closed on ${longDate(this.date).split(' ')[0]}`}
        description="Pick another day, or change the opening hours in Spaces."></tz-empty-state>`
    }
    if (!this.resources.length) {
      return html`<tz-empty-state icon="building" heading="Nothing to book here yet" description="Add meeting rooms, offices or desks to this location in Spaces.">
        <tz-button href=${`/spaces/locations/${loc.id}`}>Open ${loc.name}</tz-button></tz-empty-state>`
    }
    const now = Date.now()
    const covered = new Set<string>()
    const open = (b: Booking) => (this.selected = b)
    const cell = (r: Resource, row: Row, index: number) => {
      const key = `${r.id}:${index}`
      if (covered.has(key)) return nothing
      const overlapping = this.overlapping(r, row)
      const past = row.endsAt <= now
      if (r.kind === 'hot_desk_area') {
        const free = r.capacity - new Set(overlapping.map((b) => b.seat)).size
        if (!row.open) return html`<td class="closed"></td>`
        // names of the bookings starting in this row (a booking running on is named where it starts)
        const starting = overlapping.filter((b) => Date.parse(b.startsAt) >= row.startsAt || (index === 0 && Date.parse(b.startsAt) < row.startsAt))
        return html`<td class=${past ? 'past desk' : 'desk'}><button class="free" ?disabled=${past || free <= 0} aria-label=${`Book ${r.name} at ${row.time}, ${free}/${r.capacity} free`}
          @click=${() => this.openBooking(loc, r, row)}><span class="seats">${free}/${r.capacity} free</span></button>${deskNames(starting, this.names, loc.timezone, open)}</td>`
      }
      const b = overlapping[0]
      if (b) {
        const span = rowSpan(rows, index, Date.parse(b.endsAt))
        for (let k = 1; k < span; k++) covered.add(`${r.id}:${index + k}`)
        return html`<td rowspan=${span} class=${past ? 'past' : ''}>${bookingBlock(b, this.names, loc.timezone, open)}</td>`
      }
      if (!row.open) return html`<td class="closed"></td>`
      return html`<td class=${past ? 'past' : ''}><button class="free" ?disabled=${past} aria-label=${`Book ${r.name} at ${row.time}`}
        @click=${() => this.openBooking(loc, r, row)}></button></td>`
    }
    return html`<div class="grid-wrap"><table aria-label=${`Bookings at ${loc.name} on ${longDate(this.date)}`} @keydown=${this.roving.onKeydown} @focusin=${this.roving.onFocusin}>
      <thead><tr><th class="time" scope="col">Time</th>${this.resources.map((r, c) => html`<th scope="col" data-col=${c}>${r.name}<span class="sub">${r.kind === 'hot_desk_area' ? countOf(r.capacity, 'desk') : countOf(r.capacity, 'seat')}</span></th>`)}</tr></thead>
      <tbody>${rows.map((row, i) => html`<tr data-row=${i}><th class="time" scope="row">${row.time}</th>${this.resources.map((r) => cell(r, row, i))}</tr>`)}</tbody>
    </table><div class="drag-preview" hidden></div><div class="now-line" hidden></div></div>`
  }

  private openBooking(loc: Location, resource: Resource, row: Row): void {
    const rows = this.rows(loc)
    const index = rows.findIndex((r) => r.startsAt === row.startsAt)
    this.booking = { resource, startsAt: new Date(row.startsAt).toISOString(), until: index < 0 ? this.closingAfter(loc, row.time) : this.untilFrom(loc, resource, rows, index) }
  }

  render() {
    const loc = this.location
    const week = this.view === 'week'
    const liveBadge = this.live === 'open'
      ? html`<tz-badge slot="actions" variant="success" dot>Live</tz-badge>`
      : html`<tz-badge slot="actions" variant="warning" dot>${this.live === 'connecting' ? 'Connecting…' : 'Offline'}</tz-badge>`
    return html`<tz-page-header heading="Calendar" description=${loc ? `${loc.name} · times in ${loc.timezone}` : 'Bookings per location and day'}>
        ${liveBadge}
        <tz-button slot="actions" href="/bookings/find">Find a free slot</tz-button>
      </tz-page-header>
      ${this.locations === null
        ? html`<tz-spinner label="Loading locations"></tz-spinner>`
        : !loc
          ? html`<tz-empty-state icon="building" heading="No locations yet" description="Create a location and its rooms in Spaces first.">
              <tz-button variant="primary" href="/spaces">Go to Spaces</tz-button></tz-empty-state>`
          : html`<div class="toolbar">
                <tz-select label="Location" .value=${this.locationId} .options=${this.locations.map((l) => ({ value: l.id, label: l.name }))}
                  @change=${(e: Event) => {
                    this.locationId = valueOf(e)
                    this.resources = []
                    this.bookings = []
                    this.go(this.date)
                  }}></tz-select>
                <tz-text-field label="Date" type="date" .value=${this.date} @change=${(e: Event) => {
                  const d = valueOf(e)
                  if (/^\d{4}-\d{2}-\d{2}$/.test(d)) this.go(d)
                }}></tz-text-field>
                ${week
                  ? html`<tz-select label="Resource" .value=${this.resourceId} .options=${this.resources.map((r) => ({ value: r.id, label: r.name }))}
                      ?disabled=${!this.resources.length} @change=${(e: Event) => {
                        this.resourceId = valueOf(e)
                        this.bookings = []
                        this.go(this.date)
                      }}></tz-select>`
                  : nothing}
                <div class="views" role="group" aria-label="View">
                  ${(['day', 'week'] as const).map((v) => html`<button type="button" aria-pressed=${String(this.view === v)} @click=${() => this.setView(v)}>${v === 'day' ? 'Day' : 'Week'}</button>`)}
                </div>
                <div class="actions">
                  <tz-button label=${`Previous ${this.view}`} @click=${() => this.go(addDays(this.date, week ? -7 : -1))}>‹</tz-button>
                  <tz-button @click=${() => this.go(localDate(Date.now(), loc.timezone))}>Today</tz-button>
                  <tz-button label=${`Next ${this.view}`} @click=${() => this.go(addDays(this.date, week ? 7 : 1))}>›</tz-button>
                </div>
                <span class="day" aria-live="polite">${week ? weekLabel(this.date) : longDate(this.date)}</span>
              </div>
              ${week
                ? html`<bookings-week-grid .location=${loc} .resource=${this.resources.find((r) => r.id === this.resourceId) ?? null} .date=${this.date}
                    .bookings=${this.bookings} .names=${this.names} @bookings-pick=${(e: CustomEvent<SlotPick>) => (this.booking = e.detail)}
                    @bookings-open=${(e: CustomEvent<Booking>) => (this.selected = e.detail)}
                    @bookings-propose=${(e: CustomEvent<BookingChange>) => (this.change = e.detail)}></bookings-week-grid>`
                : this.renderGrid(loc)}
              <div class="legend"><span>Select or drag over free cells to book; drag a booking to move it, its bottom edge to change its length.</span><span>${this.bookings.length} booking${this.bookings.length === 1 ? '' : 's'} this ${this.view}</span></div>`}
      <bookings-booking-panel .booking=${this.selected} .resources=${this.resources} .bookings=${this.bookings} .names=${this.names} .timezone=${loc?.timezone ?? 'UTC'}
        @tz-close=${() => (this.selected = null)}
        @bookings-changed=${(e: CustomEvent<Booking>) => {
          toast({ variant: 'success', message: e.detail.status === 'cancelled' ? 'Booking cancelled.' : e.detail.status === 'checked_in' ? `${whoOf(e.detail, this.names)} is checked in.` : 'Booking updated.' })
          void this.load()
        }}
        @bookings-propose=${(e: CustomEvent<BookingChange>) => (this.change = e.detail)}></bookings-booking-panel>
      <bookings-change-dialog .change=${this.change} @tz-close=${() => (this.change = null)}
        @bookings-changed=${() => {
          toast({ variant: 'success', message: 'Booking changed.' })
          void this.load()
        }}></bookings-change-dialog>
      <bookings-book-dialog .open=${!!this.booking} .resource=${this.booking?.resource ?? null} .startsAt=${this.booking?.startsAt ?? ''}
        .until=${this.booking?.until ?? ''} .length=${this.booking?.length ?? 60} .timezone=${loc?.timezone ?? 'UTC'} ?staff=${can('bookings.manage' satisfies BookingsPermission)}
        @tz-close=${() => (this.booking = null)}
        @bookings-booked=${() => {
          toast({ variant: 'success', message: 'Booked.' })
          void this.load()
        }}></bookings-book-dialog>`
  }
}

customElements.define('bookings-calendar', BookingsCalendar)
