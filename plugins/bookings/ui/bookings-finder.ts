/**
 * `<bookings-finder>` (`/bookings/find`, and embedded in "My bookings"): where and when is something free — location,
 * kind, date and length → the free slots from `GET /availability` (the same opening windows and rules booking
 * checks) → Book (`bookings-book-dialog`). Results refresh when a booking event for the location arrives.
 */
import { LitElement, html, css, nothing } from 'lit'
import { api, can, toast, realtime, screenStyles, splitProblem, valueOf, Subscriptions } from '@tessera/ui-kit'
import type { Problem, RealtimeEvent, TableColumn, Tenant } from '@tessera/ui-kit'
import type { Location, Resource, ResourceKind } from '@tessera/plugin-spaces/contract'
import type { Availability, BookingsPermission, Slot } from '../src/contract/index.ts'
import { BOOKING_EVENTS, KIND_LABELS, countOf } from './labels.ts'
import type { Page } from './page.ts'
import { addDays, localDate, localTime } from './time.ts'
import './bookings-book-dialog.ts'

const LENGTHS = [30, 60, 90, 120, 180, 240, 480]

export class BookingsFinder extends LitElement {
  static styles = [
    screenStyles,
    css`
      .search { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: var(--tz-space-4); align-items: end; margin-bottom: var(--tz-space-4); }
      .summary { margin: 0 0 var(--tz-space-3); color: var(--tz-color-text-muted); }
    `,
  ]
  static properties = {
    tenant: { attribute: false },
    embedded: { type: Boolean },
    locations: { state: true },
    resources: { state: true },
    locationId: { state: true },
    kind: { state: true },
    date: { state: true },
    minutes: { state: true },
    result: { state: true },
    busy: { state: true },
    problem: { state: true },
    booking: { state: true },
  }
  declare tenant: Tenant | null
  declare embedded: boolean
  declare locations: Location[] | null
  declare resources: Record<string, Resource>
  declare locationId: string
  declare kind: string
  declare date: string
  declare minutes: number
  declare result: Availability | null
  declare busy: boolean
  declare problem: Problem | null
  declare booking: Slot | null
  private readonly subscriptions = new Subscriptions(this)
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor() {
    super()
    this.tenant = null
    this.embedded = false
    this.locations = null
    this.resources = {}
    this.locationId = ''
    this.kind = ''
    this.date = ''
    this.minutes = 60
    this.result = null
    this.busy = false
    this.problem = null
    this.booking = null
  }

  connectedCallback(): void {
    super.connectedCallback()
    const onEvent = (e: RealtimeEvent<{ locationId?: string }>) => {
      if (this.result && (!e.data?.locationId || e.data.locationId === this.locationId)) {
        clearTimeout(this.timer)
        this.timer = setTimeout(() => void this.search(), 150)
      }
    }
    this.subscriptions.stops = BOOKING_EVENTS.map((n) => realtime().subscribe(n, onEvent))
    void this.init()
  }

  disconnectedCallback(): void {
    super.disconnectedCallback()
    clearTimeout(this.timer)
  }

  private get location(): Location | undefined {
    return this.locations?.find((l) => l.id === this.locationId)
  }

  private async init(): Promise<void> {
    try {
      const [locations, resources] = await Promise.all([
        api<Page<Location>>('/api/v1/spaces/locations', { query: { active: true, limit: 200 } }),
        api<Page<Resource>>('/api/v1/spaces/resources', { query: { active: true, limit: 200 } }),
      ])
      this.locations = locations.items
      this.resources = Object.fromEntries(resources.items.map((r) => [r.id, r]))
      this.locationId = locations.items[0]?.id ?? ''
      const tz = this.location?.timezone ?? 'UTC'
      this.date = localDate(Date.now(), tz)
    } catch (error) {
      this.locations = []
      toast(error)
    }
  }

  private async search(event?: Event): Promise<void> {
    event?.preventDefault()
    if (!this.locationId || !this.date) return
    this.busy = true
    this.problem = null
    try {
      this.result = await api<Availability>('/api/v1/bookings/availability', {
        query: { locationId: this.locationId, kind: this.kind || undefined, from: this.date, slotMinutes: this.minutes },
      })
    } catch (error) {
      this.result = null
      this.problem = splitProblem(error, []).problem
    } finally {
      this.busy = false
    }
  }

