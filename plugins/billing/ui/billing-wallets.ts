/**
 * `<billing-wallets>` (`/billing/wallets`, staff): credit balances of every payer, paginated; a row opens that
 * payer's recent wallet entries (top-ups, bookings, refunds, adjustments). Live on `billing.membership.*`.
 */
import { LitElement, html, nothing } from 'lit'
import { api, toast, screenStyles } from '@tessera/ui-kit'
import type { TableColumn, Tenant } from '@tessera/ui-kit'
import { day } from './shared.ts'
import type { Wallet, WalletEntry, WalletPage } from '@tessera/plugin-billing/contract'

const LIMIT = 25
type Balance = WalletPage['items'][number]
type Entry = WalletEntry

export class BillingWallets extends LitElement {
  static styles = [screenStyles]
  static properties = {
    tenant: { attribute: false },
    page: { state: true },
    offset: { state: true },
    loading: { state: true },
    selected: { state: true },
    entries: { state: true },
  }
  declare tenant: Tenant | null
  declare page: WalletPage | null
  declare offset: number
  declare loading: boolean
  declare selected: Balance | null
  declare entries: Entry[]

  constructor() {
    super()
    this.tenant = null
    this.page = null
    this.offset = 0
    this.loading = true
    this.selected = null
    this.entries = []
  }

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  private async load(): Promise<void> {
    this.loading = true
    try {
      this.page = await api<WalletPage>('/api/v1/billing/wallets', { query: { limit: LIMIT, offset: this.offset } })
    } catch (error) {
      toast(error)
    } finally {
      this.loading = false
    }
  }

  private async show(b: Balance): Promise<void> {
    this.selected = b
    this.entries = []
    try {
      this.entries = (await api<Wallet>(`/api/v1/billing/wallets/${b.payerType}/${b.payerId}`)).entries
    } catch (error) {
      toast(error)
    }
  }

  private columns: TableColumn<Balance>[] = [
    { key: 'payerName', label: 'Member', render: (b) => html`<button class="link" @click=${() => this.show(b)} aria-label=${`Credits of ${b.payerName}`}>${b.payerName}</button>` },
    { key: 'payerType', label: 'Type', render: (b) => (b.payerType === 'person' ? 'Person' : 'Organisation') },
    { key: 'balance', label: 'Credits', align: 'right', render: (b) => html`<strong>${b.balance}</strong>` },
  ]

  private entryColumns: TableColumn<Entry>[] = [
    { key: 'createdAt', label: 'Date', render: (e) => day(e.createdAt) },
    { key: 'reason', label: 'What' },
    { key: 'delta', label: 'Credits', align: 'right', render: (e) => (e.delta > 0 ? `+${e.delta}` : String(e.delta)) },
  ]

  render() {
    return html`<style>
        button.link { all: unset; cursor: pointer; color: var(--tz-color-text); font-weight: 600; }
        button.link:hover { color: var(--tz-color-accent); text-decoration: underline; }
        button.link:focus-visible { box-shadow: var(--tz-focus-ring); border-radius: var(--tz-radius-sm); }
      </style>
      <tz-page-header heading="Credits" description="Booking credits per member: topped up monthly by their plan, used by bookings before money."></tz-page-header>
      <tz-table caption="Credit balances" .columns=${this.columns} .rows=${this.page?.items ?? []} .rowKey=${(b: Balance) => b.payerId} ?loading=${this.loading && !this.page}
        empty-heading="No credits yet" empty-description="Wallets appear when a membership tops one up or staff adjust one."
        .total=${this.page?.total ?? 0} .limit=${LIMIT} .offset=${this.offset}
        @tz-page=${(ev: CustomEvent<{ offset: number }>) => { this.offset = ev.detail.offset; void this.load() }}></tz-table>
      <tz-dialog .open=${this.selected !== null} heading=${`Credits of ${this.selected?.payerName ?? ''}`}
        description=${this.selected ? `Balance: ${this.selected.balance} credits. The latest 100 entries.` : ''} @tz-close=${() => (this.selected = null)}>
        ${this.selected ? html`<tz-table caption="Wallet entries" .columns=${this.entryColumns} .rows=${this.entries} .rowKey=${(e: Entry) => e.source}
          empty-heading="No entries"></tz-table>` : nothing}
        <tz-button slot="footer" @click=${() => (this.selected = null)}>Close</tz-button>
      </tz-dialog>`
  }
}

customElements.define('billing-wallets', BillingWallets)
