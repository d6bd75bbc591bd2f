/**
 * `<billing-profile-section person-id>`: billing's part of a member's profile (`ui.profileSections`) — memberships
 * with their plan, open charges (POS sales on account, bookings, manual charges not yet invoiced) with their total,
 * the credits balance with its latest entries, and the last invoices linked to their detail. The person is the payer.
 */
import { LitElement, html, nothing } from 'lit'
import { api, toast, widgetStyles } from '@tessera/ui-kit'
import { money, day, invoiceTitle, STATUS_LABELS, STATUS_VARIANTS } from './shared.ts'
import type { Invoice, Membership, Page, Plan, Wallet } from './shared.ts'

interface OpenCharges { currency: string; total: number; items: { id: string; description: string; quantity: number; amount: number; createdAt: string }[] }
interface Account { memberships: Membership[]; plans: Map<string, string>; charges: OpenCharges; wallet: Wallet; invoices: Page<Invoice> }

export class BillingProfileSection extends LitElement {
  static styles = [widgetStyles]
  static properties = { personId: { attribute: 'person-id' }, account: { state: true } }
  declare personId: string
  declare account: Account | null

  constructor() {
    super()
    this.personId = ''
    this.account = null
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('personId') && this.personId) void this.load()
  }

  private async load(): Promise<void> {
    const payer = `payerType=person&payerId=${this.personId}`
    try {
      const [memberships, plans, charges, wallet, invoices] = await Promise.all([
        api<Membership[]>(`/api/v1/billing/memberships?${payer}`),
        api<Plan[]>('/api/v1/billing/plans'),
        api<OpenCharges>(`/api/v1/billing/charges/open?${payer}`),
        api<Wallet>(`/api/v1/billing/wallets/person/${this.personId}`),
        api<Page<Invoice>>(`/api/v1/billing/invoices?${payer}&limit=5`),
      ])
      this.account = { memberships, plans: new Map(plans.map((p) => [p.id, p.name])), charges, wallet, invoices }
    } catch (error) {
      toast(error)
    }
  }

  render() {
    const a = this.account
    if (!a) return html`<tz-spinner label="Loading billing"></tz-spinner>`
    const cur = a.charges.currency
    return html`
      <h3>Memberships</h3>
      ${a.memberships.length ? html`<ul class="items">${a.memberships.map((m) => html`<li><div class="item-main">
          <div class="item-title">${a.plans.get(m.planId) ?? 'Plan'}</div><div class="item-sub">From ${m.startsOn}${m.endsOn ? ` to ${m.endsOn}` : ''}</div></div>
          <div class="item-side"><tz-badge variant=${m.status === 'active' ? 'success' : 'warning'}>${m.status === 'active' ? 'Active' : 'Suspended'}</tz-badge></div></li>`)}</ul>`
        : html`<p class="quiet">No membership.</p>`}
      <h3>Open charges</h3>
      ${a.charges.items.length ? html`<ul class="items" data-part="open-charges">${a.charges.items.map((c) => html`<li><div class="item-main">
          <div class="item-title">${c.quantity > 1 ? `${c.quantity} × ` : ''}${c.description}</div><div class="item-sub">${day(c.createdAt)} · not invoiced yet</div></div>
          <div class="item-side">${money(c.amount, cur)}</div></li>`)}
          <li><div class="item-main"><div class="item-title">Total on account</div></div><div class="item-side"><strong>${money(a.charges.total, cur)}</strong></div></li></ul>`
        : html`<p class="quiet">Nothing on account.</p>`}
      <h3>Credits</h3>
      <p><span class="figure">${a.wallet.balance}</span> <span class="figure-label">credits</span></p>
      ${a.wallet.entries.length ? html`<ul class="items">${a.wallet.entries.slice(0, 3).map((e) => html`<li><div class="item-main"><div class="item-title">${e.reason}</div>
          <div class="item-sub">${day(e.createdAt)}</div></div><div class="item-side">${e.delta > 0 ? `+${e.delta}` : e.delta}</div></li>`)}</ul>` : nothing}
      <h3>Invoices</h3>
      ${a.invoices.items.length ? html`<ul class="items">${a.invoices.items.map((inv) => html`<li><div class="item-main">
          <div class="item-title"><a href=${`/billing/invoices/${inv.id}`}>${invoiceTitle(inv)}</a></div><div class="item-sub">${day(inv.issuedAt ?? inv.createdAt)}</div></div>
          <div class="item-side">${money(inv.total, inv.currency)} <tz-badge variant=${STATUS_VARIANTS[inv.status]}>${STATUS_LABELS[inv.status]}</tz-badge></div></li>`)}</ul>
          ${a.invoices.total > a.invoices.items.length ? html`<div class="widget-footer"><a href="/billing/invoices">All ${a.invoices.total} invoices</a></div>` : nothing}`
        : html`<p class="quiet">No invoices.</p>`}`
  }
}

customElements.define('billing-profile-section', BillingProfileSection)
