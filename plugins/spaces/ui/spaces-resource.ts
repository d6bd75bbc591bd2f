/**
 * `<spaces-resource>` (`/spaces/resources/:id`): one resource — kind, capacity, amenities, booking rules, prices —
 * with Edit (`spaces-resource-dialog`) and Deactivate / Activate (resources are never deleted).
 */
import { LitElement, html, nothing } from 'lit'
import { api, can, toast, realtime, ProblemError, screenStyles } from '@tessera/ui-kit'
import type { Problem, RealtimeEvent } from '@tessera/ui-kit'
import { KIND_LABELS } from './spaces-labels.ts'
import { formatMoney } from './spaces-format.ts'
import { spacesPermissions } from '../src/contract/spaces-permissions.ts'
import type { Location, Resource } from '../src/contract/index.ts'
import './spaces-resource-dialog.ts'

export class SpacesResource extends LitElement {
  static styles = [screenStyles]
  static properties = {
    params: { attribute: false },
    resource: { state: true },
    location: { state: true },
    problem: { state: true },
    editing: { state: true },
    busy: { state: true },
  }
  declare params: Record<string, string>
  declare resource: Resource | null
  declare location: Location | null
  declare problem: Problem | null
  declare editing: boolean
  declare busy: boolean
  private stop?: () => void
  private loadedId = ''

  constructor() {
    super()
    this.params = {}
    this.resource = null
    this.location = null
    this.problem = null
    this.editing = false
    this.busy = false
  }

  connectedCallback(): void {
    super.connectedCallback()
    this.stop = realtime().subscribe('spaces.resource.updated', (e: RealtimeEvent<{ id: string }>) => {
      if (e.data.id === this.params.id) void this.load()
    })
  }

  disconnectedCallback(): void {
    super.disconnectedCallback()
    this.stop?.()
  }

  protected willUpdate(): void {
    if (this.params.id && this.params.id !== this.loadedId) {
      this.loadedId = this.params.id
      this.resource = null
      void this.load()
    }
  }

  private async load(): Promise<void> {
    try {
      this.resource = await api<Resource>(`/api/v1/spaces/resources/${this.params.id}`)
      this.location = await api<Location>(`/api/v1/spaces/locations/${this.resource.locationId}`)
      this.problem = null
    } catch (error) {
      if (error instanceof ProblemError) this.problem = error.problem
      else toast(error)
    }
  }

  private async setActive(active: boolean): Promise<void> {
    this.busy = true
    try {
      this.resource = await api<Resource>(`/api/v1/spaces/resources/${this.params.id}`, { method: 'PATCH', body: { active } })
      toast({ variant: 'success', message: `${this.resource.name} ${active ? 'activated' : 'deactivated'}.` })
    } catch (error) {
      toast(error)
    } finally {
      this.busy = false
    }
  }

  render() {
    if (this.problem) {
      return html`<tz-page-header heading="Resource"><a slot="breadcrumbs" href="/spaces">Spaces</a></tz-page-header>
        <tz-alert variant="danger" .problem=${this.problem}></tz-alert>`
    }
    const r = this.resource
    if (!r) return html`<tz-spinner label="Loading resource"></tz-spinner>`
    return html`<tz-page-header heading=${r.name} description=${`${KIND_LABELS[r.kind] ?? r.kind}${this.location ? ` at ${this.location.name}` : ''}`}>
        <span slot="breadcrumbs"><a href="/spaces">Spaces</a>${this.location ? html` / <a href=${`/spaces/locations/${this.location.id}`}>${this.location.name}</a>` : nothing}</span>
        ${can(spacesPermissions.write)
          ? html`<tz-button slot="actions" ?loading=${this.busy} @click=${() => this.setActive(!r.active)}>${r.active ? 'Deactivate' : 'Activate'}</tz-button>
            <tz-button slot="actions" variant="primary" @click=${() => (this.editing = true)}>Edit resource</tz-button>`
          : nothing}
      </tz-page-header>
      ${r.active ? nothing : html`<tz-alert variant="warning" heading="Inactive">This resource cannot be booked. Existing bookings stay.</tz-alert>`}
      <div class="section">
        <dl class="facts">
          <dt>Kind</dt><dd>${KIND_LABELS[r.kind] ?? r.kind}</dd>
          <dt>Capacity</dt><dd>${r.capacity}</dd>
          <dt>Amenities</dt><dd>${r.amenities.length ? r.amenities.join(', ') : '—'}</dd>
          <dt>Description</dt><dd>${r.description || '—'}</dd>
          <dt>Booking length</dt><dd>${r.rules.minMinutes}–${r.rules.maxMinutes} minutes</dd>
          <dt>Bookable ahead</dt><dd>${r.rules.maxDaysAhead} days</dd>
          <dt>Who can book</dt><dd>${r.rules.bookableBy === 'staff' ? 'Staff only' : 'Members and staff'}</dd>
          <dt>Price per hour</dt><dd>${formatMoney(r.prices.perHour, r.prices.currency)}</dd>
          <dt>Price per day</dt><dd>${formatMoney(r.prices.perDay, r.prices.currency)}</dd>
          <dt>Credits per hour</dt><dd>${r.prices.creditsPerHour ?? '—'}</dd>
        </dl>
      </div>
      <spaces-resource-dialog .open=${this.editing} .resource=${r} .locationId=${r.locationId} @tz-close=${() => (this.editing = false)}
        @spaces-saved=${(e: CustomEvent<Resource>) => {
          this.resource = e.detail
          toast({ variant: 'success', message: `${e.detail.name} saved.` })
        }}></spaces-resource-dialog>`
  }
}

customElements.define('spaces-resource', SpacesResource)
