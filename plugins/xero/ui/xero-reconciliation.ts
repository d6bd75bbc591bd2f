/**
 * `<xero-reconciliation>` (`/xero/reconciliation`): Tessera's latest invoices next to what Xero holds for each
 * (status, total, amount due), differences highlighted; "Check Xero now" reads them back from Xero (`xero.manage`).
 */
import { LitElement, html } from 'lit'
import { api, can, toast, screenStyles, formatDateTime } from '@tessera/ui-kit'
import type { TableColumn, Tenant } from '@tessera/ui-kit'
import type { Reconciliation, ReconciliationRow } from '@tessera/plugin-xero/contract'
import { xeroPermissions } from '@tessera/plugin-xero/contract'
import { xeroTabs } from './xero-tabs.ts'

const money = (minor: number) => (minor / 100).toFixed(2)

export class XeroReconciliation extends LitElement {
  static styles = [screenStyles]
  static properties = { tenant: { attribute: false }, data: { state: true }, loading: { state: true } }
  declare tenant: Tenant | null
  declare data: Reconciliation | null
  declare loading: boolean

  constructor() {
    super()
    this.tenant = null
    this.data = null
    this.loading = true
  }

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  private async load(): Promise<void> {
    this.loading = true
    try {
      this.data = await api<Reconciliation>('/api/v1/xero/reconciliation')
    } catch (error) {
      toast(error)
    } finally {
      this.loading = false
    }
  }

  private async refresh(): Promise<void> {
    try {
      await api('/api/v1/xero/reconciliation/refresh', { body: {} })
      toast({ variant: 'success', title: 'Checking Xero', message: 'The comparison updates in a moment.' })
      setTimeout(() => void this.load(), 3000)
    } catch (error) {
      toast(error)
    }
  }

  private cell(r: ReconciliationRow, field: 'status' | 'total' | 'amountDue', label: string) {
    const differs = r.differences.includes(label)
    const t = field === 'status' ? r.tessera.status : money(r.tessera[field])
    const x = r.xero ? (field === 'status' ? r.xero.status : money(r.xero[field])) : '—'
    return html`<span class=${differs ? 'diff' : ''}>${t} / ${x}</span>`
  }

  private columns: TableColumn<ReconciliationRow>[] = [
    { key: 'number', label: 'Invoice', render: (r) => html`<strong>${r.number}</strong>` },
    { key: 'tessera', label: 'Status (Tessera / Xero)', render: (r) => this.cell(r, 'status', 'status') },
    { key: 'xero', label: 'Total', align: 'right', render: (r) => this.cell(r, 'total', 'total') },
    { key: 'invoiceId', label: 'Amount due', align: 'right', render: (r) => this.cell(r, 'amountDue', 'amount due') },
    { key: 'differences', label: 'Differences', render: (r) => (r.differences.length ? html`<tz-badge variant="danger">${r.differences.join(', ')}</tz-badge>` : html`<tz-badge variant="success">matches</tz-badge>`) },
  ]

  render() {
    return html`<style>.diff { background: var(--tz-color-danger-subtle, #fde8e8); font-weight: 600; padding: 0 var(--tz-space-1); }</style>
      <tz-page-header heading="Xero" description=${`Tessera's invoices next to Xero's.${this.data?.checkedAt ? ` Checked ${formatDateTime(this.data.checkedAt)}.` : ''}`}>
        <tz-button slot="actions" ?disabled=${!can(xeroPermissions.manage)} @click=${this.refresh}>Check Xero now</tz-button>
      </tz-page-header>
      ${xeroTabs('/xero/reconciliation')}
      <tz-table caption="Reconciliation" .columns=${this.columns} .rows=${this.data?.rows ?? []} .rowKey=${(r: ReconciliationRow) => r.invoiceId} ?loading=${this.loading && !this.data}
        empty-heading="No invoices yet"></tz-table>`
  }
}

customElements.define('xero-reconciliation', XeroReconciliation)
