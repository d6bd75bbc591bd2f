/**
 * `<visitors-desk>`: the front desk's day and a member's guests, one screen.
 *
 * - `/visitors` (front desk, `visitors.manage`): today's visitors by expected time with counts (expected, in the
 *   building, left), a status filter and a search, paginated; "Check in" hands out the badge (its number is shown), "Check
 *   out" takes it back, "Cancel" withdraws an expected visit; "Register visitor" opens the registration dialog.
 * - `/visitors/mine` (anyone with `visitors.register`, and `/visitors` for those who are not front desk): "My guests",
 *   the caller's upcoming guests, with "Register guest" and "Cancel".
 *
 * The list reloads on every `visitors.visitor.*` event; a host whose visitor arrives gets a toast (the event is
 * addressed to them with `ui.userField`, so they receive it without front-desk rights; `host-arrivals.ts`). Everything is a native button,
 * link or form control: reachable with Tab, activated with Enter or Space; "/" focuses the search.
 */
import { LitElement, html, css, nothing } from 'lit'
import { api, can, realtime, screenStyles, toast, valueOf, Subscriptions } from '@tessera/ui-kit'
import type { TableColumn } from '@tessera/ui-kit'
import { visitorsPermissions } from '../src/contract/visitors-permissions.ts'
import type { Visitor, VisitorPage } from '../src/contract/index.ts'
import { notifyHostArrivals } from './host-arrivals.ts'
import { STATUS, dayTimeOf, timeOf } from './visit-labels.ts'
import { WifiVouchers } from './wifi-vouchers.ts'

const EVENTS = ['registered', 'arrived', 'left', 'cancelled'].map((n) => `visitors.visitor.${n}`)
const LIMIT = 25
const BASE = '/api/v1/visitors/visitors'

export class VisitorsDesk extends LitElement {
  static styles = [screenStyles, css`
    .counts { display: flex; gap: var(--tz-space-6); margin: 0 0 var(--tz-space-4); padding: 0; list-style: none; }
    .counts li { display: grid; }
    .counts strong { font-size: var(--tz-text-2xl); }
    .counts span { color: var(--tz-color-text-muted); font-size: var(--tz-text-sm); }
    .filters { display: grid; grid-template-columns: minmax(160px, 220px) minmax(200px, 1fr); gap: var(--tz-space-4); margin-bottom: var(--tz-space-4); }
  `]
  static properties = {
    path: { type: String },
    session: { attribute: false },
    page: { state: true },
    counts: { state: true },
    status: { state: true },
    q: { state: true },
    offset: { state: true },
    registering: { state: true },
    busyId: { state: true },
  }
  declare path: string
  declare session: { user: { id: string } } | null
  declare page: VisitorPage | null
  declare counts: Record<'expected' | 'arrived' | 'left', number>
  declare status: '' | Visitor['status']
  declare q: string
  declare offset: number
  declare registering: boolean
  declare busyId: string
  private readonly live = new Subscriptions(this)
  private readonly vouchers = new WifiVouchers(this)
  private searchTimer: ReturnType<typeof setTimeout> | undefined
  private readonly onKey = (e: KeyboardEvent) => {
    if (e.key !== '/' || !this.desk || e.composedPath().some((n) => n instanceof HTMLInputElement || n instanceof HTMLTextAreaElement)) return
    e.preventDefault()
    ;(this.renderRoot.querySelector('tz-text-field[type="search"]') as HTMLElement | null)?.focus()
  }

  constructor() {
    super()
    this.path = '/visitors'
    this.session = null
    this.page = null
    this.counts = { expected: 0, arrived: 0, left: 0 }
    this.status = ''
    this.q = ''
    this.offset = 0
    this.registering = false
    this.busyId = ''
  }

  /** The front-desk view: on `/visitors` for holders of `visitors.manage`. */
  private get desk(): boolean {
    return this.path !== '/visitors/mine' && can(visitorsPermissions.manage)
  }

