/**
 * `<access-alerts-widget>` (dashboard, "Door alerts"): at the dashboard's location, the doors offline now (the door
 * or its site agent) and the doors forced or held open in the last 24 hours, newest first, with a link to the doors
 * screen. Live: reloads on `access.door.event`, `access.door.status-changed` and `access.agent.status-changed`.
 */
import { LitElement, html, nothing } from 'lit'
import type { PropertyValues } from 'lit'
import { api, widgetStyles, LiveData, formatTime } from '@tessera/ui-kit'
import type { DoorAlerts } from '../src/contract/index.ts'

const EVENTS = ['access.door.event', 'access.door.status-changed', 'access.agent.status-changed']
const KIND_LABELS = { forced: 'Forced open', 'held-open': 'Held open' } as const
const time = (iso: string) => formatTime(iso)

export class AccessAlertsWidget extends LitElement {
  static styles = [widgetStyles]
  static properties = { locationId: { attribute: 'location-id' } }
  declare locationId: string
  private readonly alerts = new LiveData(this, {
    events: EVENTS,
    load: () => api<DoorAlerts>('/api/v1/access/alerts', { query: { locationId: this.locationId || undefined } }),
  })

  constructor() {
    super()
    this.locationId = ''
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locationId') && this.hasUpdated) void this.alerts.reload(true)
  }

  render() {
    const a = this.alerts.value
    if (!a) return this.alerts.failed ? html`<p class="quiet" role="alert">The door alerts could not be loaded.</p>` : html`<tz-spinner size="16" label="Loading door alerts"></tz-spinner>`
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
