/**
 * `<billing-invoice-detail>` (`/billing/invoices/:id`, staff): an invoice or credit note with its lines, payments and
 * amounts, the PDF, and the actions its state allows — issue (draft), void (draft, or issued without payments),
 * credit note and record a manual payment (issued), charge the saved card. Live: re-fetches when a
 * `billing.invoice.*` event names it (a payment by the member or a webhook shows up without a reload).
 */
import { LitElement, html, nothing } from 'lit'
import { api, confirmAction, toast, realtime, screenStyles, splitProblem, valueOf, Subscriptions } from '@tessera/ui-kit'
import type { Problem, TableColumn, Tenant } from '@tessera/ui-kit'
import { STATUS_LABELS, STATUS_VARIANTS, canManage, day, idempotencyKey, invoiceTitle, money, toMinor } from './shared.ts'
import type { Invoice, InvoiceLine, Payment } from './shared.ts'
import { INVOICE_EVENTS } from './billing-invoices.ts'

type Action = '' | 'credit' | 'payment' | 'void'

export class BillingInvoiceDetail extends LitElement {
  static styles = [screenStyles]
  static properties = {
    tenant: { attribute: false },
    params: { attribute: false },
    invoice: { state: true },
    payments: { state: true },
    action: { state: true },
    draft: { state: true },
    busy: { state: true },
    problem: { state: true },
    fieldErrors: { state: true },
    notFound: { state: true },
  }
  declare tenant: Tenant | null
  declare params: Record<string, string>
  declare invoice: Invoice | null
  declare payments: Payment[]
  declare action: Action
  declare draft: { description: string; amount: number | null; reference: string; method: string }
  declare busy: boolean
  declare problem: Problem | null
  declare fieldErrors: Record<string, string>
  declare notFound: boolean
  private readonly subscriptions = new Subscriptions(this)
  private loadedId = ''

  constructor() {
    super()
    this.tenant = null
    this.params = {}
    this.invoice = null
    this.payments = []
    this.action = ''
    this.draft = { description: '', amount: null, reference: '', method: 'manual' }
    this.busy = false
    this.problem = null
    this.fieldErrors = {}
    this.notFound = false
  }

  connectedCallback(): void {
    super.connectedCallback()
    this.subscriptions.stops = INVOICE_EVENTS.map((n) => realtime().subscribe(n, (ev) => {
      const data = ev.data as { id?: string } | undefined
      if (!data?.id || data.id === this.params.id || data.id === this.invoice?.creditFor) void this.load()
    }))
  }


  protected willUpdate(): void {
    if (this.params.id && this.params.id !== this.loadedId) {
      this.loadedId = this.params.id
      this.invoice = null
      void this.load()
    }
  }

  private async load(): Promise<void> {
    const id = this.params.id
    try {
      const [inv, payments] = await Promise.all([
        api<Invoice>(`/api/v1/billing/invoices/${id}`),
        api<Payment[]>(`/api/v1/billing/invoices/${id}/payments`),
      ])
      if (id !== this.params.id) return
      this.invoice = inv
      this.payments = payments
      this.notFound = false
    } catch (error) {
      if ((error as { status?: number }).status === 404) this.notFound = true
      else toast(error)
    }
  }

  /** Issuing gives the draft its number for good and tells the payer: asked first, in the app's own dialog. */
  private async issue(): Promise<void> {
    const inv = this.invoice!
    const ok = await confirmAction({
      heading: 'Issue this invoice?',
      message: `It gets its number and ${money(inv.amountDue, inv.currency)} becomes due; after that it can only be credited or voided, not edited.`,
      confirmLabel: 'Issue invoice',
    })
    if (ok) await this.act('/issue', {}, 'Invoice issued.')
  }

  private async act(path: string, body: object, done: string, headers?: Record<string, string>): Promise<boolean> {
    this.busy = true
    this.problem = null
    try {
      await api(`/api/v1/billing/invoices/${this.invoice!.id}${path}`, { method: 'POST', body, headers })
      toast({ variant: 'success', title: done })
      await this.load()
      return true
    } catch (error) {
      const { problem, fieldErrors } = splitProblem(error, ['amount', 'reference', 'lines'])
      this.fieldErrors = fieldErrors
      this.problem = problem
      if (!this.action) toast(error)
      return false
    } finally {
      this.busy = false
    }
  }

  /** Off-session charge of the payer's saved card; a decline is an answer (and starts dunning), not an error. */
  private async chargeCard(): Promise<void> {
    this.busy = true
    try {
      const r = await api<{ outcome: string; declineCode?: string; nextAttemptAt?: string | null }>(`/api/v1/billing/invoices/${this.invoice!.id}/charge`,
        { method: 'POST', body: {}, headers: { 'Idempotency-Key': idempotencyKey() } })
      if (r.outcome === 'succeeded') toast({ variant: 'success', title: 'Card charged.' })
      else if (r.outcome === 'declined') toast({ variant: 'danger', title: 'The card was declined', message: `${r.declineCode ?? ''}${r.nextAttemptAt ? ` — retried automatically on ${day(r.nextAttemptAt)}` : ''}` })
      else toast('Nothing is due.')
      await this.load()
    } catch (error) {
      toast(error)
    } finally {
      this.busy = false
    }
  }

