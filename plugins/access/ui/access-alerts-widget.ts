/**
 * `<access-alerts-widget>` (dashboard, "Door alerts"): at the dashboard's location, the doors offline now (the door
 * or its site agent) and the doors forced or held open in the last 24 hours, newest first, with a link to the doors
 * screen. Live: reloads on `access.door.event`, `access.door.status-changed` and `access.agent.status-changed`.
 */
import { LitElement, html, nothing } from 'lit'
import type { PropertyValues } from 'lit'
import { api, realtime, widgetStyles, Subscriptions } from '@tessera/ui-kit'
import type { DoorAlerts } from '../src/contract/index.ts'

const EVENTS = ['access.door.event', 'access.door.status-changed', 'access.agent.status-changed']
const KIND_LABELS = { forced: 'Forced open', 'held-open': 'Held open' } as const
const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })

export class AccessAlertsWidget extends LitElement {
  static styles = [widgetStyles]
  static properties = { locationId: { attribute: 'location-id' }, alerts: { state: true }, failed: { state: true } }
  declare locationId: string
  declare alerts: DoorAlerts | null
  declare failed: boolean
  private readonly live = new Subscriptions(this)
  private debounce: ReturnType<typeof setTimeout> | undefined
  private loads = 0

  constructor() {
    super()
    this.locationId = ''
    this.alerts = null
    this.failed = false
  }

  connectedCallback(): void {
    super.connectedCallback()
    const soon = () => {
      clearTimeout(this.debounce)
      this.debounce = setTimeout(() => void this.load(), 150)
    }
    this.live.stops = EVENTS.map((name) => realtime().subscribe(name, soon))
  }

  disconnectedCallback(): void {
    super.disconnectedCallback()
    clearTimeout(this.debounce)
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locationId')) void this.load()
  }

  private async load(): Promise<void> {
    const seq = ++this.loads
    try {
      const alerts = await api<DoorAlerts>('/api/v1/access/alerts', { query: { locationId: this.locationId || undefined } })
      if (seq !== this.loads) return
      this.alerts = alerts
      this.failed = false
    } catch {
      if (seq === this.loads) this.failed = true
    }
  }

  render() {
    const a = this.alerts
    if (!a) return this.failed ? html`<p class="quiet" role="alert">The door alerts could not be loaded.</p>` : html`<tz-spinner size="16" label="Loading door alerts"></tz-spinner>`
    if (!a.offline.length && !a.events.length) return html`<div class="figure">0</div><p class="quiet">All doors are online; none was forced or held open today.</p>`
    return html`<div class="figure">${a.counts.offline + a.counts.forced + a.counts.heldOpen}</div>
      <div class="figure-label">${a.counts.offline} offline · ${a.counts.forced} forced · ${a.counts.heldOpen} held open (24 h)</div>
      <ul class="items" aria-label="Door alerts">
        ${a.offline.map((d) => html`<li><span class="item-main"><div class="item-title">${d.name}</div>
          <div class="item-sub">${d.reason === 'agent-disconnected' ? 'Site agent not connected' : 'Door offline'}</div></span>
          <span class="item-side"><tz-badge variant="danger" dot>Offline</tz-badge></span></li>`)}
        ${a.events.slice(0, 6).map((e) => html`<li><span class="item-main"><div class="item-title">${e.doorName}</div>
          <div class="item-sub">${KIND_LABELS[e.kind]} at ${time(e.occurredAt)}</div></span>
          <span class="item-side"><tz-badge variant="warning" dot>${KIND_LABELS[e.kind]}</tz-badge></span></li>`)}
      </ul>
      ${a.offline.length || a.events.length ? html`<div class="widget-footer"><a href="/doors">Open the doors</a></div>` : nothing}`
  }
}

customElements.define('access-alerts-widget', AccessAlertsWidget)
