/**
 * `<billing-invoices>` (`/billing/invoices`, staff): invoices and credit notes with a state filter and pagination
 * (`?status=&page=` in the URL), and "New invoice": a draft from the payer's open charges, optionally with a manual
 * charge added first. Live: re-fetches on `billing.invoice.*` events.
 */
import { LitElement, html, nothing } from 'lit'
import { api, toast, navigate, realtime, screenStyles, splitProblem, valueOf, Subscriptions } from '@tessera/ui-kit'
import type { Problem, TableColumn, Tenant } from '@tessera/ui-kit'
import { STATUS_LABELS, STATUS_VARIANTS, canManage, day, idempotencyKey, invoiceTitle, money, peopleOptions, toMinor } from './shared.ts'
import type { Invoice, InvoiceStatus, Page } from './shared.ts'

const LIMIT = 20
export const INVOICE_EVENTS = ['drafted', 'issued', 'updated', 'paid', 'voided'].map((n) => `billing.invoice.${n}`)

export class BillingInvoices extends LitElement {
  static styles = [screenStyles]
  static properties = {
    tenant: { attribute: false },
    query: { attribute: false },
    page: { state: true },
    loading: { state: true },
    status: { state: true },
    offset: { state: true },
    creating: { state: true },
    people: { state: true },
    draft: { state: true },
    busy: { state: true },
    problem: { state: true },
    fieldErrors: { state: true },
  }
  declare tenant: Tenant | null
  declare query: URLSearchParams
  declare page: Page<Invoice> | null
  declare loading: boolean
  declare status: string
  declare offset: number
  declare creating: boolean
  declare people: { value: string; label: string }[]
  declare draft: { payerId: string; description: string; amount: number | null }
  declare busy: boolean
  declare problem: Problem | null
  declare fieldErrors: Record<string, string>
  private readonly subscriptions = new Subscriptions(this)
  private timer: ReturnType<typeof setTimeout> | undefined
  private started = false

  constructor() {
    super()
    this.tenant = null
    this.query = new URLSearchParams()
    this.page = null
    this.loading = true
    this.status = ''
    this.offset = 0
    this.creating = false
    this.people = []
    this.draft = { payerId: '', description: '', amount: null }
    this.busy = false
    this.problem = null
    this.fieldErrors = {}
  }

  connectedCallback(): void {
    super.connectedCallback()
    const reload = () => {
      clearTimeout(this.timer)
      this.timer = setTimeout(() => void this.load(), 150)
    }
    this.subscriptions.stops = INVOICE_EVENTS.map((n) => realtime().subscribe(n, reload))
  }

  disconnectedCallback(): void {
    super.disconnectedCallback()
    clearTimeout(this.timer)
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (!this.started || changed.has('query')) {
      this.started = true
      this.status = this.query.get('status') ?? ''
      this.offset = Math.max(0, (Number(this.query.get('page') ?? 1) - 1) * LIMIT) || 0
      void this.load()
    }
  }

  private syncUrl(): void {
    const url = new URL(location.href)
    for (const [k, v] of [['status', this.status], ['page', this.offset ? String(this.offset / LIMIT + 1) : '']]) {
      if (v) url.searchParams.set(k, v)
      else url.searchParams.delete(k)
    }
    history.replaceState(history.state, '', url)
  }

  private async load(): Promise<void> {
    this.loading = true
    try {
      this.page = await api<Page<Invoice>>('/api/v1/billing/invoices', { query: { status: this.status || undefined, limit: LIMIT, offset: this.offset } })
    } catch (error) {
      toast(error)
    } finally {
      this.loading = false
    }
  }

  private async openCreate(): Promise<void> {
    this.draft = { payerId: '', description: '', amount: null }
    this.problem = null
    this.fieldErrors = {}
    this.creating = true
    try { this.people = await peopleOptions() } catch (error) { toast(error) }
  }

  private async create(event?: Event): Promise<void> {
    event?.preventDefault()
    if (this.busy) return
    const d = this.draft
    const errors: Record<string, string> = {}
    if (!d.payerId) errors.payerId = 'Choose who the invoice is for.'
    if (d.description.trim() && !(d.amount && d.amount > 0)) errors.amount = 'Enter the amount of the charge.'
    if (!d.description.trim() && d.amount) errors.description = 'Describe the charge.'
    this.fieldErrors = errors
    if (Object.keys(errors).length) return
    this.busy = true
    this.problem = null
    try {
      if (d.description.trim()) {
        await api('/api/v1/billing/charges', {
          method: 'POST',
          body: { payerType: 'person', payerId: d.payerId, description: d.description.trim(), unitAmount: toMinor(d.amount), source: idempotencyKey() },
        })
      }
      const inv = await api<Invoice>('/api/v1/billing/invoices', { method: 'POST', body: { payerType: 'person', payerId: d.payerId } })
      this.creating = false
      toast({ variant: 'success', title: 'Draft invoice created.' })
      navigate(`/billing/invoices/${inv.id}`)
    } catch (error) {
      const { problem, fieldErrors } = splitProblem(error, ['payerId', 'description', 'unitAmount'])
      if (fieldErrors.unitAmount) fieldErrors.amount = fieldErrors.unitAmount
      this.fieldErrors = fieldErrors
      this.problem = problem
    } finally {
      this.busy = false
    }
  }

