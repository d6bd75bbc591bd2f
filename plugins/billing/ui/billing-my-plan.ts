/**
 * `<billing-my-plan>` (`/billing/my-plan`, members): the caller's active plans with what they include, and their
 * booking credits (balance and recent entries).
 */
import { LitElement, html, nothing } from 'lit'
import { api, toast, screenStyles } from '@tessera/ui-kit'
import type { TableColumn, Tenant } from '@tessera/ui-kit'
import { billingCurrency, day, money } from './shared.ts'
import type { MyPlan, WalletEntry } from '@tessera/plugin-billing/contract'

type Entry = WalletEntry

const FEATURE_LABELS: Record<string, string> = { accessGroups: 'Door access', printQuota: 'Print quota (pages / month)', wifi: 'Wi-Fi' }

export class BillingMyPlan extends LitElement {
  static styles = [screenStyles]
  static properties = { tenant: { attribute: false }, data: { state: true }, currency: { state: true } }
  declare tenant: Tenant | null
  declare data: MyPlan | null
  declare currency: string

  constructor() {
    super()
    this.tenant = null
    this.data = null
    this.currency = 'EUR'
  }

  connectedCallback(): void {
    super.connectedCallback()
    void Promise.all([api<MyPlan>('/api/v1/billing/me/plan'), billingCurrency(this.tenant?.id ?? '')])
      .then(([d, c]) => { this.data = d; this.currency = c }, (error) => toast(error))
  }

  private entryColumns: TableColumn<Entry>[] = [
    { key: 'createdAt', label: 'Date', render: (e) => day(e.createdAt) },
    { key: 'reason', label: 'What' },
    { key: 'delta', label: 'Credits', align: 'right', render: (e) => (e.delta > 0 ? `+${e.delta}` : String(e.delta)) },
  ]

  render() {
    const d = this.data
    if (!d) return html`<tz-spinner label="Loading your plan"></tz-spinner>`
    const feature = (k: string, v: unknown) => html`<dt>${FEATURE_LABELS[k] ?? k}</dt><dd>${Array.isArray(v) ? v.join(', ') : typeof v === 'boolean' ? (v ? 'Included' : 'Not included') : String(v)}</dd>`
    return html`<tz-page-header heading="My plan and credits" description="What your membership includes, and the credits your bookings use before anything is charged."></tz-page-header>
      <section class="section">
        <h2>Plan</h2>
        ${d.plans.length
          ? html`<dl class="facts">${d.plans.map((p) => html`<dt>${p.name}</dt><dd>${money(p.monthlyPrice, this.currency)} a month · ${p.includedCredits} credits a month</dd>`)}
              ${Object.entries(d.features).map(([k, v]) => feature(k, v))}</dl>`
          : html`<tz-empty-state icon="credit-card" heading="No active plan" description="Ask the front desk about memberships."></tz-empty-state>`}
      </section>
      <section class="section">
        <h2>Credits: <span data-credits>${d.credits.balance}</span></h2>
        <tz-table caption="Credit history" .columns=${this.entryColumns} .rows=${d.credits.entries} .rowKey=${(e: Entry) => e.source}
          empty-heading="No credit movements yet"></tz-table>
      </section>
      ${nothing}`
  }
}

customElements.define('billing-my-plan', BillingMyPlan)
