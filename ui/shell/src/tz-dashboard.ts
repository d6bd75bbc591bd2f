/**
 * `<tz-dashboard>`: home for a tenant with dashboard widgets — "today at this location". A location picker (the
 * tenant's active locations, when spaces is enabled; remembered per tenant on this browser) and a responsive grid of
 * the widgets the enabled plugins contribute (`ui.widgets`, already filtered by the kernel for this user), each in a
 * `tz-widget-frame` that hands it the picked location. Widgets load their own data and stay live over the websocket.
 */
import { LitElement, css, html, nothing } from 'lit'
import type { PropertyValues } from 'lit'
import { repeat } from 'lit/directives/repeat.js'
import { baseStyles, valueOf } from '@tessera/ui-kit'
import { dashboardWidgets } from './manifest.ts'
import type { UiManifest } from './manifest.ts'
import type { Session } from './session.ts'
import { currentTenant } from './session.ts'
import { fetchDashboardLocations, rememberLocation, rememberedLocation } from './dashboard-locations.ts'
import type { DashboardLocation } from './dashboard-locations.ts'
import { pageStyles } from './page-styles.ts'
import './tz-widget-frame.ts'

const dayFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long' })

export class TzDashboard extends LitElement {
  static styles = [
    baseStyles,
    pageStyles,
    css`
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        justify-content: space-between;
        gap: var(--tz-space-4);
        margin-bottom: var(--tz-space-5);
      }
      .toolbar tz-select {
        min-width: 240px;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
        grid-auto-flow: dense;
        gap: var(--tz-space-4);
      }
      .m {
        grid-column: span 2;
      }
      .l {
        grid-column: 1 / -1;
      }
      @media (max-width: 900px) {
        .m {
          grid-column: auto;
        }
      }
    `,
  ]
  static properties = {
    session: { attribute: false },
    manifest: { attribute: false },
    locations: { state: true },
    locationId: { state: true },
  }

  declare session: Session | null
  declare manifest: UiManifest | null
  declare locations: DashboardLocation[] | null
  declare locationId: string
  private loadedFor = ''

  constructor() {
    super()
    this.session = null
    this.manifest = null
    this.locations = null
    this.locationId = ''
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    // reload the locations when the tenant (or what it has enabled) changes
    const key = `${this.session?.tenantId ?? ''}:${this.manifest?.plugins.map((p) => p.id).join(',') ?? ''}`
    if ((changed.has('session') || changed.has('manifest')) && key !== this.loadedFor && this.manifest && this.session?.tenantId) {
      this.loadedFor = key
      void this.loadLocations(this.session.tenantId, this.manifest)
    }
  }

  private async loadLocations(tenantId: string, manifest: UiManifest): Promise<void> {
    const locations = await fetchDashboardLocations(manifest)
    if (tenantId !== this.session?.tenantId) return
    this.locations = locations
    this.locationId = rememberedLocation(tenantId, locations)?.id ?? ''
  }

  private pick(id: string): void {
    this.locationId = id
    if (this.session?.tenantId) rememberLocation(this.session.tenantId, id)
  }

  render() {
    const session = this.session
    if (!session || !this.manifest) return nothing
    const tenant = currentTenant(session)
    const locations = this.locations ?? []
    const location = locations.find((l) => l.id === this.locationId)
    const first = session.user.name.split(/\s+/)[0] || session.user.email
    const today = dayFormat.format(new Date())
    const heading = location ? `Today at ${location.name}` : `Today at ${tenant?.name ?? 'your space'}`
    return html`<tz-page-header heading=${heading} description=${`${today} · Welcome, ${first}.`}></tz-page-header>
      ${locations.length > 1
        ? html`<div class="toolbar">
            <tz-select label="Location" .value=${this.locationId} .options=${locations.map((l) => ({ value: l.id, label: l.name }))}
              @change=${(e: Event) => this.pick(valueOf(e))}></tz-select>
          </div>`
        : nothing}
      ${this.locations === null && this.manifest.plugins.some((p) => p.id === 'spaces')
        ? html`<tz-spinner label="Loading the dashboard"></tz-spinner>`
        : html`<div class="grid">
            ${repeat(
              dashboardWidgets(this.manifest),
              (w) => `${w.pluginId}.${w.id}`,
              (w) => html`<tz-widget-frame class=${w.size ?? 's'} data-widget=${`${w.pluginId}.${w.id}`} .widget=${w} plugin-id=${w.pluginId}
                module=${w.module} location-id=${this.locationId} .session=${session}></tz-widget-frame>`,
            )}
          </div>`}`
  }
}

customElements.define('tz-dashboard', TzDashboard)
