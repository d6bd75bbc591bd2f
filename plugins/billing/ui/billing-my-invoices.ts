/**
 * `<billing-my-invoices>` (`/billing/my-invoices`, members): the caller's own invoices and credit notes, with "Pay
 * now" on what is due. Paying charges the card through Stripe on-session (`POST /me/invoices/:id/pay`, one
 * `Idempotency-Key` per attempt): the member types a payment method id (Stripe test ids such as `pm_card_visa` in
 * test mode, where a Stripe.js card field would produce one in production) or leaves it empty to use the card saved
 * on their account. The answer says at once whether the payment succeeded; a decline shows its reason.
 */
import { LitElement, html, nothing } from 'lit'
import { api, toast, screenStyles, splitProblem, valueOf } from '@tessera/ui-kit'
import type { Problem, TableColumn, Tenant } from '@tessera/ui-kit'
import { STATUS_LABELS, STATUS_VARIANTS, day, idempotencyKey, invoiceTitle, money } from './shared.ts'
import type { Invoice, Page } from './shared.ts'
import type { ChargeOutcome } from '@tessera/plugin-billing/contract'

type PayOutcome = ChargeOutcome

export class BillingMyInvoices extends LitElement {
  static styles = [screenStyles]
  static properties = {
    tenant: { attribute: false },
    invoices: { state: true },
    loading: { state: true },
    paying: { state: true },
    paymentMethodId: { state: true },
    busy: { state: true },
    problem: { state: true },
    fieldError: { state: true },
  }
  declare tenant: Tenant | null
  declare invoices: Invoice[]
  declare loading: boolean
  declare paying: Invoice | null
  declare paymentMethodId: string
  declare busy: boolean
  declare problem: Problem | null
  declare fieldError: string
  private key = ''

  constructor() {
    super()
    this.tenant = null
    this.invoices = []
    this.loading = true
    this.paying = null
    this.paymentMethodId = ''
    this.busy = false
    this.problem = null
    this.fieldError = ''
  }

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  private async load(): Promise<void> {
    try {
      this.invoices = (await api<Page<Invoice>>('/api/v1/billing/me/invoices')).items.filter((i) => i.status !== 'draft')
    } catch (error) {
      toast(error)
    } finally {
      this.loading = false
    }
  }

  private openPay(inv: Invoice): void {
    this.paying = inv
    this.paymentMethodId = ''
    this.problem = null
    this.fieldError = ''
    this.key = idempotencyKey()
  }

  private async pay(event?: Event): Promise<void> {
    event?.preventDefault()
    if (this.busy || !this.paying) return
    const pm = this.paymentMethodId.trim()
    if (pm && !/^pm_[A-Za-z0-9_]+$/.test(pm)) {
      this.fieldError = 'A payment method id starts with pm_, e.g. pm_card_visa.'
      return
    }
    this.busy = true
    this.problem = null
    try {
      const res = await api<PayOutcome>(`/api/v1/billing/me/invoices/${this.paying.id}/pay`, {
        method: 'POST', body: pm ? { paymentMethodId: pm } : {}, headers: { 'Idempotency-Key': this.key },
      })
      if (res.outcome === 'declined') {
        this.key = idempotencyKey() // the next try is a new attempt
        this.problem = { title: 'The card was declined', status: 402, detail: `Reason: ${res.declineCode ?? 'declined'}. Try another card.` }
        return
      }
      toast({ variant: 'success', title: res.outcome === 'succeeded' ? `Paid ${money(this.paying.amountDue, this.paying.currency)}. Thank you!` : 'Nothing is due on this invoice.' })
      this.paying = null
      await this.load()
    } catch (error) {
      const { problem, fieldErrors } = splitProblem(error, ['paymentMethodId'])
      this.fieldError = fieldErrors.paymentMethodId ?? ''
      this.problem = this.fieldError && !problem.errors?.length ? null : problem
    } finally {
      this.busy = false
    }
  }

  private columns: TableColumn<Invoice>[] = [
    { key: 'number', label: 'Number', render: (i) => html`<span class="cell-title">${invoiceTitle(i)}</span>${i.kind === 'credit_note' ? html`<div class="cell-sub">Credit note</div>` : nothing}` },
    { key: 'issuedAt', label: 'Issued', render: (i) => day(i.issuedAt) },
    { key: 'dueOn', label: 'Due', render: (i) => (i.kind === 'invoice' ? day(i.dueOn) : '—') },
    { key: 'total', label: 'Total', align: 'right', render: (i) => money(i.total, i.currency) },
    { key: 'status', label: 'Status', render: (i) => html`<tz-badge variant=${STATUS_VARIANTS[i.status]} dot>${STATUS_LABELS[i.status]}</tz-badge>` },
    { key: 'actions', label: 'Actions', render: (i) => i.kind === 'invoice' && i.status === 'issued' && i.amountDue > 0
      ? html`<tz-button size="sm" variant="primary" label=${`Pay ${invoiceTitle(i)} now`} @click=${() => this.openPay(i)}>Pay now</tz-button>`
      : nothing },
  ]

  render() {
    const inv = this.paying
    const due = this.invoices.filter((i) => i.kind === 'invoice' && i.status === 'issued').reduce((s, i) => s + i.amountDue, 0)
    return html`<tz-page-header heading="My invoices" description=${due > 0 && this.invoices[0] ? `${money(due, this.invoices[0].currency)} is due.` : 'Your invoices and credit notes.'}></tz-page-header>
      <tz-table caption="My invoices" .columns=${this.columns} .rows=${this.invoices} ?loading=${this.loading}
        empty-heading="No invoices yet" empty-description="Your invoices appear here once they are issued."></tz-table>
      <tz-dialog .open=${inv !== null} size="sm" heading=${inv ? `Pay ${invoiceTitle(inv)}` : ''}
        description=${inv ? `${money(inv.amountDue, inv.currency)} by card.` : ''} @tz-close=${() => (this.paying = null)}>
        <form novalidate @submit=${this.pay}>
          ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
          <tz-text-field label="Payment method" placeholder="pm_card_visa" autocomplete="off" .value=${this.paymentMethodId} .error=${this.fieldError}
            help="A Stripe payment method id (test mode: pm_card_visa). Leave empty to use your saved card."
            @input=${(ev: Event) => { this.paymentMethodId = valueOf(ev); this.fieldError = '' }}></tz-text-field>
        </form>
        <tz-button slot="footer" @click=${() => (this.paying = null)}>Cancel</tz-button>
        <tz-button slot="footer" variant="primary" ?loading=${this.busy} @click=${() => this.pay()}>${inv ? `Pay ${money(inv.amountDue, inv.currency)}` : 'Pay'}</tz-button>
      </tz-dialog>`
  }
}

customElements.define('billing-my-invoices', BillingMyInvoices)
