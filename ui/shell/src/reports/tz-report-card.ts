/**
 * `<tz-report-card>`: one report of the Reports screen. It fetches the report's rows from the plugin's route for
 * the screen's range and location, draws them with Chart.js (loaded on demand; the canvas is hidden from assistive
 * technology), keeps a table of the same figures for screen readers (shown to everyone with "Show figures"), offers
 * the CSV download of the same filters, and says so when the range has no figures or the report failed.
 */
import { LitElement, css, html, nothing } from 'lit'
import type { PropertyValues } from 'lit'
import { api, baseStyles } from '@tessera/ui-kit'
import type { TableColumn } from '@tessera/ui-kit'
import type { Chart } from 'chart.js'
import type { ReportSpec } from '../manifest.ts'
import { axisLabel, chartData, csvHref, figureFormatter } from './report-data.ts'
import type { ReportRow } from './report-data.ts'
import { loadChart } from './load-chart.ts'
import { valueAxisOptions } from './value-axis.ts'

/** The filters the screen hands each card. */
export interface ReportFilters {
  from: string
  to: string
  locationId?: string
}

interface ReportAnswer {
  rows: ReportRow[]
  currency?: string
}

const palette = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#dc2626', '#0891b2', '#4d7c0f', '#be185d']

export class TzReportCard extends LitElement {
  static styles = [
    baseStyles,
    css`
      :host {
        position: relative;
        display: block;
        background: var(--tz-color-surface);
        border: 1px solid var(--tz-color-border);
        border-radius: var(--tz-radius-lg);
        padding: var(--tz-space-5);
        min-width: 0;
      }
      header {
        display: flex;
        justify-content: space-between;
        align-items: start;
        gap: var(--tz-space-3);
      }
      h2 {
        font-size: var(--tz-text-lg);
        margin: 0;
      }
      p {
        margin: var(--tz-space-1) 0 0;
        color: var(--tz-color-text-subtle);
        font-size: var(--tz-text-sm);
      }
      .actions {
        display: flex;
        gap: var(--tz-space-3);
        flex-shrink: 0;
        font-size: var(--tz-text-sm);
      }
      .plot {
        position: relative;
        height: 260px;
        margin-top: var(--tz-space-4);
      }
      .state {
        display: grid;
        place-items: center;
        height: 260px;
        margin-top: var(--tz-space-4);
        color: var(--tz-color-text-subtle);
        text-align: center;
      }
      /* read by screen readers, out of sight: full width, so the table's scroll box does not overflow */
      .figures.hidden {
        position: absolute;
        top: 0;
        left: 0;
        width: 100%;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        margin: 0;
      }
      .figures {
        margin-top: var(--tz-space-4);
      }
      button.link {
        background: none;
        border: 0;
        padding: 0;
        color: var(--tz-color-accent, #2563eb);
        cursor: pointer;
        font: inherit;
        text-decoration: underline;
      }
    `,
  ]

  static properties = {
    spec: { attribute: false },
    pluginId: { attribute: 'plugin-id' },
    filters: { attribute: false },
    rows: { state: true },
    currency: { state: true },
    problem: { state: true },
    showFigures: { state: true },
  }

  declare spec: ReportSpec | null
  declare pluginId: string
  declare filters: ReportFilters | null
  declare rows: ReportRow[] | null
  declare currency: string | undefined
  declare problem: string
  declare showFigures: boolean
  /** The drawn chart (null until Chart.js has drawn it, or while the range has no figures). */
  chart: Chart | null = null
  private request = 0

