/**
 * `<bookings-my>` (`/my-bookings`): member self-service — the finder first (book a room or desk, with its price), then
 * my bookings as Upcoming (under way or later, soonest first) and Past (latest first) tabs, ten to a page, times in
 * each location's timezone; Check in while the server says the window is open, and Cancel (with an optional reason).
 * Live: refreshes on `bookings.booking.*` events (e.g. a no-show release, or staff cancelling).
 */
import { LitElement, html, css, nothing } from 'lit'
import { api, toast, realtime, ProblemError, screenStyles, valueOf, Subscriptions } from '@tessera/ui-kit'
import type { Problem, TableColumn, Tenant } from '@tessera/ui-kit'
import type { Person } from '@tessera/plugin-members/contract'
import type { Location, Resource } from '@tessera/plugin-spaces/contract'
import type { Booking } from '../src/contract/index.ts'
import { BOOKING_EVENTS, STATUS_LABELS, STATUS_VARIANTS } from './labels.ts'
import type { Page } from './page.ts'
import { formatRange } from './time.ts'
import './bookings-finder.ts'

type Tab = 'upcoming' | 'past'
const LIMIT = 10

export class BookingsMy extends LitElement {
  static styles = [
    screenStyles,
    css`
      h2.h { font-size: var(--tz-text-lg); margin: 0 0 var(--tz-space-3); }
      .tabs { display: flex; gap: var(--tz-space-1); border-bottom: 1px solid var(--tz-color-border); margin-bottom: var(--tz-space-3); }
      .tabs button { font: inherit; font-weight: var(--tz-weight-medium); background: none; border: 0; border-bottom: 2px solid transparent; padding: var(--tz-space-2) var(--tz-space-3); cursor: pointer; color: var(--tz-color-text-muted); margin-bottom: -1px; }
      .tabs button[aria-selected='true'] { color: var(--tz-color-text); border-bottom-color: var(--tz-color-accent); }
      .tabs button:focus-visible { outline: none; box-shadow: var(--tz-focus-ring); }
    `,
  ]
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
    tab: { state: true },
    offset: { state: true },
    total: { state: true },
    checkingIn: { state: true },
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
  declare tab: Tab
  declare offset: number
  declare total: number
  declare checkingIn: string
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
    this.tab = 'upcoming'
    this.offset = 0
    this.total = 0
    this.checkingIn = ''
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
    const tab = this.tab
    const offset = this.offset
    // upcoming: every booking not over yet (under way included), soonest first; past: those that ended, latest first
    const now = new Date().toISOString()
    const query = tab === 'upcoming' ? { from: now, order: 'asc' } : { to: now, order: 'desc' }
    try {
      const page = await api<Page<Booking>>('/api/v1/bookings/bookings', { query: { personId: this.me.id, ...query, limit: LIMIT, offset } })
      if (tab !== this.tab || offset !== this.offset) return
      this.bookings = tab === 'past' ? page.items.filter((b) => b.endsAt <= now) : page.items
      this.total = page.total
    } catch (error) {
      toast(error)
    }
  }

  private show(tab: Tab, offset = 0): void {
    this.tab = tab
    this.offset = offset
    this.bookings = null
    void this.load()
  }

  private async checkIn(b: Booking): Promise<void> {
    if (this.checkingIn) return
    this.checkingIn = b.id
    try {
      await api(`/api/v1/bookings/bookings/${b.id}/check-in`, { method: 'POST', body: {} })
      toast({ variant: 'success', message: `Checked in to ${this.resources[b.resourceId]?.name ?? 'your booking'}.` })
      await this.load()
    } catch (error) {
      toast(error)
    } finally {
      this.checkingIn = ''
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
        ? html`<div class="cell-actions">
            ${b.checkInOpen
              ? html`<tz-button size="sm" variant="primary" ?loading=${this.checkingIn === b.id} label=${`Check in to ${this.resources[b.resourceId]?.name ?? 'space'} ${formatRange(b.startsAt, b.endsAt, this.tzOf(b))}`}
                  @click=${() => this.checkIn(b)}>Check in</tz-button>`
              : nothing}
            <tz-button size="sm" variant="ghost" label=${`Cancel booking of ${this.resources[b.resourceId]?.name ?? 'space'} ${formatRange(b.startsAt, b.endsAt, this.tzOf(b))}`}
            @click=${() => { this.cancelling = b; this.reason = ''; this.problem = null }}>Cancel</tz-button></div>`
        : nothing },
  ]

  /** Arrow keys move between the two tabs (the WAI-ARIA tabs pattern). */
  private tabKey(e: KeyboardEvent): void {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return
    e.preventDefault()
    const next: Tab = this.tab === 'upcoming' ? 'past' : 'upcoming'
    this.show(next)
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${next}`)?.focus())
  }

  render() {
    const c = this.cancelling
    return html`<tz-page-header heading="My bookings" description=${this.me ? `Signed in as ${this.me.name}` : 'Your bookings and free rooms'}></tz-page-header>
      ${this.noPerson
        ? html`<tz-alert variant="warning" heading="Your login is not linked to a member">
            Bookings belong to people in Members. Ask the front desk to invite you from your member record.</tz-alert>`
        : html`<div>
            <h2 class="h">Book a room or desk</h2>
            <bookings-finder embedded .tenant=${this.tenant} @bookings-booked=${() => this.show('upcoming')}></bookings-finder>
          </div>
          <div class="section">
            <div class="tabs" role="tablist" aria-label="My bookings">
              ${(['upcoming', 'past'] as const).map((t) => html`<button type="button" role="tab" id=${`tab-${t}`} aria-controls="my-list" aria-selected=${String(this.tab === t)}
                tabindex=${this.tab === t ? 0 : -1} @click=${() => this.show(t)} @keydown=${(e: KeyboardEvent) => this.tabKey(e)}>${t === 'upcoming' ? 'Upcoming' : 'Past'}</button>`)}
            </div>
            <div id="my-list" role="tabpanel" aria-labelledby=${`tab-${this.tab}`}>
              <tz-table caption=${this.tab === 'upcoming' ? 'My upcoming bookings' : 'My past bookings'} .columns=${this.columns} .rows=${this.bookings ?? []} ?loading=${this.bookings === null}
                empty-heading=${this.tab === 'upcoming' ? 'No upcoming bookings' : 'No past bookings'}
                empty-description=${this.tab === 'upcoming' ? 'Find a free room above and book it.' : 'Bookings you have had appear here.'}
                .total=${this.total > LIMIT ? this.total : undefined} .limit=${LIMIT} .offset=${this.offset}
                @tz-page=${(e: CustomEvent<{ offset: number }>) => this.show(this.tab, e.detail.offset)}></tz-table>
            </div>
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
