/**
 * `<bookings-calendar>` (`/bookings`, staff): a day view of one location — a column per resource, a row per 30
 * minutes of opening hours in the location's timezone, bookings as blocks. A free cell books that slot
 * (`bookings-book-dialog`). Live: every `bookings.booking.*` event of this location re-fetches the day, so open
 * calendars show other people's bookings and cancellations without a reload.
 */
import { LitElement, html, css, nothing } from 'lit'
import { api, toast, realtime, screenStyles, valueOf } from '@tessera/ui-kit'
import type { RealtimeEvent, Tenant } from '@tessera/ui-kit'
import { BOOKING_EVENTS, isStaff } from './types.ts'
import type { Booking, Location, Page, Person, Resource } from './types.ts'
import { addDays, localDate, localTime, longDate, minutesOf, timeOf, weekdayOf, zonedInstant } from './time.ts'
import './bookings-book-dialog.ts'

const SLOT = 30
const ACTIVE = new Set(['confirmed', 'checked_in'])

interface Row { time: string; startsAt: number; endsAt: number; open: boolean }

export class BookingsCalendar extends LitElement {
  static styles = [
    screenStyles,
    css`
      .toolbar { display: flex; flex-wrap: wrap; align-items: end; gap: var(--tz-space-3); margin-bottom: var(--tz-space-4); }
      .toolbar tz-select { min-width: 240px; }
      .day { font-weight: 600; margin: 0 var(--tz-space-2); align-self: center; }
      .grid-wrap { overflow: auto; border: 1px solid var(--tz-color-border); border-radius: var(--tz-radius-lg); background: var(--tz-color-surface); max-height: calc(100vh - 260px); }
      table { border-collapse: separate; border-spacing: 0; width: 100%; table-layout: fixed; }
      th, td { border-bottom: 1px solid var(--tz-color-border); border-right: 1px solid var(--tz-color-border); padding: 0; height: 30px; vertical-align: top; }
      thead th { position: sticky; top: 0; z-index: 2; background: var(--tz-color-surface-subtle); font-size: var(--tz-text-sm); text-align: left; padding: var(--tz-space-2) var(--tz-space-3); height: auto; }
      thead th .sub { display: block; font-weight: 400; color: var(--tz-color-text-muted); font-size: var(--tz-text-xs); }
      th.time { width: 72px; font-family: var(--tz-font-mono); font-size: var(--tz-text-xs); color: var(--tz-color-text-muted); font-weight: 400; text-align: right; padding: 2px var(--tz-space-2) 0; }
      thead th.time { z-index: 3; }
      td.closed { background: repeating-linear-gradient(135deg, var(--tz-color-surface-subtle) 0 6px, var(--tz-color-surface) 6px 12px); }
      td.past button.free { cursor: not-allowed; }
      button.free { all: unset; box-sizing: border-box; display: block; width: 100%; height: 100%; min-height: 29px; cursor: pointer; color: var(--tz-color-text-subtle); font-size: var(--tz-text-xs); padding: 0 var(--tz-space-2); }
      button.free:hover:not([disabled]) { background: var(--tz-color-accent-subtle, #eef); color: var(--tz-color-accent); }
      button.free:focus-visible { outline: none; box-shadow: var(--tz-focus-ring); }
      button.free[disabled] { cursor: default; }
      .block { margin: 2px; height: calc(100% - 4px); box-sizing: border-box; border-radius: var(--tz-radius-md); padding: 4px var(--tz-space-2); background: var(--tz-color-accent); color: white; font-size: var(--tz-text-xs); overflow: hidden; line-height: 1.35; }
      .block.checked_in { background: var(--tz-color-success, #067647); }
      .block strong { display: block; font-size: var(--tz-text-sm); }
      .seats { display: flex; align-items: center; gap: var(--tz-space-2); height: 100%; }
      .legend { display: flex; gap: var(--tz-space-4); margin-top: var(--tz-space-3); font-size: var(--tz-text-sm); color: var(--tz-color-text-muted); }
    `,
  ]
  static properties = {
    tenant: { attribute: false },
    query: { attribute: false },
    locations: { state: true },
    locationId: { state: true },
    date: { state: true },
    resources: { state: true },
    bookings: { state: true },
    names: { state: true },
    live: { state: true },
    booking: { state: true },
    loading: { state: true },
  }
  declare tenant: Tenant | null
  declare query: URLSearchParams
  declare locations: Location[] | null
  declare locationId: string
  declare date: string
  declare resources: Resource[]
  declare bookings: Booking[]
  declare names: Record<string, string>
  declare live: string
  declare booking: { resource: Resource; startsAt: string; until: string } | null
  declare loading: boolean
  private stops: (() => void)[] = []
  private reloadTimer: ReturnType<typeof setTimeout> | undefined

