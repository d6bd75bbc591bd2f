/**
 * `<visitors-today-widget>` (dashboard, "Visitors today"): for the front desk, how many visitors are expected and in
 * the building today and the next ones expected; for everyone else, their own guests today. Live on every
 * `visitors.visitor.*` event. Loading it on the home page also starts the host's arrival toast (`host-arrivals.ts`).
 * The dashboard's location is not used: a visit names a location only when the front desk gave one.
 */
import { LitElement, html, nothing } from 'lit'
import { api, can, realtime, widgetStyles, Subscriptions } from '@tessera/ui-kit'
import { visitorsPermissions } from '../src/contract/visitors-permissions.ts'
import type { Visitor, VisitorPage } from '../src/contract/index.ts'
import { notifyHostArrivals } from './host-arrivals.ts'
import { STATUS, timeOf } from './visit-labels.ts'

const EVENTS = ['registered', 'arrived', 'left', 'cancelled'].map((n) => `visitors.visitor.${n}`)
const BASE = '/api/v1/visitors/visitors'
const pad = (n: number) => String(n).padStart(2, '0')

export class VisitorsTodayWidget extends LitElement {
  static styles = [widgetStyles]
  static properties = { session: { attribute: false }, view: { state: true }, failed: { state: true } }
  declare session: { user: { id: string } } | null
  declare view: { desk: boolean; expected: number; inside: number; items: Visitor[] } | null
  declare failed: boolean
  private readonly live = new Subscriptions(this)
  private debounce: ReturnType<typeof setTimeout> | undefined

  constructor() {
    super()
    this.session = null
    this.view = null
    this.failed = false
  }

  connectedCallback(): void {
    super.connectedCallback()
    const soon = () => {
      clearTimeout(this.debounce)
      this.debounce = setTimeout(() => void this.load(), 150)
    }
    this.live.stops = EVENTS.map((name) => realtime().subscribe(name, soon))
    void this.load()
  }

  disconnectedCallback(): void {
    super.disconnectedCallback()
    clearTimeout(this.debounce)
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('session')) notifyHostArrivals(this.session?.user.id)
  }

  private async load(): Promise<void> {
    try {
      if (can(visitorsPermissions.read)) {
        const [expected, inside] = await Promise.all([
          api<VisitorPage>(BASE, { query: { status: 'expected', limit: 3 } }),
          api<VisitorPage>(BASE, { query: { status: 'arrived', limit: 1 } }),
        ])
        this.view = { desk: true, expected: expected.total, inside: inside.total, items: expected.items }
      } else {
        const now = new Date()
        const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
        const mine = await api<VisitorPage>(`${BASE}/mine`, { query: { from: today, limit: 10 } })
        const items = mine.items.filter((v) => new Date(v.expectedAt).toDateString() === now.toDateString() || v.status === 'arrived')
        this.view = { desk: false, expected: items.filter((v) => v.status === 'expected').length, inside: items.filter((v) => v.status === 'arrived').length, items }
      }
      this.failed = false
    } catch {
      this.failed = true
    }
  }

  render() {
    const v = this.view
    if (!v) return this.failed ? html`<p class="quiet" role="alert">Today's visitors could not be loaded.</p>` : html`<tz-spinner size="16" label="Loading visitors"></tz-spinner>`
    if (!v.items.length && !v.inside) {
      return html`<p class="quiet">${v.desk ? 'No visitor is expected any more today.' : 'You have no guests today.'}</p>
        <div class="widget-footer"><a href=${v.desk ? '/visitors' : '/visitors/mine'}>${v.desk ? 'Open the front desk' : 'Register a guest'}</a></div>`
    }
    return html`<div class="figure">${v.expected} expected · ${v.inside} in</div>
      <div class="figure-label">${v.desk ? 'today at the front desk' : 'your guests today'}</div>
      ${v.items.length ? html`<ul class="items" aria-label=${v.desk ? 'Next expected' : 'Your guests today'}>
        ${v.items.map((i) => html`<li><span class="item-main"><div class="item-title">${i.name}</div>
          <div class="item-sub">${v.desk ? `for ${i.hostName}` : STATUS[i.status].label}${i.company ? ` · ${i.company}` : ''}</div></span>
          <span class="item-side">${i.badgeNumber ? `#${i.badgeNumber}` : timeOf(i.expectedAt)}</span></li>`)}
      </ul>` : nothing}
      <div class="widget-footer"><a href=${v.desk ? '/visitors' : '/visitors/mine'}>${v.desk ? 'Open the front desk' : 'See my guests'}</a></div>`
  }
}

customElements.define('visitors-today-widget', VisitorsTodayWidget)
