/**
 * `<billing-overdue>` (`/billing/overdue`, `billing.read`): the dunning view — issued invoices past their due date,
 * longest overdue first, with the payer, what is due, days overdue, the dunning step (off-session attempts made) and
 * the last payment received and the last payment reminder ("Last reminder: <when> by <name>"). Staff with
 * `billing.manage` retry the saved card (`POST /invoices/:id/charge`, one `Idempotency-Key` per click; a decline moves
 * dunning on exactly as the scheduled retry would) and send a payment reminder now (`POST /invoices/:id/reminders`,
 * confirmed in the app's dialog naming the payer's address; at most one an hour per invoice — the server says when the
 * last went). The list re-fetches on `billing.invoice.*`, so a reminder or payment from another desk shows too.
 */
import { LitElement, html, nothing } from 'lit'
import { api, confirmAction, formatDateTime, realtime, toast, screenStyles, Subscriptions } from '@tessera/ui-kit'
import type { TableColumn } from '@tessera/ui-kit'
import type { InvoiceReminder, OverdueInvoice, OverduePage } from '@tessera/plugin-billing/contract'
import { canManage, day, idempotencyKey, money } from './shared.ts'
import { INVOICE_EVENTS } from './billing-invoices.ts'

/** "Last reminder: 4 May 2026, 09:30 by Ann Admin", or that none was sent. */
const lastReminderText = (r: OverdueInvoice['lastReminder']): string => (r ? `Last reminder: ${formatDateTime(r.sentAt)} by ${r.sentBy.name}` : 'No reminder sent')

export class BillingOverdue extends LitElement {
  static styles = [screenStyles]
  static properties = { rows: { state: true }, total: { state: true }, loading: { state: true }, busy: { state: true } }
  declare rows: OverdueInvoice[]
  declare total: number
  declare loading: boolean
  declare busy: string | null
  private readonly subscriptions = new Subscriptions(this)
  private timer: ReturnType<typeof setTimeout> | undefined

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
    const reload = () => {
      clearTimeout(this.timer)
      this.timer = setTimeout(() => void this.load(), 150)
    }
    this.subscriptions.stops = [...INVOICE_EVENTS, 'billing.invoice.reminded'].map((n) => realtime().subscribe(n, reload))
  }

  disconnectedCallback(): void {
    super.disconnectedCallback()
    clearTimeout(this.timer)
  }

  private async load(): Promise<void> {
    try {
      const page = await api<OverduePage>('/api/v1/billing/dunning', { query: { limit: 100 } })
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

  /** A payment reminder now, asked first in the app's dialog (the payer gets an e-mail). */
  private async remind(r: OverdueInvoice): Promise<void> {
    if (!r.payerEmail) return
    const ok = await confirmAction({
      heading: 'Send a payment reminder?',
      message: `Send a payment reminder to ${r.payerEmail} for invoice ${r.number}? It asks for ${money(r.amountDue, r.currency)}, due since ${day(r.dueOn)}.`,
      confirmLabel: 'Send reminder',
    })
    if (!ok) return
    this.busy = r.id
    try {
      const sent = await api<InvoiceReminder>(`/api/v1/billing/invoices/${r.id}/reminders`, { method: 'POST', body: {} })
      toast({ variant: 'success', title: `Reminder for ${sent.number} sent to ${sent.to}.` })
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
    { key: 'reminder', label: 'Reminders', render: (r) => html`<span data-last-reminder>${lastReminderText(r.lastReminder)}</span>${r.payerEmail ? nothing : html`<div class="cell-sub">No e-mail address</div>`}` },
    { key: 'actions', label: 'Actions', render: (r) => canManage()
      ? html`<div class="actions">
          <tz-button size="sm" label=${`Retry card for ${r.number}`} ?loading=${this.busy === r.id} @click=${() => this.retry(r)}>Retry card</tz-button>
          <tz-button size="sm" label=${`Send reminder for ${r.number}`} ?disabled=${!r.payerEmail || this.busy === r.id} @click=${() => this.remind(r)}>Send reminder</tz-button>
        </div>`
      : nothing },
  ]

  render() {
    return html`<tz-page-header heading="Overdue invoices" description=${this.total ? `${this.total} invoice${this.total === 1 ? '' : 's'} past due.` : 'Issued invoices past their due date.'}></tz-page-header>
      <tz-table caption="Overdue invoices" .columns=${this.columns} .rows=${this.rows} ?loading=${this.loading}
        empty-heading="Nothing overdue" empty-description="Every issued invoice is within its payment terms."></tz-table>`
  }
}

customElements.define('billing-overdue', BillingOverdue)