  constructor() {
    super()
    this.spec = null
    this.pluginId = ''
    this.filters = null
    this.rows = null
    this.currency = undefined
    this.problem = ''
    this.showFigures = false
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('filters') || changed.has('spec')) && this.spec && this.filters) void this.load()
  }

  private async load(): Promise<void> {
    const spec = this.spec!
    const filters = this.filters!
    const mine = ++this.request
    this.rows = null
    this.problem = ''
    try {
      const answer = await api<ReportAnswer>(`/api/v1/${this.pluginId}${spec.source}`, { query: { from: filters.from, to: filters.to, locationId: filters.locationId } })
      if (mine !== this.request) return
      this.currency = answer.currency
      this.rows = answer.rows
    } catch (error) {
      if (mine !== this.request) return
      this.problem = error instanceof Error ? error.message : String(error)
    }
  }

  disconnectedCallback(): void {
    super.disconnectedCallback()
    this.chart?.destroy()
    this.chart = null
  }

  protected async updated(): Promise<void> {
    const canvas = this.renderRoot.querySelector('canvas')
    if (!canvas || !this.spec || !this.rows) {
      this.chart?.destroy()
      this.chart = null
      return
    }
    const data = chartData(this.spec, this.rows)
    const format = figureFormatter(this.spec.format, this.currency)
    const datasets = data.series.map((s, i) => ({
      label: s.label, data: s.data, backgroundColor: palette[i % palette.length], borderColor: palette[i % palette.length],
      spanGaps: true, tension: 0.2,
    }))
    const y = valueAxisOptions(this.spec.format, data.series, format)
    const rows = this.rows
    const Chart = await loadChart()
    if (rows !== this.rows || !canvas.isConnected) return   // newer figures arrived while Chart.js loaded
    if (this.chart && this.chart.canvas === canvas) {
      this.chart.data = { labels: data.labels, datasets }
      if (this.chart.options.scales) this.chart.options.scales.y = y
      this.chart.update()
      return
    }
    this.chart?.destroy()
    this.chart = new Chart(canvas, {
      type: this.spec.chart ?? 'bar',
      data: { labels: data.labels, datasets },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        plugins: {
          legend: { display: datasets.length > 1, position: 'bottom' },
          tooltip: { callbacks: { label: (c) => `${c.dataset.label ?? ''}: ${format(c.parsed.y)}` } },
        },
        // counts step by whole numbers; percentages and money keep their wording (value-axis.ts)
        scales: { y },
      },
    })
    this.dispatchEvent(new CustomEvent('tz-report-drawn', { bubbles: true, composed: true }))
  }

  private columns(spec: ReportSpec): TableColumn<ReportRow>[] {
    const format = figureFormatter(spec.format, this.currency)
    const label = (field: string) => field.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase())
    return [
      { key: spec.x, label: label(spec.x), render: (r) => axisLabel(spec, r[spec.x]) },
      ...(spec.series ? [{ key: spec.series, label: label(spec.series) }] : []),
      ...spec.values.map((v) => ({ key: v.field, label: v.label, align: 'right' as const, render: (r: ReportRow) => format(typeof r[v.field] === 'number' ? (r[v.field] as number) : null) })),
    ]
  }

  private body(spec: ReportSpec) {
    if (this.problem) return html`<div class="state" role="alert">This report could not be loaded: ${this.problem}</div>`
    if (!this.rows) return html`<div class="state"><tz-spinner label=${`Loading ${spec.title}`}></tz-spinner></div>`
    if (chartData(spec, this.rows).empty) {
      return html`<div class="state"><div><strong>No figures in this range</strong><p>Pick a longer range or another location.</p></div></div>`
    }
    return html`<div class="plot"><canvas aria-hidden="true"></canvas></div>
      <div class=${this.showFigures ? 'figures' : 'figures hidden'}>
        <tz-table caption=${`${spec.title}, figures`} .columns=${this.columns(spec)} .rows=${this.rows}></tz-table>
      </div>`
  }

  render() {
    const spec = this.spec
    if (!spec || !this.filters) return nothing
    const hasFigures = !!this.rows && !chartData(spec, this.rows).empty
    return html`<header>
        <div>
          <h2>${spec.title}</h2>
          ${spec.description ? html`<p>${spec.description}</p>` : nothing}
        </div>
        <div class="actions">
          ${hasFigures ? html`<button class="link" aria-expanded=${this.showFigures ? 'true' : 'false'} @click=${() => { this.showFigures = !this.showFigures }}>${this.showFigures ? 'Hide figures' : 'Show figures'}</button>` : nothing}
          <a href=${csvHref(this.pluginId, spec, this.filters)} download aria-label=${`Download ${spec.title} as CSV`}>CSV</a>
        </div>
      </header>
      ${this.body(spec)}`
  }
}

customElements.define('tz-report-card', TzReportCard)
