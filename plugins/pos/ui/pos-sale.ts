/**
 * `<pos-sale>` (`/pos`, front desk): pick products into a cart, pick who pays, and take the money — on the member's
 * account (a line on their next invoice), by card now (a Stripe payment method id; test mode: `pm_card_visa`) or in
 * cash (with change). One `Idempotency-Key` per sale, kept across retries of the same cart. Stock shown on each
 * product refreshes after every sale (`pos.sale.*` events, from any till).
 */
import { LitElement, html, nothing, css } from 'lit'
import { api, can, toast, realtime, screenStyles, splitProblem, valueOf, Subscriptions } from '@tessera/ui-kit'
import type { Problem, TableColumn, Tenant } from '@tessera/ui-kit'
import { money, posCurrency, reportUrl, today } from './shared.ts'
import { posPermissions } from '../src/contract/pos-permissions.ts'
import type { saleCompleted, saleRefunded } from '../src/contract/index.ts'
import type { PaymentMethod, Product, Sale, SaleInput } from '../src/contract/index.ts'

type Method = PaymentMethod
interface CartLine { product: Product; quantity: number }

export class PosSale extends LitElement {
  static styles = [screenStyles, css`
    .layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(300px, 2fr); gap: var(--tz-space-6); align-items: start; }
    .products { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: var(--tz-space-3); }
    .product { all: unset; box-sizing: border-box; cursor: pointer; display: grid; gap: var(--tz-space-1); padding: var(--tz-space-3);
      border: 1px solid var(--tz-color-border); border-radius: var(--tz-radius-md); background: var(--tz-color-surface); }
    .product:hover { border-color: var(--tz-color-accent); }
    .product:focus-visible { box-shadow: var(--tz-focus-ring); }
    .product[aria-disabled='true'] { cursor: not-allowed; opacity: 0.55; }
    .product .name { font-weight: 600; }
    .product .meta { color: var(--tz-color-text-muted); font-size: var(--tz-text-sm); }
    .cart { border: 1px solid var(--tz-color-border); border-radius: var(--tz-radius-lg); padding: var(--tz-space-4); background: var(--tz-color-surface); display: grid; gap: var(--tz-space-4); }
    .total { display: flex; justify-content: space-between; font-size: var(--tz-text-xl); font-weight: 700; }
    h3 { margin: var(--tz-space-5) 0 var(--tz-space-2); font-size: var(--tz-text-md); color: var(--tz-color-text-muted); }
    h3:first-of-type { margin-top: 0; }
    @media (max-width: 900px) { .layout { grid-template-columns: 1fr; } }
  `]
  static properties = {
    tenant: { attribute: false },
    products: { state: true },
    currency: { state: true },
    cart: { state: true },
    method: { state: true },
    people: { state: true },
    payerId: { state: true },
    paymentMethodId: { state: true },
    cashTendered: { state: true },
    busy: { state: true },
    problem: { state: true },
    fieldErrors: { state: true },
    last: { state: true },
  }
  declare tenant: Tenant | null
  declare products: Product[]
  declare currency: string
  declare cart: CartLine[]
  declare method: Method
  declare people: { value: string; label: string }[]
  declare payerId: string
  declare paymentMethodId: string
  declare cashTendered: number | null
  declare busy: boolean
  declare problem: Problem | null
  declare fieldErrors: Record<string, string>
  declare last: Sale | null
  private key = crypto.randomUUID()
  private readonly subscriptions = new Subscriptions(this)

