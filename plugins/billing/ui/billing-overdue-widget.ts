/**
 * `<billing-overdue-widget>` (dashboard, "Overdue invoices"): how many issued invoices are past their due date with
 * money still due, the total, the longest overdue ones, and a link to the issued invoices. Live: reloads on every
 * `billing.invoice.*` event (a payment, a credit note, an invoice run) and each hour (due dates pass).
 */
import { LitElement, html } from 'lit'
import { api, widgetStyles, LiveData } from '@tessera/ui-kit'
import type { OverdueSummary } from '@tessera/plugin-billing/contract'
import { money } from './shared.ts'

const INVOICE_EVENTS = ['billing.invoice.issued', 'billing.invoice.updated', 'billing.invoice.paid', 'billing.invoice.voided']

export class BillingOverdueWidget extends LitElement {
  static styles = [widgetStyles]
  private readonly overdue = new LiveData(this, {
    events: INVOICE_EVENTS, refreshMs: 3_600_000, load: () => api<OverdueSummary>('/api/v1/billing/overdue/summary'),
  })

  render() {
    const s = this.overdue.value
    if (!s) return this.overdue.failed ? html`<p class="quiet" role="alert">The overdue invoices could not be loaded.</p>` : html`<tz-spinner size="16" label="Loading invoices"></tz-spinner>`
    if (!s.count) return html`<div class="figure">0</div><p class="quiet">No invoice is overdue.</p>`
    return html`<div class="figure">${s.count} · ${money(s.amountDue, s.currency)}</div>
      <div class="figure-label">overdue since ${s.oldestDueOn}</div>
      <ul class="items" aria-label="Longest overdue">
        ${s.items.map((i) => html`<li><span class="item-main"><div class="item-title"><a href=${`/billing/invoices/${i.id}`}>${i.number ?? 'Invoice'}</a></div>
          <div class="item-sub">${i.payerName} · due ${i.dueOn}</div></span><span class="item-side">${money(i.amountDue, s.currency)}</span></li>`)}
      </ul>
      <div class="widget-footer"><a href="/billing/invoices?status=issued">See issued invoices</a></div>`
  }
}

customElements.define('billing-overdue-widget', BillingOverdueWidget)
