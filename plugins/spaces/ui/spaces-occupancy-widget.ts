/**
 * `<spaces-occupancy-widget>` (dashboard, "Occupancy now"): at the dashboard's location, how full the desks and the
 * rooms are right now — seats taken of every hot-desk area, and which rooms, offices and event spaces are in use
 * (until when) or free. The resources are spaces' own; who holds them now comes from the bookings plugin's listing of
 * the bookings overlapping this minute (the browser asks it; spaces itself knows no bookings). Without bookings
 * enabled it says so. Live: on `bookings.booking.*` and `spaces.resource.*` events, and every minute.
 */
import { LitElement, html, nothing } from 'lit'
import type { PropertyValues } from 'lit'
import { api, ProblemError, widgetStyles, LiveData } from '@tessera/ui-kit'
import type { Location, ResourcePage } from '../src/contract/index.ts'

/** What of a booking occupancy needs (the bookings plugin's wire booking; spaces does not depend on bookings). */
interface Held { resourceId: string; seat: number; startsAt: string; endsAt: string; status: string }

const EVENTS = [
  'bookings.booking.created', 'bookings.booking.updated', 'bookings.booking.cancelled', 'bookings.booking.released',
  'spaces.resource.created', 'spaces.resource.updated',
]
const HOLDS = new Set(['confirmed', 'checked_in'])

interface Occupancy {
  timezone: string
  desks: { name: string; taken: number; capacity: number }[]
  rooms: { id: string; name: string; until: string | null }[]
  bookingsEnabled: boolean
}

export class SpacesOccupancyWidget extends LitElement {
  static styles = [widgetStyles]
  static properties = { locationId: { attribute: 'location-id' } }
  declare locationId: string
  private readonly occupancy = new LiveData(this, { events: EVENTS, refreshMs: 60_000, load: () => this.load() })

  constructor() {
    super()
    this.locationId = ''
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locationId') && this.hasUpdated) void this.occupancy.reload(true)
  }

  /** The bookings holding a seat at `now` (null when bookings is not enabled: 404). */
  private async heldNow(now: number): Promise<Held[] | null> {
    try {
      const query = { locationId: this.locationId, from: new Date(now).toISOString(), to: new Date(now + 1000).toISOString(), limit: 200 }
      return (await api<{ items: Held[] }>('/api/v1/bookings/bookings', { query })).items.filter((b) => HOLDS.has(b.status))
    } catch (error) {
      if (error instanceof ProblemError && error.status === 404) return null
      throw error
    }
  }

  private async load(): Promise<Occupancy | null> {
    if (!this.locationId) return null
    const now = Date.now()
    const [location, resources, held] = await Promise.all([
      api<Location>(`/api/v1/spaces/locations/${this.locationId}`),
      api<ResourcePage>('/api/v1/spaces/resources', { query: { locationId: this.locationId, active: true, limit: 200 } }),
      this.heldNow(now),
    ])
    const of = (id: string) => (held ?? []).filter((b) => b.resourceId === id)
    return {
      timezone: location.timezone,
      bookingsEnabled: held !== null,
      desks: resources.items.filter((r) => r.kind === 'hot_desk_area').map((r) => ({ name: r.name, capacity: r.capacity, taken: new Set(of(r.id).map((b) => b.seat)).size })),
      rooms: resources.items.filter((r) => r.kind !== 'hot_desk_area').map((r) => {
        const ends = of(r.id).map((b) => Date.parse(b.endsAt))
        return { id: r.id, name: r.name, until: ends.length ? new Date(Math.max(...ends)).toISOString() : null }
      }),
    }
  }

  render() {
    if (!this.locationId) return html`<p class="quiet">Add a location in Spaces to see its occupancy.</p>`
    const o = this.occupancy.value
    if (!o) return this.occupancy.failed ? html`<p class="quiet" role="alert">The occupancy could not be loaded.</p>` : html`<tz-spinner size="16" label="Loading occupancy"></tz-spinner>`
    if (!o.desks.length && !o.rooms.length) return html`<p class="quiet">This location has no desks or rooms yet.</p>`
    if (!o.bookingsEnabled) return html`<p class="quiet">Enable Bookings to see who is using the ${o.desks.length + o.rooms.length} desks and rooms here.</p>`
    const taken = o.desks.reduce((n, d) => n + d.taken, 0)
    const seats = o.desks.reduce((n, d) => n + d.capacity, 0)
    const inUse = o.rooms.filter((r) => r.until).length
    const until = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: o.timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso))
    const meter = (n: number, of: number, label: string) =>
      html`<div class=${`meter${of && n / of >= 0.85 ? ' high' : ''}`} role="meter" aria-label=${label} aria-valuemin="0" aria-valuemax=${of} aria-valuenow=${n}><span style=${`width: ${of ? Math.round((100 * n) / of) : 0}%`}></span></div>`
    return html`${seats
        ? html`<h3>Desks</h3><div class="figure">${taken} of ${seats}</div><div class="figure-label">desks taken now</div>${meter(taken, seats, 'Desks taken')}`
        : nothing}
      ${o.rooms.length
        ? html`<h3>Rooms</h3><div class="figure">${inUse} of ${o.rooms.length}</div><div class="figure-label">rooms in use now</div>${meter(inUse, o.rooms.length, 'Rooms in use')}
          <ul class="items" aria-label="Rooms">${o.rooms.slice(0, 8).map((r) => html`<li><span class="item-main"><div class="item-title">${r.name}</div></span>
            <span class="item-side">${r.until ? html`<tz-badge variant="accent" dot>In use until ${until(r.until)}</tz-badge>` : html`<tz-badge variant="success" dot>Free</tz-badge>`}</span></li>`)}</ul>`
        : nothing}`
  }
}

customElements.define('spaces-occupancy-widget', SpacesOccupancyWidget)
