/**
 * `<spaces-locations>` (`/spaces`): the tenant's locations with timezone, today's opening hours and resource count,
 * a search, pagination, an empty state, and "New location" (`spaces-location-dialog`). Live: refreshes on
 * `spaces.location.*` events.
 */
import { LitElement, html, nothing } from 'lit'
import { api, can, toast, navigate, realtime, screenStyles, valueOf, Subscriptions } from '@tessera/ui-kit'
import type { TableColumn, Tenant } from '@tessera/ui-kit'
import { WEEKDAYS } from './spaces-labels.ts'
import { formatDay } from './spaces-format.ts'
import { spacesPermissions } from '../src/contract/spaces-permissions.ts'
import type { Location, LocationPage } from '../src/contract/index.ts'
import './spaces-location-dialog.ts'

const LIMIT = 20

export class SpacesLocations extends LitElement {
  static styles = [screenStyles]
  static properties = {
    tenant: { attribute: false },
    page: { state: true },
    loading: { state: true },
    q: { state: true },
    offset: { state: true },
    creating: { state: true },
  }
  declare tenant: Tenant | null
  declare page: LocationPage | null
  declare loading: boolean
  declare q: string
  declare offset: number
  declare creating: boolean
  private readonly subscriptions = new Subscriptions(this)
  private searchTimer: ReturnType<typeof setTimeout> | undefined

  constructor() {
    super()
    this.tenant = null
    this.page = null
    this.loading = true
    this.q = ''
    this.offset = 0
    this.creating = false
  }

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
    this.subscriptions.stops = ['created', 'updated', 'deleted'].map((n) => realtime().subscribe(`spaces.location.${n}`, () => void this.load()))
  }


  private async load(): Promise<void> {
    this.loading = true
    try {
      this.page = await api<LocationPage>('/api/v1/spaces/locations', { query: { q: this.q || undefined, limit: LIMIT, offset: this.offset } })
    } catch (error) {
      toast(error)
    } finally {
      this.loading = false
    }
  }

  private columns: TableColumn<Location>[] = [
    { key: 'name', label: 'Location', render: (l) => html`<a class="cell-title" href=${`/spaces/locations/${l.id}`}>${l.name}</a>
        ${l.address?.city ? html`<div class="cell-sub">${[l.address.line1, l.address.city].filter(Boolean).join(', ')}</div>` : ''}` },
    { key: 'timezone', label: 'Timezone', render: (l) => html`<span class="cell-mono">${l.timezone}</span>` },
    { key: 'hours', label: 'Opening hours today', render: (l) => formatDay(l.openingHours[todayIn(l.timezone)]) },
    { key: 'resourceCount', label: 'Resources', align: 'right', render: (l) => String(l.resourceCount ?? '—') },
    { key: 'active', label: 'Status', render: (l) => html`<tz-badge variant=${l.active ? 'success' : 'neutral'} dot>${l.active ? 'Active' : 'Inactive'}</tz-badge>` },
  ]

  render() {
    const empty = !this.loading && this.page?.total === 0 && !this.q
    const writable = can(spacesPermissions.write)
    return html`<tz-page-header heading="Spaces" description=${`Locations and bookable resources${this.tenant ? ` of ${this.tenant.name}` : ''}`}>
        ${writable ? html`<tz-button slot="actions" variant="primary" @click=${() => (this.creating = true)}>New location</tz-button>` : nothing}
      </tz-page-header>
      ${empty
        ? html`<tz-empty-state icon="building" heading="No locations yet"
            description="Add your first location with its timezone and opening hours, then the rooms and desks people book.">
            ${writable ? html`<tz-button variant="primary" @click=${() => (this.creating = true)}>Add a location</tz-button>` : nothing}
          </tz-empty-state>`
        : html`<div class="row" style="margin-bottom: var(--tz-space-4); max-width: 420px">
              <tz-text-field label="Search locations" type="search" .value=${this.q} @input=${(e: Event) => {
                this.q = valueOf(e)
                this.offset = 0
                clearTimeout(this.searchTimer)
                this.searchTimer = setTimeout(() => void this.load(), 250)
              }}></tz-text-field>
            </div>
            <tz-table caption="Locations" .columns=${this.columns} .rows=${this.page?.items ?? []} .rowKey=${(l: Location) => l.id}
              ?loading=${this.loading && !this.page} empty-heading="No matching locations" .total=${this.page?.total ?? 0}
              .limit=${LIMIT} .offset=${this.offset}
              @tz-page=${(e: CustomEvent<{ offset: number }>) => {
                this.offset = e.detail.offset
                void this.load()
              }}></tz-table>`}
      <spaces-location-dialog .open=${this.creating} @tz-close=${() => (this.creating = false)}
        @spaces-saved=${(e: CustomEvent<Location>) => {
          toast({ variant: 'success', message: `${e.detail.name} created.` })
          navigate(`/spaces/locations/${e.detail.id}`)
        }}></spaces-location-dialog>`
  }
}

/** The weekday key of "today" in `timezone`. */
function todayIn(timezone: string): (typeof WEEKDAYS)[number] {
  try {
    const short = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: timezone }).format(new Date()).toLowerCase().slice(0, 3)
    return (WEEKDAYS as readonly string[]).includes(short) ? (short as (typeof WEEKDAYS)[number]) : 'mon'
  } catch {
    return 'mon'
  }
}

customElements.define('spaces-locations', SpacesLocations)