  constructor() {
    super()
    this.tenant = null
    this.products = []
    this.currency = 'EUR'
    this.cart = []
    this.method = 'account'
    this.people = []
    this.payerId = ''
    this.paymentMethodId = ''
    this.cashTendered = null
    this.busy = false
    this.problem = null
    this.fieldErrors = {}
    this.last = null
  }

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
    this.subscriptions.stops = [('pos.sale.completed' satisfies typeof saleCompleted.name), ('pos.sale.refunded' satisfies typeof saleRefunded.name)].map((n) => realtime().subscribe(n, () => void this.loadProducts()))
  }


  private async load(): Promise<void> {
    try {
      const [, currency, people] = await Promise.all([
        this.loadProducts(), posCurrency(this.tenant),
        api<{ items: { id: string; name: string; email: string | null }[] }>('/api/v1/members/people', { query: { limit: 100, status: 'active' } }),
      ])
      this.currency = currency
      this.people = people.items.map((p) => ({ value: p.id, label: p.email ? `${p.name} (${p.email})` : p.name }))
    } catch (error) {
      toast(error)
    }
  }

  private async loadProducts(): Promise<void> {
    this.products = await api<Product[]>('/api/v1/pos/products', { query: { active: true } })
    // keep cart lines pointing at fresh products (stock)
    this.cart = this.cart.map((l) => ({ ...l, product: this.products.find((p) => p.id === l.product.id) ?? l.product }))
  }

  private changed(): void {
    this.key = crypto.randomUUID() // another cart is another sale
    this.problem = null
  }

  private inCart(p: Product): number {
    return this.cart.find((l) => l.product.id === p.id)?.quantity ?? 0
  }

  private add(p: Product, delta = 1): void {
    const q = this.inCart(p) + delta
    if (p.trackStock && q > (p.stock)) {
      toast({ variant: 'warning', title: `Only ${p.stock} ${p.name} in stock.` })
      return
    }
    this.cart = q <= 0 ? this.cart.filter((l) => l.product.id !== p.id)
      : this.inCart(p) ? this.cart.map((l) => (l.product.id === p.id ? { ...l, quantity: q } : l))
      : [...this.cart, { product: p, quantity: q }]
    this.changed()
  }

  private get total(): number {
    return this.cart.reduce((s, l) => s + l.product.price * l.quantity, 0)
  }

  private async pay(): Promise<void> {
    if (this.busy) return
    const errors: Record<string, string> = {}
    if (!this.cart.length) errors.lines = 'Add a product.'
    if (this.method === 'account' && !this.payerId) errors.payerId = 'Choose the member whose account is charged.'
    if (this.method === 'card' && !/^pm_[A-Za-z0-9_]+$/.test(this.paymentMethodId.trim())) errors.paymentMethodId = 'Enter the card\'s payment method id (pm_…).'
    if (this.method === 'cash' && (this.cashTendered === null || Math.round(this.cashTendered * 100) < this.total)) errors.cashTendered = `At least ${money(this.total, this.currency)}.`
    this.fieldErrors = errors
    if (errors.lines) toast({ variant: 'warning', title: errors.lines })
    if (Object.keys(errors).length) return
    const body: SaleInput = { lines: this.cart.map((l) => ({ productId: l.product.id, quantity: l.quantity })), method: this.method }
    if (this.method === 'account') Object.assign(body, { payerType: 'person', payerId: this.payerId })
    if (this.method === 'card') body.paymentMethodId = this.paymentMethodId.trim()
    if (this.method === 'cash') body.cashTendered = Math.round((this.cashTendered ?? 0) * 100)
    this.busy = true
    this.problem = null
    try {
      const sale = await api<Sale>('/api/v1/pos/sales', { method: 'POST', body, headers: { 'Idempotency-Key': this.key } })
      this.last = sale
      const how = { account: 'on account', card: 'by card', cash: 'in cash' }[sale.method]
      toast({ variant: 'success', title: `Sold ${money(sale.total, this.currency)} ${how}.`, message: sale.change ? `Change: ${money(sale.change, this.currency)}` : undefined })
      this.cart = []
      this.cashTendered = null
      this.paymentMethodId = ''
      // the next sale is someone else's: the customer is cleared with the cart
      this.payerId = ''
      this.changed()
      await this.loadProducts()
    } catch (error) {
      const { problem, fieldErrors } = splitProblem(error, ['payerId', 'paymentMethodId', 'cashTendered'])
      this.fieldErrors = fieldErrors
      this.problem = problem
    } finally {
      this.busy = false
    }
  }

  private cartColumns: TableColumn<CartLine>[] = [
    { key: 'name', label: 'Item', render: (l) => html`<span class="cell-title">${l.product.name}</span>` },
    { key: 'quantity', label: 'Qty', render: (l) => html`<span style="display: inline-flex; align-items: center; gap: var(--tz-space-2); white-space: nowrap">
        <tz-button size="sm" variant="ghost" label=${`One less ${l.product.name}`} @click=${() => this.add(l.product, -1)}>−</tz-button>
        <span aria-label=${`Quantity of ${l.product.name}`}>${l.quantity}</span>
        <tz-button size="sm" variant="ghost" label=${`One more ${l.product.name}`} @click=${() => this.add(l.product, 1)}>+</tz-button></span>` },
    { key: 'gross', label: 'Amount', align: 'right', render: (l) => money(l.product.price * l.quantity, this.currency) },
  ]

  render() {
    const e = this.fieldErrors
    const byCategory = new Map<string, Product[]>()
    for (const p of this.products) byCategory.set(p.category, [...(byCategory.get(p.category) ?? []), p])
    return html`<tz-page-header heading="Point of sale" description="Front desk: pick products, pick who pays, take the money.">
        <tz-button slot="actions" href="/pos/products">Products and stock</tz-button>
        ${can(posPermissions.reports) ? html`<a slot="actions" href=${reportUrl(today())} download=${`pos-${today()}.csv`}>Today's report (CSV)</a>` : nothing}
      </tz-page-header>
      <div class="layout">
        <section aria-label="Products">
          ${this.products.length === 0 ? html`<tz-empty-state icon="shopping-bag" heading="No products" description="Add products in Products and stock."></tz-empty-state>` : nothing}
          ${[...byCategory].map(([category, products]) => html`<h3>${category}</h3>
            <div class="products">${products.map((p) => {
              const out = p.trackStock && (p.stock) - this.inCart(p) <= 0
              // named by its visible text (price and stock too), "Add" said first for screen readers (WCAG 2.5.3)
              return html`<button class="product" aria-disabled=${out ? 'true' : 'false'} @click=${() => !out && this.add(p)}>
                <span class="name"><span class="sr-only">Add </span>${p.name}</span>
                <span>${money(p.price, this.currency)}</span>
                <span class="meta">${p.trackStock ? (out && !this.inCart(p) ? 'Out of stock' : `${p.stock} in stock`) : 'No stock kept'}</span>
              </button>`
            })}</div>`)}
        </section>
        <section class="cart" aria-label="Cart">
          <tz-table caption="Cart" .columns=${this.cartColumns} .rows=${this.cart} .rowKey=${(l: CartLine) => l.product.id}
            empty-heading="The cart is empty" empty-description="Click a product to add it."></tz-table>
          <div class="total"><span>Total</span><span data-total>${money(this.total, this.currency)}</span></div>
          ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
          <tz-select label="Payment" .value=${this.method}
            .options=${[{ value: 'account', label: 'On the member\'s account (next invoice)' }, { value: 'card', label: 'Card now' }, { value: 'cash', label: 'Cash' }]}
            @change=${(ev: Event) => { this.method = valueOf(ev) as Method; this.fieldErrors = {}; this.changed() }}></tz-select>
          ${this.method === 'account' ? html`<tz-select label="Member" placeholder="Choose a member" .value=${this.payerId} .options=${this.people} .error=${e.payerId ?? ''}
              @change=${(ev: Event) => { this.payerId = valueOf(ev); this.fieldErrors = {}; this.changed() }}></tz-select>` : nothing}
          ${this.method === 'card' ? html`<tz-text-field label="Card payment method" placeholder="pm_card_visa" autocomplete="off" .value=${this.paymentMethodId} .error=${e.paymentMethodId ?? ''}
              help="The Stripe payment method id from the card reader (test mode: pm_card_visa)."
              @input=${(ev: Event) => { this.paymentMethodId = valueOf(ev); this.fieldErrors = {}; this.changed() }}></tz-text-field>` : nothing}
          ${this.method === 'cash' ? html`<tz-number-field label=${`Cash tendered (${this.currency})`} min="0" step="0.01" .value=${this.cashTendered} .error=${e.cashTendered ?? ''}
              help=${this.cashTendered && Math.round(this.cashTendered * 100) >= this.total ? `Change: ${money(Math.round(this.cashTendered * 100) - this.total, this.currency)}` : ''}
              @input=${(ev: Event) => { this.cashTendered = valueOf<number | null>(ev); this.fieldErrors = {} }}></tz-number-field>` : nothing}
          <tz-button variant="primary" full ?loading=${this.busy} ?disabled=${!this.cart.length} @click=${() => this.pay()}>Complete sale · ${money(this.total, this.currency)}</tz-button>
          ${this.last ? html`<p class="muted" role="status">Last sale ${money(this.last.total, this.currency)}${this.last.change ? `, change ${money(this.last.change, this.currency)}` : ''}.</p>` : nothing}
        </section>
      </div>`
  }
}

customElements.define('pos-sale', PosSale)
