/**
 * `<billing-my-invoices>` (`/billing/my-invoices`, members): the caller's invoices and credit notes — their own and
 * those of the organisation they are the billing contact of (payer shown) — with "Pay now" on what is due while the
 * workspace takes card payments online (`GET /payment-options`), and "View" opening the invoice's PDF inside the app.
 *
 * Paying is card entry with Stripe Elements: the server starts a PaymentIntent (`POST /me/invoices/:id/card-payment`,
 * one `Idempotency-Key` per dialog), Stripe.js (loaded from the configured URL, `stripe-js.ts`) mounts its card element
 * and confirms the PaymentIntent with what the member typed — no payment-method id passes through Tessera. A decline
 * shows Stripe's message and the member may try another card on the same PaymentIntent; a success waits until Stripe's
 * webhook has recorded the payment (the invoice reads paid), then says so.
 */
import { LitElement, html, nothing, css } from 'lit'
import { api, toast, screenStyles } from '@tessera/ui-kit'
import type { Problem, TableColumn, Tenant } from '@tessera/ui-kit'
import { STATUS_LABELS, STATUS_VARIANTS, day, idempotencyKey, invoiceTitle, money } from './shared.ts'
import type { Invoice, Page } from './shared.ts'
import { loadStripe } from './stripe-js.ts'
import type { StripeElement, StripeJs } from './stripe-js.ts'

interface PaymentOptions { onlinePayments: boolean; publishableKey: string | null; stripeJsUrl: string }
interface CardPaymentStart { paymentIntentId: string; clientSecret: string; publishableKey: string; stripeJsUrl: string; amount: number; currency: string }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export class BillingMyInvoices extends LitElement {
  static styles = [screenStyles, css`
    form { min-width: 0; }
    .card-field { overflow: hidden; border: 1px solid var(--tz-color-border, #ccd); border-radius: 6px; padding: 10px 12px; min-height: 22px; margin: 4px 0 8px; }
    .card-label { font-weight: 600; font-size: 0.875rem; }
    .hint { color: var(--tz-color-text-muted, #667); font-size: 0.8125rem; margin: 0; }
    iframe.pdf { width: 100%; height: 70vh; border: 1px solid var(--tz-color-border, #ccd); border-radius: 6px; }
  `]
  static properties = {
    tenant: { attribute: false },
    invoices: { state: true },
    loading: { state: true },
    options: { state: true },
    paying: { state: true },
    viewing: { state: true },
    busy: { state: true },
    confirming: { state: true },
    problem: { state: true },
    cardReady: { state: true },
  }
  declare tenant: Tenant | null
  declare invoices: Invoice[]
  declare loading: boolean
  declare options: PaymentOptions | null
  declare paying: Invoice | null
  declare viewing: Invoice | null
  declare busy: boolean
  declare confirming: boolean
  declare problem: Problem | null
  declare cardReady: boolean
  private stripe: StripeJs | null = null
  private card: StripeElement | null = null
  private start: CardPaymentStart | null = null

  constructor() {
    super()
    this.tenant = null
    this.invoices = []
    this.loading = true
    this.options = null
    this.paying = null
    this.viewing = null
    this.busy = false
    this.confirming = false
    this.problem = null
    this.cardReady = false
  }

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  private async load(): Promise<void> {
    try {
      const [page, options] = await Promise.all([
        api<Page<Invoice>>('/api/v1/billing/me/invoices'),
        api<PaymentOptions>('/api/v1/billing/payment-options'),
      ])
      this.invoices = page.items.filter((i) => i.status !== 'draft')
      this.options = options
    } catch (error) {
      toast(error)
    } finally {
      this.loading = false
    }
  }

  private async openPay(inv: Invoice): Promise<void> {
    this.paying = inv
    this.problem = null
    this.cardReady = false
    this.busy = true
    try {
      this.start = await api<CardPaymentStart>(`/api/v1/billing/me/invoices/${inv.id}/card-payment`, { method: 'POST', body: {}, headers: { 'Idempotency-Key': idempotencyKey() } })
      const Stripe = await loadStripe(this.start.stripeJsUrl)
      this.stripe = Stripe(this.start.publishableKey)
      await this.updateComplete
      const target = this.renderRoot.querySelector<HTMLElement>('#card-element')
      if (!target || this.paying !== inv) return
      this.card = this.stripe.elements().create('card')
      this.card.mount(target)
      this.cardReady = true
    } catch (error) {
      this.problem = error instanceof Error && !(error as { status?: number }).status ? { title: error.message, status: 0 } : (error as Problem)
    } finally {
      this.busy = false
    }
  }

  private closePay(): void {
    this.card?.destroy()
    this.card = null
    this.paying = null
  }

