/**
 * `<billing-overdue>` (`/billing/overdue`, `billing.read`): the dunning view — issued invoices past their due date,
 * longest overdue first, with the payer, what is due, days overdue, the dunning step (off-session attempts made) and
 * the last payment received. Staff with `billing.manage` retry the saved card (`POST /invoices/:id/charge`, one
 * `Idempotency-Key` per click); a decline moves dunning on exactly as the scheduled retry would.
 */
import { LitElement, html, nothing } from 'lit'
import { api, toast, screenStyles } from '@tessera/ui-kit'
import type { TableColumn } from '@tessera/ui-kit'
import { canManage, day, idempotencyKey, money } from './shared.ts'
import type { Page } from './shared.ts'

interface OverdueInvoice {
  id: string; number: string | null; payerType: string; payerId: string; payerName: string; currency: string
  amountDue: number; dueOn: string; daysOverdue: number; paymentAttempts: number; lastPaymentAt: string | null
}

export class BillingOverdue extends LitElement {
  static styles = [screenStyles]
  static properties = { rows: { state: true }, total: { state: true }, loading: { state: true }, busy: { state: true } }
  declare rows: OverdueInvoice[]
  declare total: number
  declare loading: boolean
  declare busy: string | null

  constructor() {
    super()
    this.rows = []
    this.total = 0
    this.loading = true
    this.busy = null
  }

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  private async load(): Promise<void> {
    try {
      const page = await api<Page<OverdueInvoice>>('/api/v1/billing/dunning', { query: { limit: 100 } })
      this.rows = page.items
      this.total = page.total
    } catch (error) {
      toast(error)
    } finally {
      this.loading = false
    }
  }

  private async retry(r: OverdueInvoice): Promise<void> {
    this.busy = r.id
    try {
      const res = await api<{ outcome: string; declineCode?: string; nextAttemptAt?: string | null }>(`/api/v1/billing/invoices/${r.id}/charge`, { method: 'POST', body: {}, headers: { 'Idempotency-Key': idempotencyKey() } })
      toast(res.outcome === 'succeeded' ? { variant: 'success', title: `${r.number} paid by the saved card.` }
        : res.outcome === 'declined' ? { variant: 'warning', title: `The card was declined (${res.declineCode ?? 'declined'}).`, ...(res.nextAttemptAt ? { description: `Next retry ${day(res.nextAttemptAt)}.` } : {}) }
        : { variant: 'info', title: 'Nothing is due any more.' })
      await this.load()
    } catch (error) {
      toast(error)
    } finally {
      this.busy = null
    }
  }

  private columns: TableColumn<OverdueInvoice>[] = [
    { key: 'number', label: 'Invoice', render: (r) => html`<a class="cell-title" href=${`/billing/invoices/${r.id}`}>${r.number}</a>` },
    { key: 'payer', label: 'Payer', render: (r) => html`${r.payerName}${r.payerType === 'organisation' ? html`<div class="cell-sub">Organisation</div>` : nothing}` },
    { key: 'amountDue', label: 'Due', align: 'right', render: (r) => money(r.amountDue, r.currency) },
    { key: 'dueOn', label: 'Due date', render: (r) => html`${day(r.dueOn)}<div class="cell-sub">${r.daysOverdue === 1 ? '1 day' : `${r.daysOverdue} days`} overdue</div>` },
    { key: 'step', label: 'Dunning step', render: (r) => (r.paymentAttempts === 0 ? 'No attempt yet' : `Attempt ${r.paymentAttempts}`) },
    { key: 'last', label: 'Last payment', render: (r) => day(r.lastPaymentAt) },
    { key: 'actions', label: 'Actions', render: (r) => canManage()
      ? html`<tz-button size="sm" label=${`Retry card for ${r.number}`} ?loading=${this.busy === r.id} @click=${() => this.retry(r)}>Retry card</tz-button>`
      : nothing },
  ]

  render() {
    return html`<tz-page-header heading="Overdue invoices" description=${this.total ? `${this.total} invoice${this.total === 1 ? '' : 's'} past due.` : 'Issued invoices past their due date.'}></tz-page-header>
      <tz-table caption="Overdue invoices" .columns=${this.columns} .rows=${this.rows} ?loading=${this.loading}
        empty-heading="Nothing overdue" empty-description="Every issued invoice is within its payment terms."></tz-table>`
  }
}

customElements.define('billing-overdue', BillingOverdue)
