/**
 * `<access-printers>` (`/printers`): the site printers with their live state — idle, printing, stopped, out of paper,
 * offline, or their agent offline — updated in place from `access.printer.status-changed`, their purposes (the ones a
 * printer is its location's default for marked), a "Print test page" button (holders of `access.print`), and the
 * latest print jobs with their state and the printer's reason, reloaded on `access.print-job.updated`; an open job
 * can be cancelled.
 */
import { html, css, nothing } from 'lit'
import { api, can, toast, realtime, formatDateTime } from '@tessera/ui-kit'
import type { TableColumn } from '@tessera/ui-kit'
import { AccessScreen, locationNames } from './access-screen.ts'
import { accessPermissions } from '../src/contract/access-permissions.ts'
import type { PrintJob, Printer, PrinterStatusChange, agentStatusChanged, printJobUpdated, printerStatusChanged } from '../src/contract/index.ts'

type Page<T> = { items: T[] }
type Variant = 'neutral' | 'accent' | 'success' | 'warning' | 'danger'

const when = (iso: string | null) => (iso ? formatDateTime(iso) : '—')

const PRINTER_STATES: Record<string, [string, Variant]> = {
  idle: ['Idle', 'success'], processing: ['Printing', 'accent'], stopped: ['Stopped', 'warning'], 'media-empty': ['Out of paper', 'warning'], offline: ['Offline', 'danger'],
}
const JOB_STATES: Record<PrintJob['state'], [string, Variant]> = {
  queued: ['Queued', 'neutral'], sent: ['Sent', 'accent'], printing: ['Printing', 'accent'], completed: ['Printed', 'success'], failed: ['Failed', 'danger'], cancelled: ['Cancelled', 'neutral'],
}

export class AccessPrinters extends AccessScreen {
  static styles = css`
    :host { display: block; }
    .section { margin-top: var(--tz-space-8); }
    .section h2 { font-size: var(--tz-text-lg); margin: 0 0 var(--tz-space-3); }
  `
  static properties = { printers: { state: true }, jobs: { state: true }, locations: { state: true } }
  declare printers: Printer[] | null
  declare jobs: PrintJob[]
  declare locations: Record<string, string>

  constructor() {
    super()
    this.printers = null
    this.jobs = []
    this.locations = {}
  }

  connectedCallback(): void {
    super.connectedCallback()
    this.subscriptions.stops = [
      realtime().subscribe<PrinterStatusChange>('access.printer.status-changed' satisfies typeof printerStatusChanged.name, (e) => this.applyState(e.data)),
      realtime().subscribe('access.print-job.updated' satisfies typeof printJobUpdated.name, () => this.reloadSoon()),
      realtime().subscribe('access.agent.status-changed' satisfies typeof agentStatusChanged.name, () => this.reloadSoon()),
    ]
    void this.load()
  }

  private applyState(s: PrinterStatusChange): void {
    if (!this.printers) return
    this.printers = this.printers.map((p) => (p.id === s.printerId ? { ...p, state: s.state, stateReasons: s.reasons } : p))
  }

  protected async load(): Promise<void> {
    try {
      const [printers, jobs, locations] = await Promise.all([
        api<Page<Printer>>('/api/v1/access/printers', { query: { limit: 200 } }),
        api<Page<PrintJob>>('/api/v1/access/print-jobs', { query: { limit: 20 } }),
        locationNames(),
      ])
      this.printers = printers.items
      this.jobs = jobs.items
      this.locations = locations
    } catch (error) {
      toast(error)
      this.printers ??= []
    }
  }

  private act(key: string, run: () => Promise<unknown>, done: string): Promise<void> {
    return this.whileBusy(key, async () => {
      await run()
      toast({ variant: 'success', message: done })
      this.reloadSoon()
    })
  }

  private testPage(p: Printer): Promise<void> {
    return this.act(p.id, () => api(`/api/v1/access/printers/${p.id}/test-page`, { method: 'POST', body: {}, headers: { 'idempotency-key': crypto.randomUUID() } }),
      `Test page sent to ${p.name}.`)
  }

