/**
 * `<bookings-my>` (`/my-bookings`): member self-service — my upcoming bookings (times in each location's
 * timezone), cancel one (with an optional reason), and book a room with the embedded finder. Live: refreshes on
 * `bookings.booking.*` events (e.g. a no-show release, or staff cancelling).
 */
import { LitElement, html, nothing } from 'lit'
import { api, toast, realtime, ProblemError, screenStyles, valueOf, Subscriptions } from '@tessera/ui-kit'
import type { Problem, TableColumn, Tenant } from '@tessera/ui-kit'
import type { Person } from '@tessera/plugin-members/contract'
import type { Location, Resource } from '@tessera/plugin-spaces/contract'
import type { Booking } from '../src/contract/index.ts'
import { BOOKING_EVENTS, STATUS_LABELS, STATUS_VARIANTS } from './labels.ts'
import type { Page } from './page.ts'
import { formatRange, zonedInstant, localDate } from './time.ts'
import './bookings-finder.ts'

export class BookingsMy extends LitElement {
  static styles = [screenStyles]
  static properties = {
    tenant: { attribute: false },
    me: { state: true },
    noPerson: { state: true },
    bookings: { state: true },
    resources: { state: true },
    locations: { state: true },
    cancelling: { state: true },
    reason: { state: true },
    busy: { state: true },
    problem: { state: true },
  }
  declare tenant: Tenant | null
  declare me: Person | null
  declare noPerson: boolean
  declare bookings: Booking[] | null
  declare resources: Record<string, Resource>
  declare locations: Record<string, Location>
  declare cancelling: Booking | null
  declare reason: string
  declare busy: boolean
  declare problem: Problem | null
  private readonly subscriptions = new Subscriptions(this)
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor() {
    super()
    this.tenant = null
    this.me = null
    this.noPerson = false
    this.bookings = null
    this.resources = {}
    this.locations = {}
    this.cancelling = null
    this.reason = ''
    this.busy = false
    this.problem = null
  }

  connectedCallback(): void {
    super.connectedCallback()
    this.subscriptions.stops = BOOKING_EVENTS.map((n) => realtime().subscribe(n, () => {
      clearTimeout(this.timer)
      this.timer = setTimeout(() => void this.load(), 150)
    }))
    void this.init()
  }

  disconnectedCallback(): void {
    super.disconnectedCallback()
    clearTimeout(this.timer)
  }

  private async init(): Promise<void> {
    try {
      this.me = await api<Person>('/api/v1/members/me')
    } catch (error) {
      if (error instanceof ProblemError && error.status === 404) this.noPerson = true
      else toast(error)
    }
    try {
      const [resources, locations] = await Promise.all([
        api<Page<Resource>>('/api/v1/spaces/resources', { query: { limit: 200 } }),
        api<Page<Location>>('/api/v1/spaces/locations', { query: { limit: 200 } }),
      ])
      this.resources = Object.fromEntries(resources.items.map((r) => [r.id, r]))
      this.locations = Object.fromEntries(locations.items.map((l) => [l.id, l]))
    } catch (error) {
      toast(error)
    }
    await this.load()
  }

  private async load(): Promise<void> {
    if (!this.me) {
      this.bookings = []
      return
    }
    try {
      // From the start of today (UTC is close enough for a list; each row shows local times).
      const from = zonedInstant(localDate(Date.now(), 'UTC'), '00:00', 'UTC').toISOString()
      const page = await api<Page<Booking>>('/api/v1/bookings/bookings', { query: { personId: this.me.id, from, limit: 100 } })
      this.bookings = page.items.sort((a, b) => a.startsAt.localeCompare(b.startsAt))
    } catch (error) {
      toast(error)
    }
  }

  private async cancel(): Promise<void> {
    const b = this.cancelling
    if (!b || this.busy) return
    this.busy = true
    this.problem = null
    try {
      await api(`/api/v1/bookings/bookings/${b.id}/cancel`, { method: 'POST', body: this.reason.trim() ? { reason: this.reason.trim() } : {} })
      toast({ variant: 'success', message: 'Booking cancelled.' })
      this.cancelling = null
      await this.load()
    } catch (error) {
      if (error instanceof ProblemError) this.problem = error.problem
      else toast(error)
    } finally {
      this.busy = false
    }
  }

  private tzOf(b: Booking): string {
    return this.locations[b.locationId]?.timezone ?? 'UTC'
  }

  private columns: TableColumn<Booking>[] = [
    { key: 'when', label: 'When', render: (b) => html`<span class="cell-title">${formatRange(b.startsAt, b.endsAt, this.tzOf(b))}</span>
        <div class="cell-sub">${this.tzOf(b)}</div>` },
    { key: 'resource', label: 'Space', render: (b) => html`${this.resources[b.resourceId]?.name ?? 'Resource'}
        <div class="cell-sub">${this.locations[b.locationId]?.name ?? ''}</div>` },
    { key: 'title', label: 'Title', render: (b) => b.title ?? '—' },
    { key: 'status', label: 'Status', render: (b) => html`<tz-badge variant=${STATUS_VARIANTS[b.status]} dot>${STATUS_LABELS[b.status]}</tz-badge>` },
    { key: 'actions', label: 'Actions', align: 'right', render: (b) => b.status === 'confirmed' && Date.parse(b.endsAt) > Date.now()
        ? html`<div class="cell-actions"><tz-button size="sm" variant="ghost" label=${`Cancel booking of ${this.resources[b.resourceId]?.name ?? 'space'} ${formatRange(b.startsAt, b.endsAt, this.tzOf(b))}`}
            @click=${() => { this.cancelling = b; this.reason = ''; this.problem = null }}>Cancel</tz-button></div>`
        : nothing },
  ]

  render() {
    const c = this.cancelling
    return html`<tz-page-header heading="My bookings" description=${this.me ? `Signed in as ${this.me.name}` : 'Your bookings and free rooms'}></tz-page-header>
      ${this.noPerson
        ? html`<tz-alert variant="warning" heading="Your login is not linked to a member">
            Bookings belong to people in Members. Ask the front desk to invite you from your member record.</tz-alert>`
        : html`<div>
            <tz-table caption="My upcoming bookings" .columns=${this.columns} .rows=${this.bookings ?? []} ?loading=${this.bookings === null}
              empty-heading="No upcoming bookings" empty-description="Find a free room below and book it."></tz-table>
          </div>
          <div class="section">
            <h2>Book a room</h2>
            <bookings-finder embedded .tenant=${this.tenant} @bookings-booked=${() => void this.load()}></bookings-finder>
          </div>`}
      <tz-dialog size="sm" .open=${!!c} heading="Cancel this booking?"
        description=${c ? `${this.resources[c.resourceId]?.name ?? 'Space'}, ${formatRange(c.startsAt, c.endsAt, this.tzOf(c))}` : ''}
        @tz-close=${() => (this.cancelling = null)}>
        ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
        <tz-text-field label="Reason (optional)" maxlength="500" .value=${this.reason} @input=${(e: Event) => (this.reason = valueOf(e))}></tz-text-field>
        <tz-button slot="footer" @click=${() => (this.cancelling = null)}>Keep booking</tz-button>
        <tz-button slot="footer" variant="danger" ?loading=${this.busy} @click=${() => this.cancel()}>Cancel booking</tz-button>
      </tz-dialog>`
  }
}

customElements.define('bookings-my', BookingsMy)
