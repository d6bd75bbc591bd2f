/**
 * `<pos-products>` (`/pos/products`): the catalogue with price, tax, category and stock (live after sales and
 * refunds), a stock correction per product (`pos.manage`), and the daily sales report as a CSV download
 * (`pos.reports`).
 */
import { LitElement, html, nothing } from 'lit'
import { api, can, toast, realtime, screenStyles, splitProblem, valueOf, Subscriptions } from '@tessera/ui-kit'
import type { Problem, TableColumn, Tenant } from '@tessera/ui-kit'
import { money, posCurrency, reportUrl, today } from './shared.ts'
import { posPermissions } from '../src/contract/pos-permissions.ts'
import type { saleCompleted, saleRefunded } from '../src/contract/index.ts'
import type { Product } from '../src/contract/index.ts'

export class PosProducts extends LitElement {
  static styles = [screenStyles]
  static properties = {
    tenant: { attribute: false },
    products: { state: true },
    currency: { state: true },
    loading: { state: true },
    date: { state: true },
    adjusting: { state: true },
    delta: { state: true },
    reason: { state: true },
    busy: { state: true },
    problem: { state: true },
  }
  declare tenant: Tenant | null
  declare products: Product[]
  declare currency: string
  declare loading: boolean
  declare date: string
  declare adjusting: Product | null
  declare delta: number | null
  declare reason: string
  declare busy: boolean
  declare problem: Problem | null
  private readonly subscriptions = new Subscriptions(this)

  constructor() {
    super()
    this.tenant = null
    this.products = []
    this.currency = 'EUR'
    this.loading = true
    this.date = today()
    this.adjusting = null
    this.delta = null
    this.reason = ''
    this.busy = false
    this.problem = null
  }

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
    this.subscriptions.stops = [('pos.sale.completed' satisfies typeof saleCompleted.name), ('pos.sale.refunded' satisfies typeof saleRefunded.name)].map((n) => realtime().subscribe(n, () => void this.load()))
  }


  private async load(): Promise<void> {
    try {
      ;[this.products, this.currency] = await Promise.all([api<Product[]>('/api/v1/pos/products'), posCurrency(this.tenant)])
    } catch (error) {
      toast(error)
    } finally {
      this.loading = false
    }
  }

  private async adjust(event?: Event): Promise<void> {
    event?.preventDefault()
    if (this.busy || !this.adjusting) return
    if (!this.delta || !this.reason.trim()) {
      this.problem = { title: 'Enter a change other than 0 and a reason.', status: 400 }
      return
    }
    this.busy = true
    try {
      await api(`/api/v1/pos/products/${this.adjusting.id}/stock`, { method: 'POST', body: { delta: this.delta, reason: this.reason.trim() } })
      toast({ variant: 'success', title: `Stock of ${this.adjusting.name} changed.` })
      this.adjusting = null
      await this.load()
    } catch (error) {
      this.problem = splitProblem(error, []).problem
    } finally {
      this.busy = false
    }
  }

  private columns(): TableColumn<Product>[] {
    return [
      { key: 'name', label: 'Product', render: (p) => html`<span class="cell-title">${p.name}</span><div class="cell-sub cell-mono">${p.sku}</div>` },
      { key: 'category', label: 'Category', render: (p) => p.category },
      { key: 'price', label: 'Price', align: 'right', render: (p) => money(p.price, this.currency) },
      { key: 'taxRateBp', label: 'Tax', align: 'right', render: (p) => `${p.taxRateBp / 100} %` },
      { key: 'stock', label: 'Stock', align: 'right', render: (p) => (p.trackStock
        ? html`<tz-badge variant=${p.stock === 0 ? 'danger' : p.stock < 5 ? 'warning' : 'neutral'}>${p.stock}</tz-badge>` : html`<span class="cell-muted">not kept</span>`) },
      { key: 'active', label: 'Status', render: (p) => (p.active ? 'On sale' : html`<span class="cell-muted">Off sale</span>`) },
      { key: 'actions', label: 'Actions', render: (p) => (can(posPermissions.manage) && p.trackStock
        ? html`<tz-button size="sm" label=${`Change stock of ${p.name}`} @click=${() => { this.adjusting = p; this.delta = null; this.reason = ''; this.problem = null }}>Stock</tz-button>` : nothing) },
    ]
  }

  render() {
    return html`<tz-page-header heading="Products and stock" description="What the front desk sells. Stock goes down with sales and back up with refunds.">
        <tz-button slot="actions" href="/pos">Point of sale</tz-button>
      </tz-page-header>
      ${can(posPermissions.reports) ? html`<div class="row" style="margin-bottom: var(--tz-space-4); max-width: 520px; align-items: end">
          <tz-text-field label="Report day" type="date" .value=${this.date} @input=${(ev: Event) => { this.date = valueOf(ev) }}></tz-text-field>
          <a href=${reportUrl(this.date)} download=${`pos-${this.date}.csv`}>Download daily report (CSV)</a>
        </div>` : nothing}
      <tz-table caption="Products" .columns=${this.columns()} .rows=${this.products} ?loading=${this.loading}
        empty-heading="No products" empty-description="Products come from the tenant's sample data or the API."></tz-table>
      <tz-dialog .open=${this.adjusting !== null} size="sm" heading=${`Stock of ${this.adjusting?.name ?? ''}`}
        description=${this.adjusting ? `Now ${this.adjusting.stock}. Enter a delivery as a positive number, breakage or loss as negative.` : ''} @tz-close=${() => (this.adjusting = null)}>
        <form novalidate @submit=${this.adjust}>
          ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
          <tz-number-field label="Change" integer .value=${this.delta} @input=${(ev: Event) => { this.delta = valueOf<number | null>(ev) }}></tz-number-field>
          <tz-text-field label="Reason" .value=${this.reason} @input=${(ev: Event) => { this.reason = valueOf(ev) }}></tz-text-field>
        </form>
        <tz-button slot="footer" @click=${() => (this.adjusting = null)}>Cancel</tz-button>
        <tz-button slot="footer" variant="primary" ?loading=${this.busy} @click=${() => this.adjust()}>Save</tz-button>
      </tz-dialog>`
  }
}

customElements.define('pos-products', PosProducts)