  private columns: TableColumn<Slot>[] = [
    { key: 'resource', label: 'Space', render: (s) => html`<span class="cell-title">${this.resources[s.resourceId]?.name ?? 'Resource'}</span>
        <div class="cell-sub">${KIND_LABELS[this.resources[s.resourceId]?.kind as ResourceKind] ?? ''}</div>` },
    { key: 'time', label: 'Time', render: (s) => `${localTime(s.startsAt, this.tz)}–${localTime(s.endsAt, this.tz)}` },
    { key: 'seats', label: 'Free', align: 'right', render: (s) => (this.resources[s.resourceId]?.kind === 'hot_desk_area' ? countOf(s.seatsFree, 'seat') : 'Free') },
    { key: 'book', label: 'Actions', align: 'right', render: (s) => html`<div class="cell-actions"><tz-button size="sm" variant="primary"
        label=${`Book ${this.resources[s.resourceId]?.name ?? ''} ${localTime(s.startsAt, this.tz)}–${localTime(s.endsAt, this.tz)}`}
        @click=${() => (this.booking = s)}>Book</tz-button></div>` },
  ]

  private get tz(): string {
    return this.result?.timezone ?? this.location?.timezone ?? 'UTC'
  }

  render() {
    const heading = this.embedded
      ? nothing
      : html`<tz-page-header heading="Find a free slot" description="Search by place, type, day and length; only slots you can book are listed.">
          <a slot="breadcrumbs" href="/bookings">Calendar</a></tz-page-header>`
    if (this.locations === null) return html`${heading}<tz-spinner label="Loading"></tz-spinner>`
    if (!this.locations.length) return html`${heading}<tz-empty-state icon="building" heading="Nothing to book yet" description="There are no active locations."></tz-empty-state>`
    const kinds = [...new Set(Object.values(this.resources).filter((r) => r.locationId === this.locationId).map((r) => r.kind))]
    const resource = this.booking ? this.resources[this.booking.resourceId] : null
    return html`${heading}
      <form class="search" novalidate @submit=${this.search}>
        <tz-select label="Location" .value=${this.locationId} .options=${this.locations.map((l) => ({ value: l.id, label: l.name }))}
          @change=${(e: Event) => { this.locationId = valueOf(e); this.kind = ''; this.result = null }}></tz-select>
        <tz-select label="Type" .value=${this.kind} .options=${[{ value: '', label: 'Any' }, ...kinds.map((k) => ({ value: k, label: KIND_LABELS[k] }))]}
          @change=${(e: Event) => (this.kind = valueOf(e))}></tz-select>
        <tz-text-field label="Day" type="date" .value=${this.date} min=${localDate(Date.now(), this.tz)} max=${addDays(localDate(Date.now(), this.tz), 365)}
          @change=${(e: Event) => (this.date = valueOf(e))}></tz-text-field>
        <tz-select label="Length" .value=${String(this.minutes)} .options=${LENGTHS.map((m) => ({ value: String(m), label: m < 60 ? `${m} minutes` : `${m / 60} hour${m === 60 ? '' : 's'}` }))}
          @change=${(e: Event) => (this.minutes = Number(valueOf(e)))}></tz-select>
        <tz-button type="submit" variant="primary" ?loading=${this.busy} @click=${() => this.search()}>Find free slots</tz-button>
      </form>
      ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
      ${this.result
        ? html`<p class="summary" aria-live="polite">${this.result.slots.length} free slot${this.result.slots.length === 1 ? '' : 's'} on ${this.result.from} (times in ${this.tz})</p>
            <tz-table caption="Free slots" .columns=${this.columns} .rows=${this.result.slots} .rowKey=${(s: Slot) => `${s.resourceId}:${s.startsAt}`}
              empty-heading="Nothing free" empty-description="Try another day, a shorter length or another type of space."></tz-table>`
        : nothing}
      <bookings-book-dialog .open=${!!this.booking} .resource=${resource} .startsAt=${this.booking?.startsAt ?? ''} .until=${this.booking?.endsAt ?? ''}
        .length=${this.minutes} .timezone=${this.tz} ?staff=${can('bookings.manage' satisfies BookingsPermission)} @tz-close=${() => (this.booking = null)}
        @bookings-booked=${() => {
          toast({ variant: 'success', message: `${resource?.name ?? 'Space'} booked.` })
          void this.search()
        }}></bookings-book-dialog>`
  }
}

customElements.define('bookings-finder', BookingsFinder)
