/**
 * `<spaces-location>` (`/spaces/locations/:id`): one location — address, timezone, opening hours per weekday — and
 * its resources with kind, capacity, rules and prices; create and edit both (`spaces-location-dialog`,
 * `spaces-resource-dialog`). Live: refreshes on `spaces.resource.*` and `spaces.location.updated` events.
 */
import { LitElement, html, nothing } from 'lit'
import { api, can, toast, realtime, ProblemError, screenStyles, Subscriptions } from '@tessera/ui-kit'
import type { Problem, RealtimeEvent, TableColumn } from '@tessera/ui-kit'
import { KIND_LABELS, WEEKDAYS, WEEKDAY_NAMES } from './spaces-labels.ts'
import { formatDay, formatPrices } from './spaces-format.ts'
import { spacesPermissions } from '../src/contract/spaces-permissions.ts'
import type { Location, Resource, ResourcePage } from '../src/contract/index.ts'
import './spaces-location-dialog.ts'
import './spaces-resource-dialog.ts'

export class SpacesLocation extends LitElement {
  static styles = [screenStyles]
  static properties = {
    params: { attribute: false },
    location: { state: true },
    resources: { state: true },
    problem: { state: true },
    editingLocation: { state: true },
    resourceDialog: { state: true },
    editingResource: { state: true },
  }
  declare params: Record<string, string>
  declare location: Location | null
  declare resources: Resource[] | null
  declare problem: Problem | null
  declare editingLocation: boolean
  declare resourceDialog: boolean
  declare editingResource: Resource | null
  private readonly subscriptions = new Subscriptions(this)
  private loadedId = ''

  constructor() {
    super()
    this.params = {}
    this.location = null
    this.resources = null
    this.problem = null
    this.editingLocation = false
    this.resourceDialog = false
    this.editingResource = null
  }

  connectedCallback(): void {
    super.connectedCallback()
    const onEvent = (e: RealtimeEvent<{ id: string; locationId?: string }>) => {
      if (e.data.id === this.params.id || e.data.locationId === this.params.id) void this.load()
    }
    this.subscriptions.stops = ['spaces.location.updated', 'spaces.resource.created', 'spaces.resource.updated'].map((n) => realtime().subscribe(n, onEvent))
  }


  protected willUpdate(): void {
    if (this.params.id && this.params.id !== this.loadedId) {
      this.loadedId = this.params.id
      this.location = null
      this.resources = null
      void this.load()
    }
  }

  private async load(): Promise<void> {
    const id = this.params.id
    try {
      const [location, resources] = await Promise.all([
        api<Location>(`/api/v1/spaces/locations/${id}`),
        api<ResourcePage>('/api/v1/spaces/resources', { query: { locationId: id, limit: 200 } }),
      ])
      this.location = location
      this.resources = resources.items
      this.problem = null
    } catch (error) {
      if (error instanceof ProblemError) this.problem = error.problem
      else toast(error)
    }
  }

  private columns: TableColumn<Resource>[] = [
    { key: 'name', label: 'Resource', render: (r) => html`<a class="cell-title" href=${`/spaces/resources/${r.id}`}>${r.name}</a>
        ${r.amenities.length ? html`<div class="cell-sub">${r.amenities.join(' · ')}</div>` : ''}` },
    { key: 'kind', label: 'Kind', render: (r) => KIND_LABELS[r.kind] ?? r.kind },
    { key: 'capacity', label: 'Capacity', align: 'right', render: (r) => String(r.capacity) },
    { key: 'rules', label: 'Rules', render: (r) => html`${r.rules.minMinutes}–${r.rules.maxMinutes} min, ${r.rules.maxDaysAhead} days ahead
        <div class="cell-sub">${r.rules.bookableBy === 'staff' ? 'Staff only' : 'Members and staff'}</div>` },
    { key: 'prices', label: 'Price', align: 'right', render: (r) => formatPrices(r.prices) },
    { key: 'active', label: 'Status', render: (r) => html`<tz-badge variant=${r.active ? 'success' : 'neutral'} dot>${r.active ? 'Active' : 'Inactive'}</tz-badge>` },
    { key: 'actions', label: 'Actions', align: 'right', render: (r) => can(spacesPermissions.write)
        ? html`<div class="cell-actions">
            <tz-button size="sm" variant="ghost" label=${`Edit ${r.name}`} @click=${() => this.editResource(r)}>Edit</tz-button></div>`
        : '' },
  ]

  private editResource(resource: Resource | null): void {
    this.editingResource = resource
    this.resourceDialog = true
  }

  render() {
    if (this.problem) {
      return html`<tz-page-header heading="Location"><a slot="breadcrumbs" href="/spaces">Spaces</a></tz-page-header>
        <tz-alert variant="danger" .problem=${this.problem}></tz-alert>`
    }
    const l = this.location
    if (!l) return html`<tz-spinner label="Loading location"></tz-spinner>`
    const writable = can(spacesPermissions.write)
    const address = [l.address?.line1, l.address?.line2, l.address?.postcode, l.address?.city, l.address?.country].filter(Boolean).join(', ')
    return html`<tz-page-header heading=${l.name} description=${address || l.timezone}>
        <a slot="breadcrumbs" href="/spaces">Spaces</a>
        ${writable
          ? html`<tz-button slot="actions" @click=${() => (this.editingLocation = true)}>Edit location</tz-button>
            <tz-button slot="actions" variant="primary" @click=${() => this.editResource(null)}>New resource</tz-button>`
          : nothing}
      </tz-page-header>
      ${l.active ? nothing : html`<tz-alert variant="warning" heading="This location is inactive">Its resources cannot be booked.</tz-alert>`}
      <div class="section">
        <h2>Opening hours</h2>
        <dl class="facts">
          <dt>Timezone</dt><dd>${l.timezone}</dd>
          ${WEEKDAYS.map((d) => html`<dt>${WEEKDAY_NAMES[d]}</dt><dd>${formatDay(l.openingHours[d])}</dd>`)}
          ${l.closures?.length ? html`<dt>Closures</dt><dd>${l.closures.map((c) => `${c.from} – ${c.to}${c.reason ? ` (${c.reason})` : ''}`).join('; ')}</dd>` : nothing}
        </dl>
      </div>
      <div class="section">
        <h2>Resources</h2>
        ${this.resources?.length === 0
          ? html`<tz-empty-state icon="building" heading="No resources yet" description="Add the meeting rooms, offices, event spaces and hot-desk areas people book here.">
              ${writable ? html`<tz-button variant="primary" @click=${() => this.editResource(null)}>Add a resource</tz-button>` : nothing}
            </tz-empty-state>`
          : html`<tz-table caption="Resources" .columns=${this.columns} .rows=${this.resources ?? []} ?loading=${!this.resources}></tz-table>`}
      </div>
      <spaces-location-dialog .open=${this.editingLocation} .location=${l} @tz-close=${() => (this.editingLocation = false)}
        @spaces-saved=${(e: CustomEvent<Location>) => {
          toast({ variant: 'success', message: `${e.detail.name} saved.` })
          void this.load()
        }}></spaces-location-dialog>
      <spaces-resource-dialog .open=${this.resourceDialog} .locationId=${l.id} .resource=${this.editingResource}
        @tz-close=${() => (this.resourceDialog = false)}
        @spaces-saved=${(e: CustomEvent<Resource>) => {
          toast({ variant: 'success', message: `${e.detail.name} saved.` })
          void this.load()
        }}></spaces-resource-dialog>`
  }
}

customElements.define('spaces-location', SpacesLocation)