  private cancel(j: PrintJob): Promise<void> {
    return this.act(j.id, () => api(`/api/v1/access/print-jobs/${j.id}/cancel`, { method: 'POST', body: {} }), `Cancelling "${j.title}".`)
  }

  private printerName(id: string | null): string {
    return this.printers?.find((p) => p.id === id)?.name ?? '—'
  }

  private columns: TableColumn<Printer>[] = [
    { key: 'name', label: 'Printer', render: (p) => html`<span class="cell-title">${p.name}</span><div class="cell-sub">${this.locations[p.locationId] ?? ''}</div>` },
    { key: 'state', label: 'State', render: (p) => {
      if (!p.agentConnected) return html`<tz-badge variant="danger" dot>Agent offline</tz-badge>`
      const [label, variant] = PRINTER_STATES[p.state ?? ''] ?? ['Unknown', 'neutral' as Variant]
      return html`<tz-badge variant=${variant} dot>${label}</tz-badge>${p.stateReasons.length ? html`<div class="cell-sub">${p.stateReasons.join(', ')}</div>` : nothing}`
    } },
    { key: 'purposes', label: 'Purposes', render: (p) => html`<div class="cell-tags">${p.purposes.map((u) => html`<tz-badge variant=${p.defaultFor.includes(u) ? 'accent' : 'neutral'}>${u}${p.defaultFor.includes(u) ? ' (default)' : ''}</tz-badge>`)}</div>` },
    { key: 'device', label: 'Device', render: (p) => html`<span class="cell-mono">${p.deviceId}</span><div class="cell-sub">${p.driver}</div>` },
    { key: 'actions', label: 'Actions', align: 'right', render: (p) => (can(accessPermissions.print) ? html`<div class="cell-actions">
        <tz-button size="sm" variant="secondary" label=${`Print test page on ${p.name}`} ?loading=${this.busy.has(p.id)} @click=${() => this.testPage(p)}>Print test page</tz-button></div>` : nothing) },
  ]

  private jobColumns: TableColumn<PrintJob>[] = [
    { key: 'at', label: 'Queued', render: (j) => when(j.createdAt) },
    { key: 'title', label: 'Job', render: (j) => html`<span class="cell-title">${j.title}</span><div class="cell-sub">${this.printerName(j.printerId)} · ${j.source}</div>` },
    { key: 'state', label: 'State', render: (j) => {
      const [label, variant] = JOB_STATES[j.state]
      const why = [j.reason, j.message].filter(Boolean).join(': ')
      return html`<tz-badge variant=${variant} dot>${label}</tz-badge>${j.state === 'queued' && j.attempts ? html` <span class="cell-muted">retry ${j.attempts}</span>` : nothing}
        ${why ? html`<div class=${j.state === 'failed' ? 'cell-danger' : 'cell-sub'}>${why}</div>` : nothing}`
    } },
    { key: 'actions', label: 'Actions', align: 'right', render: (j) => (can(accessPermissions.print) && !j.finishedAt && !j.cancelRequested ? html`<div class="cell-actions">
        <tz-button size="sm" variant="secondary" label=${`Cancel ${j.title}`} ?loading=${this.busy.has(j.id)} @click=${() => this.cancel(j)}>Cancel</tz-button></div>` : nothing) },
  ]

  render() {
    return html`<tz-page-header heading="Printers" description="Printers of the site agents, their state and the latest print jobs."></tz-page-header>
      <tz-table caption="Printers" .columns=${this.columns} .rows=${this.printers ?? []} ?loading=${this.printers === null}
        empty-heading="No printers yet" empty-description="Register a printer of a site agent through the API (POST /api/v1/access/printers)."></tz-table>
      <div class="section"><h2>Latest print jobs</h2>
        <tz-table caption="Latest print jobs" .columns=${this.jobColumns} .rows=${this.jobs} empty-heading="No print jobs yet"></tz-table></div>`
  }
}

customElements.define('access-printers', AccessPrinters)