  private open(action: Action): void {
    const inv = this.invoice!
    this.draft = {
      description: action === 'credit' ? `Credit for ${inv.number ?? 'invoice'}` : '',
      amount: action === 'payment' ? inv.amountDue / 100 : null,
      reference: '', method: 'manual',
    }
    this.problem = null
    this.fieldErrors = {}
    this.action = action
  }

  private async submit(event?: Event): Promise<void> {
    event?.preventDefault()
    if (this.busy) return
    const d = this.draft
    const errors: Record<string, string> = {}
    if (this.action !== 'void' && !(d.amount && d.amount > 0)) errors.amount = 'Enter an amount above zero.'
    if (this.action === 'credit' && !d.description.trim()) errors.description = 'Say what is credited.'
    if (this.action === 'payment' && !d.reference.trim()) errors.reference = 'Enter a reference (bank transfer id, receipt number).'
    this.fieldErrors = errors
    if (Object.keys(errors).length) return
    let ok = false
    if (this.action === 'void') ok = await this.act('/void', {}, 'Invoice voided.')
    if (this.action === 'credit') ok = await this.act('/credit-notes', { lines: [{ description: d.description.trim(), unitAmount: toMinor(d.amount) }] }, 'Credit note issued.')
    if (this.action === 'payment') ok = await this.act('/payments', { amount: toMinor(d.amount), reference: d.reference.trim(), method: d.method }, 'Payment recorded.')
    if (ok) this.action = ''
  }

  private lineColumns(currency: string): TableColumn<InvoiceLine>[] {
    return [
      { key: 'description', label: 'Description', render: (l) => html`<span class="cell-title">${l.description}</span>` },
      { key: 'quantity', label: 'Qty', align: 'right' },
      { key: 'unitAmount', label: 'Unit', align: 'right', render: (l) => money(l.unitAmount, currency) },
      { key: 'taxRateBp', label: 'Tax rate', align: 'right', render: (l) => `${(l.taxRateBp / 100).toFixed(l.taxRateBp % 100 ? 2 : 0)} %` },
      { key: 'net', label: 'Net', align: 'right', render: (l) => money(l.net, currency) },
      { key: 'tax', label: 'Tax', align: 'right', render: (l) => money(l.tax, currency) },
      { key: 'gross', label: 'Total', align: 'right', render: (l) => money(l.gross, currency) },
    ]
  }

  private paymentColumns(currency: string): TableColumn<Payment>[] {
    return [
      { key: 'createdAt', label: 'Date', render: (p) => day(p.createdAt) },
      { key: 'method', label: 'Method', render: (p) => ({ card: 'Card', manual: 'Bank / manual', cash: 'Cash' } as Record<string, string>)[p.method] ?? p.method },
      { key: 'reference', label: 'Reference', render: (p) => html`<span class="cell-mono">${p.reference ?? p.paymentIntentId ?? '—'}</span>` },
      { key: 'amount', label: 'Amount', align: 'right', render: (p) => money(p.amount, currency) },
    ]
  }

  private renderDialog() {
    const d = this.draft
    const e = this.fieldErrors
    const inv = this.invoice!
    const heading = { credit: 'Issue a credit note', payment: 'Record a payment', void: `Void ${invoiceTitle(inv)}?`, '': '' }[this.action]
    const submitLabel = { credit: 'Issue credit note', payment: 'Record payment', void: 'Void invoice', '': '' }[this.action]
    return html`<tz-dialog .open=${this.action !== ''} heading=${heading} size="sm"
        description=${this.action === 'void' ? 'A void invoice is kept with its number but nothing is due on it. This cannot be undone.' : this.action === 'credit' ? `Reduces what is due (at most ${money(inv.total - inv.amountCredited, inv.currency)}).` : 'A bank transfer, cheque or cash received outside Stripe.'}
        @tz-close=${() => (this.action = '')}>
        <form novalidate @submit=${this.submit}>
          ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
          ${this.action === 'credit' ? html`<tz-text-field label="Description" required .value=${d.description} .error=${e.description ?? ''}
            @input=${(ev: Event) => { this.draft = { ...this.draft, description: valueOf(ev) } }}></tz-text-field>` : nothing}
          ${this.action !== 'void' ? html`<tz-number-field label=${`Amount (${inv.currency})`} required min="0" step="0.01" .value=${d.amount} .error=${e.amount ?? ''}
            @input=${(ev: Event) => { this.draft = { ...this.draft, amount: valueOf<number | null>(ev) } }}></tz-number-field>` : nothing}
          ${this.action === 'payment' ? html`
            <tz-select label="Method" .value=${d.method} .options=${[{ value: 'manual', label: 'Bank transfer / other' }, { value: 'cash', label: 'Cash' }]}
              @change=${(ev: Event) => { this.draft = { ...this.draft, method: valueOf(ev) } }}></tz-select>
            <tz-text-field label="Reference" required help="Recording the same reference twice counts once." .value=${d.reference} .error=${e.reference ?? ''}
              @input=${(ev: Event) => { this.draft = { ...this.draft, reference: valueOf(ev) } }}></tz-text-field>` : nothing}
        </form>
        <tz-button slot="footer" @click=${() => (this.action = '')}>Cancel</tz-button>
        <tz-button slot="footer" variant=${this.action === 'void' ? 'danger' : 'primary'} ?loading=${this.busy} @click=${() => this.submit()}>${submitLabel}</tz-button>
      </tz-dialog>`
  }