  constructor() {
    super()
    this.tenant = null
    this.query = new URLSearchParams()
    this.locations = null
    this.locationId = ''
    this.date = ''
    this.resources = []
    this.bookings = []
    this.names = {}
    this.live = 'idle'
    this.booking = null
    this.loading = false
  }

  connectedCallback(): void {
    super.connectedCallback()
    const onBooking = (e: RealtimeEvent<{ locationId?: string }>) => {
      if (!e.data?.locationId || e.data.locationId === this.locationId) this.scheduleReload()
    }
    const rt = realtime()
    this.stops = [
      ...BOOKING_EVENTS.map((name) => rt.subscribe(name, onBooking)),
      rt.subscribe('spaces.resource.created', onBooking),
      rt.subscribe('spaces.resource.updated', onBooking),
      rt.onStatus((s) => (this.live = s)),
    ]
    this.live = rt.status
    void this.init()
  }

  disconnectedCallback(): void {
    super.disconnectedCallback()
    for (const stop of this.stops) stop()
    this.stops = []
    clearTimeout(this.reloadTimer)
  }

  private scheduleReload(): void {
    clearTimeout(this.reloadTimer)
    this.reloadTimer = setTimeout(() => void this.loadDay(), 100)
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
      await this.loadDay()
    } catch (error) {
      this.locations = []
      toast(error)
    }
  }

  private syncUrl(): void {
    const url = new URL(location.href)
    url.searchParams.set('location', this.locationId)
    url.searchParams.set('date', this.date)
    history.replaceState(history.state, '', url)
  }

  private async loadDay(): Promise<void> {
    const loc = this.location
    if (!loc || !this.date) return
    this.loading = true
    try {
      const from = zonedInstant(this.date, '00:00', loc.timezone).toISOString()
      const to = zonedInstant(addDays(this.date, 1), '00:00', loc.timezone).toISOString()
      const [resources, bookings] = await Promise.all([
        api<Page<Resource>>('/api/v1/spaces/resources', { query: { locationId: loc.id, active: true, limit: 200 } }),
        api<Page<Booking>>('/api/v1/bookings/bookings', { query: { locationId: loc.id, from, to, limit: 200 } }),
      ])
      if (loc.id !== this.locationId) return
      this.resources = resources.items
      this.bookings = bookings.items.filter((b) => ACTIVE.has(b.status))
      void this.loadNames()
    } catch (error) {
      toast(error)
    } finally {
      this.loading = false
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
    void this.loadDay()
  }

  private closure(loc: Location): { reason?: string } | undefined {
    return loc.closures?.find((c) => c.from <= this.date && this.date <= c.to)
  }

  private rows(loc: Location): Row[] {
    if (this.closure(loc)) return []
    const intervals = loc.openingHours[weekdayOf(this.date)] ?? []
    if (!intervals.length) return []
    const first = Math.min(...intervals.map((i) => minutesOf(i.from)))
    const last = Math.max(...intervals.map((i) => minutesOf(i.to)))
    const rows: Row[] = []
    for (let m = Math.floor(first / SLOT) * SLOT; m < last; m += SLOT) {
      const time = timeOf(m)
      const startsAt = zonedInstant(this.date, time, loc.timezone).getTime()
      const endsAt = zonedInstant(this.date, timeOf(m + SLOT), loc.timezone).getTime()
      const open = intervals.some((i) => minutesOf(i.from) <= m && m + SLOT <= minutesOf(i.to))
      rows.push({ time, startsAt, endsAt, open })
    }
    return rows
  }

  /** End of the opening interval containing `m` minutes (for the longest offered booking). */
  private closingAfter(loc: Location, time: string): string {
    const m = minutesOf(time)
    const interval = (loc.openingHours[weekdayOf(this.date)] ?? []).find((i) => minutesOf(i.from) <= m && m < minutesOf(i.to))
    return zonedInstant(this.date, interval?.to ?? timeOf(m + SLOT), loc.timezone).toISOString()
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
    const cell = (r: Resource, row: Row, index: number) => {
      const key = `${r.id}:${index}`
      if (covered.has(key)) return nothing
      const overlapping = this.bookings.filter((b) => b.resourceId === r.id && Date.parse(b.startsAt) < row.endsAt && Date.parse(b.endsAt) > row.startsAt)
      const past = row.endsAt <= now
      if (r.kind === 'hot_desk_area') {
        const free = r.capacity - new Set(overlapping.map((b) => b.seat)).size
        if (!row.open) return html`<td class="closed"></td>`
        return html`<td class=${past ? 'past' : ''}><button class="free" ?disabled=${past || free <= 0} aria-label=${`Book ${r.name} at ${row.time} (${free} of ${r.capacity} free)`}
          @click=${() => this.openBooking(loc, r, row)}><span class="seats">${free}/${r.capacity} free</span></button></td>`
      }
      const b = overlapping[0]
      if (b) {
        let span = 1
        const end = Date.parse(b.endsAt)
        const rowsLeft = rows.slice(index + 1)
        for (const [k, next] of rowsLeft.entries()) {
          if (next.startsAt >= end) break
          covered.add(`${r.id}:${index + 1 + k}`)
          span++
        }
        const who = b.title || this.names[b.personId] || 'Booked'
        const range = `${localTime(b.startsAt, loc.timezone)}–${localTime(b.endsAt, loc.timezone)}`
        return html`<td rowspan=${span}><div class=${`block ${b.status}`} title=${`${who}, ${range}`} data-booking=${b.id}>
          <strong>${who}</strong>${range}${b.title && this.names[b.personId] ? html`<br />${this.names[b.personId]}` : nothing}</div></td>`
      }
      if (!row.open) return html`<td class="closed"></td>`
      return html`<td class=${past ? 'past' : ''}><button class="free" ?disabled=${past} aria-label=${`Book ${r.name} at ${row.time}`}
        @click=${() => this.openBooking(loc, r, row)}></button></td>`
    }
    return html`<div class="grid-wrap"><table aria-label=${`Bookings at ${loc.name} on ${longDate(this.date)}`}>
      <thead><tr><th class="time" scope="col">Time</th>${this.resources.map((r) => html`<th scope="col">${r.name}<span class="sub">${r.kind === 'hot_desk_area' ? `${r.capacity} desks` : `${r.capacity} seats`}</span></th>`)}</tr></thead>
      <tbody>${rows.map((row, i) => html`<tr><th class="time" scope="row">${row.time}</th>${this.resources.map((r) => cell(r, row, i))}</tr>`)}</tbody>
    </table></div>`
  }

  private openBooking(loc: Location, resource: Resource, row: Row): void {
    this.booking = { resource, startsAt: new Date(row.startsAt).toISOString(), until: this.closingAfter(loc, row.time) }
  }

  render() {
    const loc = this.location
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
                <div class="actions">
                  <tz-button label="Previous day" @click=${() => this.go(addDays(this.date, -1))}>‹</tz-button>
                  <tz-button @click=${() => this.go(localDate(Date.now(), loc.timezone))}>Today</tz-button>
                  <tz-button label="Next day" @click=${() => this.go(addDays(this.date, 1))}>›</tz-button>
                </div>
                <span class="day" aria-live="polite">${longDate(this.date)}</span>
              </div>
              ${this.renderGrid(loc)}
              <div class="legend"><span>Select a free cell to book it.</span><span>${this.bookings.length} booking${this.bookings.length === 1 ? '' : 's'} this day</span></div>`}
      <bookings-book-dialog .open=${!!this.booking} .resource=${this.booking?.resource ?? null} .startsAt=${this.booking?.startsAt ?? ''}
        .until=${this.booking?.until ?? ''} .timezone=${loc?.timezone ?? 'UTC'} ?staff=${isStaff(this.tenant)}
        @tz-close=${() => (this.booking = null)}
        @bookings-booked=${() => {
          toast({ variant: 'success', message: 'Booked.' })
          void this.loadDay()
        }}></bookings-book-dialog>`
  }
}

customElements.define('bookings-calendar', BookingsCalendar)