  connectedCallback(): void {
    super.connectedCallback()
    this.live.stops = [
      ...EVENTS.map((name) => realtime().subscribe(name, () => void this.load())),
    ]
    document.addEventListener('keydown', this.onKey) // before the shell's window-level shortcuts: '/' is this list's filter here
  }

  disconnectedCallback(): void {
    super.disconnectedCallback()
    document.removeEventListener('keydown', this.onKey)
    clearTimeout(this.searchTimer)
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('session')) notifyHostArrivals(this.session?.user.id)
    if (changed.has('path')) {
      this.offset = 0
      void this.load()
    }
  }

  private async load(): Promise<void> {
    try {
      if (!this.desk) {
        this.page = await api<VisitorPage>(`${BASE}/mine`, { query: { limit: LIMIT, offset: this.offset } })
        return
      }
      const query = { limit: LIMIT, offset: this.offset, ...(this.status ? { status: this.status } : {}), ...(this.q.trim() ? { q: this.q.trim() } : {}) }
      const [page, ...totals] = await Promise.all([
        api<VisitorPage>(BASE, { query }),
        ...(['expected', 'arrived', 'left'] as const).map((status) => api<VisitorPage>(BASE, { query: { status, limit: 1 } })),
      ])
      this.page = page
      this.counts = { expected: totals[0].total, arrived: totals[1].total, left: totals[2].total }
      void this.vouchers.refresh(page.items)
    } catch (error) {
      toast(error)
      this.page = { items: [], total: 0, limit: LIMIT, offset: 0 }
    }
  }

  private async move(v: Visitor, move: 'check-in' | 'check-out' | 'cancel'): Promise<void> {
    if (this.busyId) return
    this.busyId = v.id
    try {
      const done = await api<Visitor>(`${BASE}/${v.id}/${move}`, { method: 'POST', body: {} })
      const message = move === 'check-in' ? `${done.name} checked in: badge ${done.badgeNumber}.`
        : move === 'check-out' ? `${done.name} checked out.` : `The visit of ${done.name} is cancelled.`
      toast({ variant: 'success', message })
      await this.load()
    } catch (error) {
      toast(error)
      await this.load()
    } finally {
      this.busyId = ''
    }
  }

  private actions(v: Visitor) {
    const busy = this.busyId === v.id
    const button = (move: 'check-in' | 'check-out' | 'cancel', text: string, variant: string) =>
      html`<tz-button size="sm" variant=${variant} ?loading=${busy} label=${`${text} ${v.name}`} @click=${() => this.move(v, move)}>${text}</tz-button>`
    if (!this.desk) return v.status === 'expected' ? html`<div class="cell-actions">${button('cancel', 'Cancel', 'ghost')}</div>` : nothing
    return html`<div class="cell-actions">
      ${v.status === 'expected' ? html`${button('check-in', 'Check in', 'primary')}${button('cancel', 'Cancel', 'ghost')}` : nothing}
      ${v.status === 'arrived' ? button('check-out', 'Check out', 'secondary') : nothing}
    </div>`
  }

  /** The guest Wi-Fi voucher of a visitor in the building, where Wi-Fi issued one. */
  private wifiCode(v: Visitor) {
    const code = v.status === 'arrived' ? this.vouchers.codeOf(v.id) : undefined
    return code ? html`<div class="cell-sub" data-wifi-voucher>Wi-Fi <span class="cell-mono">${code}</span></div>` : nothing
  }

  private get columns(): TableColumn<Visitor>[] {
    const desk = this.desk
    return [
      { key: 'name', label: 'Visitor', render: (v) => html`<span class="cell-title">${v.name}</span>${v.company ? html`<div class="cell-sub">${v.company}</div>` : nothing}` },
      { key: 'expectedAt', label: 'Expected', render: (v) => (desk ? timeOf(v.expectedAt) : dayTimeOf(v.expectedAt)) },
      ...(desk ? [{ key: 'hostName', label: 'Host', render: (v: Visitor) => v.hostName }] : []),
      { key: 'status', label: 'Status', render: (v) => html`<tz-badge dot variant=${STATUS[v.status].variant}>${STATUS[v.status].label}</tz-badge>${v.arrivedAt ? html`<div class="cell-sub">${v.leftAt ? `left ${timeOf(v.leftAt)}` : `since ${timeOf(v.arrivedAt)}`}</div>` : nothing}` },
      { key: 'badgeNumber', label: 'Badge', align: 'right', render: (v) => html`${v.badgeNumber ? html`<span class="cell-mono">#${v.badgeNumber}</span>` : html`<span class="cell-muted">—</span>`}${this.wifiCode(v)}` },
      { key: 'actions', label: 'Actions', align: 'right', render: (v) => this.actions(v) },
    ]
  }

  private filters() {
    return html`<div class="filters" role="search" aria-label="Filter visitors">
      <tz-select label="Status" .value=${this.status}
        .options=${[{ value: '', label: 'All' }, ...(['expected', 'arrived', 'left', 'cancelled'] as const).map((s) => ({ value: s, label: STATUS[s].label }))]}
        @change=${(e: Event) => { this.status = valueOf(e) as VisitorsDesk['status']; this.offset = 0; void this.load() }}></tz-select>
      <tz-text-field label="Search" type="search" placeholder="Name or company (press /)" maxlength="100" .value=${this.q}
        @input=${(e: Event) => {
          this.q = valueOf(e)
          clearTimeout(this.searchTimer)
          this.searchTimer = setTimeout(() => { this.offset = 0; void this.load() }, 250)
        }}></tz-text-field>
    </div>`
  }

  render() {
    const desk = this.desk
    const page = this.page
    const filtered = Boolean(this.status || this.q.trim())
    return html`<tz-page-header heading=${desk ? 'Visitors today' : 'My guests'}
        description=${desk ? 'Who is expected, who is in the building, who has left. Check visitors in to hand out a badge.' : 'Guests you have registered. You are told here when one arrives.'}>
        <tz-button slot="actions" variant="primary" @click=${() => (this.registering = true)}>${desk ? 'Register visitor' : 'Register guest'}</tz-button>
      </tz-page-header>
      ${desk ? html`<ul class="counts" aria-label="Today">
        <li><strong>${this.counts.expected}</strong><span>Expected</span></li>
        <li><strong>${this.counts.arrived}</strong><span>In the building</span></li>
        <li><strong>${this.counts.left}</strong><span>Left</span></li>
      </ul>${this.filters()}` : nothing}
      <tz-table caption=${desk ? 'Visitors today' : 'My guests'} .columns=${this.columns} .rows=${page?.items ?? []} .rowKey=${(v: Visitor) => v.id}
        ?loading=${page === null} .total=${page?.total ?? 0} .limit=${LIMIT} .offset=${this.offset}
        empty-heading=${desk ? (filtered ? 'No visitor matches' : 'No visitors today') : 'No guests registered'}
        empty-description=${desk ? (filtered ? 'Try another status or search.' : 'Registered visitors appear here on the day they are expected.') : 'Register a guest and the front desk will expect them.'}
        @tz-page=${(e: CustomEvent<{ offset: number }>) => { this.offset = e.detail.offset; void this.load() }}></tz-table>
      <visitors-register-dialog .open=${this.registering} ?staff=${desk} .userId=${this.session?.user.id ?? ''}
        @tz-close=${() => (this.registering = false)}
        @visitors-registered=${(e: CustomEvent<Visitor>) => { toast({ variant: 'success', message: `${e.detail.name} is expected ${dayTimeOf(e.detail.expectedAt)}.` }); void this.load() }}></visitors-register-dialog>`
  }
}

customElements.define('visitors-desk', VisitorsDesk)
