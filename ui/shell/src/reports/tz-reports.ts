/**
 * `<tz-reports>`: the Reports screen (`/reports`). A date range and a location (the tenant's active locations when
 * spaces is enabled), kept in the URL (`?from=&to=&location=`), and a card per report the enabled plugins contribute
 * (`ui.reports`, already filtered by the kernel for this user's permissions), each drawn by `tz-report-card`.
 */
import { LitElement, css, html, nothing } from 'lit'
import type { PropertyValues } from 'lit'
import { repeat } from 'lit/directives/repeat.js'
import { baseStyles, navigate, valueOf } from '@tessera/ui-kit'
import { reportSpecs } from '../manifest.ts'
import type { UiManifest } from '../manifest.ts'
import { fetchDashboardLocations } from '../dashboard-locations.ts'
import type { DashboardLocation } from '../dashboard-locations.ts'
import { pageStyles } from '../page-styles.ts'
import type { ReportFilters } from './tz-report-card.ts'
import './tz-report-card.ts'

const day = /^\d{4}-\d{2}-\d{2}$/

/** A local calendar date as `YYYY-MM-DD`. */
function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** The range and location in `search`, or the last four weeks up to today at every location. */
export function reportFilters(search: string, today = new Date()): ReportFilters {
  const q = new URLSearchParams(search)
  const start = new Date(today)
  start.setDate(start.getDate() - 27)
  const from = q.get('from') ?? ''
  const to = q.get('to') ?? ''
  const locationId = q.get('location') ?? ''
  return { from: day.test(from) ? from : isoDay(start), to: day.test(to) ? to : isoDay(today), ...(locationId ? { locationId } : {}) }
}

export class TzReports extends LitElement {
  static styles = [
    baseStyles,
    pageStyles,
    css`
      .filters {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: var(--tz-space-4);
        margin-bottom: var(--tz-space-5);
      }
      .filters tz-select {
        min-width: 220px;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 480px), 1fr));
        gap: var(--tz-space-4);
      }
    `,
  ]

  static properties = {
    manifest: { attribute: false },
    search: { type: String },
    locations: { state: true },
  }

  declare manifest: UiManifest | null
  declare search: string
  declare locations: DashboardLocation[]
  private filters: ReportFilters = reportFilters('')
  private locationsFor: UiManifest | null = null

  constructor() {
    super()
    this.manifest = null
    this.search = ''
    this.locations = []
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('search')) {
      const next = reportFilters(this.search)
      const f = this.filters
      // a new object only when a filter changed, so the cards reload only then
      if (next.from !== f.from || next.to !== f.to || next.locationId !== f.locationId || !this.hasUpdated) this.filters = next
    }
    if (changed.has('manifest') && this.manifest && this.manifest !== this.locationsFor) {
      this.locationsFor = this.manifest
      void fetchDashboardLocations(this.manifest).then((l) => { this.locations = l })
    }
  }

  private set(change: Partial<{ from: string; to: string; location: string }>): void {
    const q = new URLSearchParams({ from: this.filters.from, to: this.filters.to })
    if (this.filters.locationId) q.set('location', this.filters.locationId)
    for (const [k, v] of Object.entries(change)) {
      if (v) q.set(k, v)
      else q.delete(k)
    }
    navigate(`/reports?${q}`, { replace: true })
  }

  render() {
    if (!this.manifest) return nothing
    const reports = reportSpecs(this.manifest)
    const f = this.filters
    const backwards = f.from > f.to
    return html`<tz-page-header heading="Reports" description="Occupancy, revenue and bookings over a range of days. Each report downloads as CSV."></tz-page-header>
      ${reports.length === 0
        ? html`<tz-empty-state icon="activity" heading="No reports for you here"
            description="Reports come with the plugins this space has enabled, for the roles that may read them."></tz-empty-state>`
        : html`<form class="filters" role="search" aria-label="Report filters" @submit=${(e: Event) => e.preventDefault()}>
              <tz-text-field label="From" type="date" .value=${f.from} @change=${(e: Event) => this.set({ from: valueOf(e) })}></tz-text-field>
              <tz-text-field label="To" type="date" .value=${f.to} @change=${(e: Event) => this.set({ to: valueOf(e) })}></tz-text-field>
              ${this.locations.length > 0
                ? html`<tz-select label="Location" placeholder="Every location" .value=${f.locationId ?? ''}
                    .options=${this.locations.map((l) => ({ value: l.id, label: l.name }))}
                    @change=${(e: Event) => this.set({ location: valueOf(e) })}></tz-select>`
                : nothing}
            </form>
            ${backwards
              ? html`<tz-alert variant="warning">The range ends before it starts: pick a "To" day on or after ${f.from}.</tz-alert>`
              : html`<div class="grid">
                  ${repeat(reports, (r) => `${r.pluginId}.${r.id}`, (r) => html`<tz-report-card data-report=${`${r.pluginId}.${r.id}`}
                    plugin-id=${r.pluginId} .spec=${r} .filters=${f}></tz-report-card>`)}
                </div>`}`}`
  }
}

customElements.define('tz-reports', TzReports)