  render() {
    if (this.notFound) return html`<tz-empty-state icon="search" heading="No such invoice" description="It may belong to another tenant or the link is wrong.">
        <tz-button href="/billing/invoices">All invoices</tz-button></tz-empty-state>`
    const inv = this.invoice
    if (!inv) return html`<tz-spinner label="Loading invoice"></tz-spinner>`
    const manage = canManage()
    const isInvoice = inv.kind === 'invoice'
    const title = invoiceTitle(inv)
    return html`<tz-page-header heading=${title} description=${`${isInvoice ? 'Invoice' : 'Credit note'} for ${inv.payerName ?? inv.payerId}`}>
        <nav slot="breadcrumbs" aria-label="Breadcrumbs"><a href="/billing/invoices">Invoices</a></nav>
        <tz-button slot="actions" href=${`/api/v1/billing/invoices/${inv.id}/pdf`} label=${`PDF of ${title}`}>PDF</tz-button>
        ${manage && inv.status === 'draft' ? html`<tz-button slot="actions" variant="primary" ?loading=${this.busy} @click=${() => this.issue()}>Issue</tz-button>` : nothing}
        ${manage && isInvoice && inv.status === 'issued' && inv.amountDue > 0 ? html`
          <tz-button slot="actions" @click=${() => this.open('payment')}>Record payment</tz-button>
          <tz-button slot="actions" ?loading=${this.busy} @click=${() => this.chargeCard()}>Charge saved card</tz-button>` : nothing}
        ${manage && isInvoice && (inv.status === 'issued' || inv.status === 'paid') ? html`<tz-button slot="actions" @click=${() => this.open('credit')}>Credit note</tz-button>` : nothing}
        ${manage && (inv.status === 'draft' || (inv.status === 'issued' && inv.amountPaid === 0)) ? html`<tz-button slot="actions" variant="danger" @click=${() => this.open('void')}>Void</tz-button>` : nothing}
      </tz-page-header>
      <dl class="facts" aria-label="Invoice facts">
        <dt>Status</dt><dd><tz-badge variant=${STATUS_VARIANTS[inv.status]} dot data-status=${inv.status}>${STATUS_LABELS[inv.status]}</tz-badge></dd>
        <dt>Payer</dt><dd>${inv.payerName ?? inv.payerId}</dd>
        ${inv.period ? html`<dt>Period</dt><dd>${inv.period}</dd>` : nothing}
        ${inv.creditFor ? html`<dt>Credits</dt><dd><a href=${`/billing/invoices/${inv.creditFor}`}>the original invoice</a></dd>` : nothing}
        <dt>Issued</dt><dd>${day(inv.issuedAt)}</dd>
        ${isInvoice ? html`<dt>Due</dt><dd>${day(inv.dueOn)}</dd>` : nothing}
        ${inv.paidAt ? html`<dt>Paid</dt><dd>${day(inv.paidAt)}</dd>` : nothing}
        <dt>Subtotal</dt><dd>${money(inv.subtotal, inv.currency)}</dd>
        <dt>Tax</dt><dd>${money(inv.tax, inv.currency)}</dd>
        <dt>Total</dt><dd><strong>${money(inv.total, inv.currency)}</strong></dd>
        ${isInvoice ? html`<dt>Paid so far</dt><dd>${money(inv.amountPaid, inv.currency)}</dd>
          <dt>Credited</dt><dd>${money(inv.amountCredited, inv.currency)}</dd>
          <dt>Amount due</dt><dd><strong data-amount-due>${money(inv.status === 'void' ? 0 : inv.amountDue, inv.currency)}</strong></dd>` : nothing}
      </dl>
      <section class="section">
        <h2>Lines</h2>
        <tz-table caption="Lines" .columns=${this.lineColumns(inv.currency)} .rows=${inv.lines ?? []} empty-heading="No lines"></tz-table>
      </section>
      ${isInvoice ? html`<section class="section">
        <h2>Payments</h2>
        <tz-table caption="Payments" .columns=${this.paymentColumns(inv.currency)} .rows=${this.payments} empty-heading="No payments yet"></tz-table>
      </section>` : nothing}
      ${this.renderDialog()}`
  }
}

customElements.define('billing-invoice-detail', BillingInvoiceDetail)
