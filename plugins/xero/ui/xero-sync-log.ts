/**
 * `<xero-sync-log>` (`/xero/sync-log`): every document mirrored into Xero with its state — pending, synced (with the
 * Xero id) or failed (with Xero's validation message) — filtered by state, with "Retry" on a failed one (`xero.manage`).
 * Live on `xero.document.*`.
 */
import { LitElement, html, nothing } from 'lit'
import { api, can, realtime, toast, screenStyles, Subscriptions, formatDateTime } from '@tessera/ui-kit'
import type { TableColumn, Tenant } from '@tessera/ui-kit'
import type { SyncDocument, SyncDocumentPage, SyncState } from '@tessera/plugin-xero/contract'
import { xeroPermissions } from '@tessera/plugin-xero/contract'
import { xeroTabs } from './xero-tabs.ts'

const LIMIT = 25
const KIND_LABELS: Record<SyncDocument['kind'], string> = { contact: 'Contact', invoice: 'Invoice', credit_note: 'Credit note', payment: 'Payment' }
const STATE_VARIANTS: Record<SyncState, string> = { pending: 'warning', synced: 'success', failed: 'danger' }

export class XeroSyncLog extends LitElement {
  static styles = [screenStyles]
  static properties = { tenant: { attribute: false }, page: { state: true }, filter: { state: true }, offset: { state: true }, loading: { state: true } }
  declare tenant: Tenant | null
  declare page: SyncDocumentPage | null
  declare filter: SyncState | ''
  declare offset: number
  declare loading: boolean
  private readonly subscriptions = new Subscriptions(this)
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor() {
    super()
    this.tenant = null
    this.page = null
    this.filter = ''
    this.offset = 0
    this.loading = true
  }

  connectedCallback(): void {
    super.connectedCallback()
    const reload = () => {
      clearTimeout(this.timer)
      this.timer = setTimeout(() => void this.load(), 200)
    }
    this.subscriptions.stops = ['xero.document.synced', 'xero.document.failed'].map((n) => realtime().subscribe(n, reload))
    void this.load()
  }

  disconnectedCallback(): void {
    super.disconnectedCallback()
    clearTimeout(this.timer)
  }

  private async load(): Promise<void> {
    this.loading = true
    try {
      this.page = await api<SyncDocumentPage>('/api/v1/xero/documents', { query: { limit: LIMIT, offset: this.offset, state: this.filter || undefined } })
    } catch (error) {
      toast(error)
    } finally {
      this.loading = false
    }
  }

  private async retry(d: SyncDocument): Promise<void> {
    try {
      await api(`/api/v1/xero/documents/${d.id}/retry`, { body: {} })
      await this.load()
    } catch (error) {
      toast(error)
    }
  }

  private setFilter(state: SyncState | ''): void {
    this.filter = state
    this.offset = 0
    void this.load()
  }

  private columns: TableColumn<SyncDocument>[] = [
    { key: 'kind', label: 'Document', render: (d) => html`${KIND_LABELS[d.kind]} <strong>${d.label || d.tesseraId.slice(0, 8)}</strong>` },
    { key: 'state', label: 'State', render: (d) => html`<tz-badge variant=${STATE_VARIANTS[d.state]} dot data-state=${d.state}>${d.state}</tz-badge>` },
    { key: 'xeroId', label: 'In Xero / message', render: (d) => (d.state === 'failed' ? html`<span class="error" role="note">${d.error}</span>` : html`<code class="muted">${d.xeroId ?? '—'}</code>`) },
    { key: 'updatedAt', label: 'Changed', render: (d) => formatDateTime(d.updatedAt) },
    { key: 'id', label: '', align: 'right', render: (d) => (d.state === 'failed' && can(xeroPermissions.manage) ? html`<tz-button size="sm" @click=${() => this.retry(d)} aria-label=${`Retry ${d.label}`}>Retry</tz-button>` : nothing) },
  ]

  render() {
    const counts = this.page?.counts
    const filters: [SyncState | '', string][] = [['', 'All'], ['pending', `Pending (${counts?.pending ?? 0})`], ['synced', `Synced (${counts?.synced ?? 0})`], ['failed', `Failed (${counts?.failed ?? 0})`]]
    return html`<style>
        .filters { display: flex; gap: var(--tz-space-2); margin-bottom: var(--tz-space-4); }
        .error { color: var(--tz-color-danger, #b42318); }
      </style>
      <tz-page-header heading="Xero" description="What was written to Xero, what waits, and what Xero refused — with its message."></tz-page-header>
      ${xeroTabs('/xero/sync-log')}
      <div class="filters" role="group" aria-label="Filter by state">
        ${filters.map(([s, label]) => html`<tz-button variant=${this.filter === s ? 'primary' : 'secondary'} size="sm" aria-pressed=${this.filter === s ? 'true' : 'false'} @click=${() => this.setFilter(s)}>${label}</tz-button>`)}
      </div>
      <tz-table caption="Sync log" .columns=${this.columns} .rows=${this.page?.items ?? []} .rowKey=${(d: SyncDocument) => d.id} ?loading=${this.loading && !this.page}
        empty-heading="Nothing synced yet" empty-description="Connect Xero and issue an invoice, or start the first sync."
        .total=${this.page?.total ?? 0} .limit=${LIMIT} .offset=${this.offset}
        @tz-page=${(ev: CustomEvent<{ offset: number }>) => { this.offset = ev.detail.offset; void this.load() }}></tz-table>`
  }
}

customElements.define('xero-sync-log', XeroSyncLog)