  private async pay(event?: Event): Promise<void> {
    event?.preventDefault()
    const inv = this.paying
    if (this.busy || !inv || !this.stripe || !this.card || !this.start) return
    this.busy = true
    this.problem = null
    try {
      const result = await this.stripe.confirmCardPayment(this.start.clientSecret, { payment_method: { card: this.card } })
      if (result.error) {
        this.problem = { title: result.error.type === 'card_error' ? 'The card was declined' : 'Check the card details', status: 402, detail: `${result.error.message ?? 'The payment did not go through.'} Try another card.` }
        return
      }
      // Stripe confirmed it; the payment is recorded when Stripe's webhook reaches Tessera
      this.confirming = true
      const paid = await this.waitUntilPaid(inv.id)
      toast(paid
        ? { variant: 'success', title: `Paid ${money(inv.amountDue, inv.currency)}. Thank you!` }
        : { variant: 'info', title: 'Your payment was accepted by the card issuer; the invoice shows paid in a moment.' })
      this.closePay()
      await this.load()
    } finally {
      this.busy = false
      this.confirming = false
    }
  }

  private async waitUntilPaid(id: string): Promise<boolean> {
    for (let i = 0; i < 40; i++) {
      const inv = await api<Invoice>(`/api/v1/billing/me/invoices/${id}`)
      if (inv.status === 'paid') return true
      await sleep(500)
    }
    return false
  }

  private pdfUrl = (i: Invoice) => `/api/v1/billing/me/invoices/${i.id}/pdf`

  private columns(): TableColumn<Invoice>[] {
    const online = this.options?.onlinePayments ?? false
    return [
      { key: 'number', label: 'Number', render: (i) => html`<span class="cell-title">${invoiceTitle(i)}</span>${i.kind === 'credit_note' ? html`<div class="cell-sub">Credit note</div>` : nothing}` },
      { key: 'payer', label: 'Billed to', render: (i) => html`${i.payerName ?? '—'}${i.payerType === 'organisation' ? html`<div class="cell-sub">Organisation</div>` : nothing}` },
      { key: 'issuedAt', label: 'Issued', render: (i) => day(i.issuedAt) },
      { key: 'dueOn', label: 'Due', render: (i) => (i.kind === 'invoice' ? day(i.dueOn) : '—') },
      { key: 'total', label: 'Total', align: 'right', render: (i) => money(i.total, i.currency) },
      { key: 'status', label: 'Status', render: (i) => html`<tz-badge variant=${STATUS_VARIANTS[i.status]} dot>${STATUS_LABELS[i.status]}</tz-badge>` },
      { key: 'actions', label: 'Actions', render: (i) => html`
        <tz-button size="sm" label=${`View ${invoiceTitle(i)}`} @click=${() => (this.viewing = i)}>View</tz-button>
        ${online && i.kind === 'invoice' && i.status === 'issued' && i.amountDue > 0
          ? html`<tz-button size="sm" variant="primary" @click=${() => this.openPay(i)}>Pay<span class="sr-only"> ${invoiceTitle(i)}</span> now</tz-button>`
          : nothing}` },
    ]
  }

  render() {
    const inv = this.paying
    const view = this.viewing
    const due = this.invoices.filter((i) => i.kind === 'invoice' && i.status === 'issued').reduce((s, i) => s + i.amountDue, 0)
    const offline = this.options && !this.options.onlinePayments && due > 0
    return html`<tz-page-header heading="My invoices" description=${due > 0 && this.invoices[0] ? `${money(due, this.invoices[0].currency)} is due.` : 'Your invoices and credit notes.'}></tz-page-header>
      ${offline ? html`<tz-alert variant="info" heading="Pay at the front desk">Card payment online is not available here; the front desk takes your payment.</tz-alert>` : nothing}
      <tz-table caption="My invoices" .columns=${this.columns()} .rows=${this.invoices} ?loading=${this.loading}
        empty-heading="No invoices yet" empty-description="Your invoices appear here once they are issued."></tz-table>
      <tz-dialog .open=${inv !== null} size="sm" heading=${inv ? `Pay ${invoiceTitle(inv)}` : ''}
        description=${inv ? `${money(inv.amountDue, inv.currency)} by card.` : ''} @tz-close=${() => this.closePay()}>
        <form novalidate @submit=${this.pay}>
          ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
          <div class="card-label" id="card-label">Card</div>
          <div class="card-field" id="card-element" role="group" aria-labelledby="card-label"></div>
          <p class="hint">${this.confirming ? 'Payment accepted — confirming with Stripe…' : 'Your card details go straight to Stripe; Tessera never sees them.'}</p>
        </form>
        <tz-button slot="footer" @click=${() => this.closePay()}>Cancel</tz-button>
        <tz-button slot="footer" variant="primary" ?loading=${this.busy} ?disabled=${!this.cardReady} @click=${() => this.pay()}>${inv ? `Pay ${money(inv.amountDue, inv.currency)}` : 'Pay'}</tz-button>
      </tz-dialog>
      <tz-dialog .open=${view !== null} size="lg" heading=${view ? invoiceTitle(view) : ''} @tz-close=${() => (this.viewing = null)}>
        ${view ? html`<iframe class="pdf" title=${`${invoiceTitle(view)} (PDF)`} src=${this.pdfUrl(view)}></iframe>` : nothing}
        ${view ? html`<a slot="footer" class="tz-link" href=${this.pdfUrl(view)} download=${`${invoiceTitle(view)}.pdf`}>Download PDF</a>` : nothing}
        <tz-button slot="footer" @click=${() => (this.viewing = null)}>Close</tz-button>
      </tz-dialog>`
  }
}

customElements.define('billing-my-invoices', BillingMyInvoices)
