/**
 * `<wifi-vouchers>` (`/wifi/vouchers`): staff create guest vouchers at the UniFi controller — name, how many, how
 * long, optional data limit — and see the latest ones with their codes; vouchers of a day pass sold at the POS or of an
 * arriving visitor appear live (`wifi.vouchers.issued`). "Print" sends a voucher's ticket to a `vouchers` printer
 * (through the access plugin; each click prints once).
 */
import { LitElement, html, css, nothing } from 'lit'
import { api, toast, can, valueOf, realtime, Subscriptions } from '@tessera/ui-kit'
import type { TableColumn } from '@tessera/ui-kit'
import { wifiPermissions } from '../src/contract/index.ts'
import type { Voucher, vouchersIssued } from '../src/contract/index.ts'
import { formatMinutes, formatTime } from './wifi-format.ts'

export class WifiVouchers extends LitElement {
  static styles = css`
    :host { display: block; }
    form { display: flex; flex-wrap: wrap; gap: var(--tz-space-4); align-items: end; margin-bottom: var(--tz-space-6); }
    .code { font-family: var(--tz-font-mono); letter-spacing: 0.1em; }
  `
  static properties = {
    vouchers: { state: true }, name: { state: true }, count: { state: true }, hours: { state: true }, dataLimitMb: { state: true }, busy: { state: true },
    printing: { state: true },
  }
  declare vouchers: Voucher[] | null
  declare name: string
  declare count: number | null
  declare hours: number | null
  declare dataLimitMb: number | null
  declare busy: boolean
  declare printing: Set<string>

  constructor() {
    super()
    this.vouchers = null
    this.name = 'Guest'
    this.count = 1
    this.hours = 8
    this.dataLimitMb = null
    this.busy = false
    this.printing = new Set()
  }

  private readonly live = new Subscriptions(this)

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
    // a day pass sold at the POS (or another desk) issues vouchers: show them without a reload
    this.live.stops = [realtime().subscribe('wifi.vouchers.issued' satisfies typeof vouchersIssued.name, () => void this.load())]
  }

  private async load(): Promise<void> {
    try {
      this.vouchers = (await api<{ items: Voucher[] }>('/api/v1/wifi/vouchers')).items
    } catch (error) {
      toast(error)
      this.vouchers = []
    }
  }

  private async create(e: Event): Promise<void> {
    e.preventDefault()
    this.busy = true
    try {
      const body = {
        name: this.name || 'Guest', count: this.count ?? 1, durationMinutes: Math.round((this.hours ?? 1) * 60),
        ...(this.dataLimitMb ? { dataLimitMb: this.dataLimitMb } : {}),
      }
      const made = (await api<{ items: Voucher[] }>('/api/v1/wifi/vouchers', { method: 'POST', body, headers: { 'idempotency-key': crypto.randomUUID() } })).items
      toast({ variant: 'success', message: `${made.length} voucher${made.length === 1 ? '' : 's'} created.` })
      this.vouchers = [...made, ...(this.vouchers ?? [])]
    } catch (error) {
      toast(error)
    } finally {
      this.busy = false
    }
  }

  private async print(v: Voucher): Promise<void> {
    if (this.printing.has(v.id)) return
    this.printing = new Set([...this.printing, v.id])
    try {
      await api(`/api/v1/wifi/vouchers/${v.id}/print`, { method: 'POST', body: {}, headers: { 'idempotency-key': crypto.randomUUID() } })
      toast({ variant: 'success', message: `Voucher ${v.code} sent to the printer.` })
    } catch (error) {
      toast(error)
    } finally {
      const next = new Set(this.printing)
      next.delete(v.id)
      this.printing = next
    }
  }

  private columns: TableColumn<Voucher>[] = [
    { key: 'code', label: 'Code', render: (v) => html`<span class="code">${v.code}</span>` },
    { key: 'name', label: 'Name' },
    { key: 'durationMinutes', label: 'Valid for', render: (v) => formatMinutes(v.durationMinutes) },
    { key: 'dataLimitMb', label: 'Data limit', render: (v) => (v.dataLimitMb ? `${v.dataLimitMb} MB` : 'None') },
    { key: 'source', label: 'From', render: (v) => (v.source === 'pos' ? 'Day pass (POS)' : v.source === 'visitor' ? 'Visitor' : 'Staff') },
    { key: 'createdAt', label: 'Created', render: (v) => formatTime(v.createdAt) },
    { key: 'actions', label: 'Actions', align: 'right', render: (v) => (can(wifiPermissions.vouchers) ? html`<div class="cell-actions">
        <tz-button size="sm" variant="secondary" label=${`Print voucher ${v.code}`} ?loading=${this.printing.has(v.id)} @click=${() => this.print(v)}>Print</tz-button></div>` : nothing) },
  ]

  render() {
    return html`<tz-page-header heading="Guest Wi-Fi" description="Vouchers for the guest network (UniFi hotspot)."></tz-page-header>
      ${can(wifiPermissions.vouchers) ? html`<form aria-label="New vouchers" @submit=${(e: Event) => this.create(e)}>
          <tz-text-field label="Name" .value=${this.name} @input=${(ev: Event) => { this.name = valueOf(ev) }}></tz-text-field>
          <tz-number-field label="How many" integer min="1" max="100" .value=${this.count} @input=${(ev: Event) => { this.count = valueOf<number | null>(ev) }}></tz-number-field>
          <tz-number-field label="Valid for (hours)" min="1" max="8760" .value=${this.hours} @input=${(ev: Event) => { this.hours = valueOf<number | null>(ev) }}></tz-number-field>
          <tz-number-field label="Data limit (MB)" integer min="1" max="1048576" .value=${this.dataLimitMb} @input=${(ev: Event) => { this.dataLimitMb = valueOf<number | null>(ev) }}></tz-number-field>
          <tz-button type="submit" variant="primary" ?loading=${this.busy}>Create vouchers</tz-button>
        </form>` : nothing}
      <tz-table caption="Guest vouchers" .columns=${this.columns} .rows=${this.vouchers ?? []} ?loading=${this.vouchers === null}
        empty-heading="No vouchers yet" empty-description="Create vouchers here, or sell a day pass at the POS."></tz-table>`
  }
}

customElements.define('wifi-vouchers', WifiVouchers)