  private columns: TableColumn<Invoice>[] = [
    { key: 'number', label: 'Number', render: (i) => html`<a class="cell-title" href=${`/billing/invoices/${i.id}`}>${invoiceTitle(i)}</a>
        ${i.kind === 'credit_note' ? html`<div class="cell-sub">Credit note</div>` : nothing}` },
    { key: 'payerName', label: 'Payer', render: (i) => i.payerName ?? i.payerId },
    { key: 'issuedAt', label: 'Issued', render: (i) => day(i.issuedAt) },
    { key: 'dueOn', label: 'Due', render: (i) => day(i.dueOn) },
    { key: 'total', label: 'Total', align: 'right', render: (i) => money(i.total, i.currency) },
    { key: 'amountDue', label: 'Amount due', align: 'right', render: (i) => (i.kind === 'invoice' && (i.status === 'issued' || i.status === 'draft') ? money(i.amountDue, i.currency) : '—') },
    { key: 'status', label: 'Status', render: (i) => html`<tz-badge variant=${STATUS_VARIANTS[i.status]} dot>${STATUS_LABELS[i.status]}</tz-badge>` },
  ]

  render() {
    const manage = canManage()
    const d = this.draft
    const e = this.fieldErrors
    return html`<tz-page-header heading="Invoices" description="Invoices and credit notes: issue, collect and correct them.">
        ${manage ? html`<tz-button slot="actions" variant="primary" @click=${() => this.openCreate()}>New invoice</tz-button>` : nothing}
      </tz-page-header>
      <div class="row" style="margin-bottom: var(--tz-space-4); max-width: 320px">
        <tz-select label="State" .value=${this.status}
          .options=${[{ value: '', label: 'Any state' }, ...(Object.keys(STATUS_LABELS) as InvoiceStatus[]).map((s) => ({ value: s, label: STATUS_LABELS[s] }))]}
          @change=${(ev: Event) => { this.status = valueOf(ev); this.offset = 0; this.syncUrl(); void this.load() }}></tz-select>
      </div>
      <tz-table caption="Invoices" .columns=${this.columns} .rows=${this.page?.items ?? []} ?loading=${this.loading && !this.page}
        empty-heading="No invoices" empty-description=${this.status ? 'No invoice is in this state.' : 'Invoices appear after the monthly run or when you make one.'}
        .total=${this.page?.total ?? 0} .limit=${LIMIT} .offset=${this.offset}
        @tz-page=${(ev: CustomEvent<{ offset: number }>) => { this.offset = ev.detail.offset; this.syncUrl(); void this.load() }}></tz-table>
      <tz-dialog .open=${this.creating} heading="New invoice" description="A draft holding the person's open charges. Add a charge to bill something now."
        @tz-close=${() => (this.creating = false)}>
        <form novalidate @submit=${this.create}>
          ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
          <tz-select label="Bill to" required placeholder="Choose a person" .value=${d.payerId} .options=${this.people} .error=${e.payerId ?? ''}
            @change=${(ev: Event) => { this.draft = { ...d, payerId: valueOf(ev) }; this.fieldErrors = { ...e, payerId: '' } }}></tz-select>
          <tz-text-field label="Charge" placeholder="e.g. Event space, 12 March" help="Optional: added to the open charges first." .value=${d.description} .error=${e.description ?? ''}
            @input=${(ev: Event) => { this.draft = { ...this.draft, description: valueOf(ev) } }}></tz-text-field>
          <tz-number-field label="Amount" min="0" step="0.01" help="Before tax, in the billing currency." .value=${d.amount} .error=${e.amount ?? ''}
            @input=${(ev: Event) => { this.draft = { ...this.draft, amount: valueOf<number | null>(ev) } }}></tz-number-field>
        </form>
        <tz-button slot="footer" @click=${() => (this.creating = false)}>Cancel</tz-button>
        <tz-button slot="footer" variant="primary" ?loading=${this.busy} @click=${() => this.create()}>Create draft</tz-button>
      </tz-dialog>`
  }
}

customElements.define('billing-invoices', BillingInvoices)
