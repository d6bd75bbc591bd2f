/**
 * `<access-doors>` (`/doors`): every door with its live state — locked/unlocked, open/closed, online — updated in
 * place from the realtime events `access.door.status-changed` (and reloaded on `access.door.event` and
 * `access.agent.status-changed`), an Unlock button per door (the API checks the caller's rights; the answer or
 * problem is shown as a toast), the site agents' health and the latest door events.
 */
import { html, css, nothing } from 'lit'
import { api, can, formatDateTime, toast, realtime } from '@tessera/ui-kit'
import type { TableColumn } from '@tessera/ui-kit'
import { AccessScreen, locationNames } from './access-screen.ts'
import { accessPermissions } from '../src/contract/access-permissions.ts'
import type { Agent, Door, DoorEvent, DoorStatusChange, agentStatusChanged, doorEventLogged, doorStatusChanged } from '../src/contract/index.ts'

type Page<T> = { items: T[] }

const when = (iso: string | null) => formatDateTime(iso)

export class AccessDoors extends AccessScreen {
  static styles = css`
    :host { display: block; }
    .section { margin-top: var(--tz-space-8); }
    .section h2 { font-size: var(--tz-text-lg); margin: 0 0 var(--tz-space-3); }
    .states { display: flex; gap: var(--tz-space-2); flex-wrap: wrap; }
  `
  static properties = {
    doors: { state: true },
    agents: { state: true },
    events: { state: true },
    locations: { state: true },
  }
  declare doors: Door[] | null
  declare agents: Agent[]
  declare events: DoorEvent[]
  declare locations: Record<string, string>

  constructor() {
    super()
    this.doors = null
    this.agents = []
    this.events = []
    this.locations = {}
  }

  connectedCallback(): void {
    super.connectedCallback()
    this.subscriptions.stops = [
      realtime().subscribe<DoorStatusChange>('access.door.status-changed' satisfies typeof doorStatusChanged.name, (e) => this.applyStatus(e.data)),
      realtime().subscribe('access.door.event' satisfies typeof doorEventLogged.name, () => this.reloadSoon()),
      realtime().subscribe('access.agent.status-changed' satisfies typeof agentStatusChanged.name, () => this.reloadSoon()),
    ]
    void this.load()
  }

  private applyStatus(s: DoorStatusChange): void {
    if (!this.doors) return
    this.doors = this.doors.map((d) => (d.id === s.doorId ? { ...d, lockState: s.lockState, doorState: s.doorState, online: s.online } : d))
  }

  protected async load(): Promise<void> {
    try {
      const [doors, agents, events, locations] = await Promise.all([
        api<Page<Door>>('/api/v1/access/doors'),
        api<Page<Agent>>('/api/v1/access/agents'),
        api<Page<DoorEvent>>('/api/v1/access/events', { query: { limit: 20 } }),
        locationNames(),
      ])
      this.doors = doors.items
      this.agents = agents.items
      this.events = events.items
      this.locations = locations
    } catch (error) {
      toast(error)
      this.doors ??= []
    }
  }

  private unlock(door: Door): Promise<void> {
    return this.whileBusy(door.id, async () => {
      await api(`/api/v1/access/doors/${door.id}/unlock`, { method: 'POST', body: {}, headers: { 'idempotency-key': crypto.randomUUID() } })
      toast({ variant: 'success', message: `${door.name} unlocked.` })
    })
  }

  private doorName(id: string | null): string {
    return this.doors?.find((d) => d.id === id)?.name ?? '—'
  }

  private columns: TableColumn<Door>[] = [
    { key: 'name', label: 'Door', render: (d) => html`<span class="cell-title">${d.name}</span><div class="cell-sub">${this.locations[d.locationId] ?? ''}</div>` },
    { key: 'state', label: 'State', render: (d) => html`<div class="states">
        ${d.online === false || !d.agentConnected
          ? html`<tz-badge variant="danger" dot>${d.agentConnected ? 'Offline' : 'Agent offline'}</tz-badge>`
          : html`<tz-badge variant=${d.lockState === 'unlocked' ? 'warning' : 'success'} dot>${d.lockState === 'unlocked' ? 'Unlocked' : d.lockState === 'locked' ? 'Locked' : 'Unknown'}</tz-badge>`}
        ${d.doorState === 'open' ? html`<tz-badge variant="warning">Open</tz-badge>` : d.doorState === 'closed' ? html`<tz-badge variant="neutral">Closed</tz-badge>` : nothing}
      </div>` },
    { key: 'device', label: 'Device', render: (d) => html`<span class="cell-mono">${d.deviceId}</span>` },
    { key: 'actions', label: 'Actions', align: 'right', render: (d) => (can(accessPermissions.unlock) ? html`<div class="cell-actions">
        <tz-button size="sm" variant="secondary" label=${`Unlock ${d.name}`} ?loading=${this.busy.has(d.id)} ?disabled=${!d.agentConnected}
          @click=${() => this.unlock(d)}>Unlock</tz-button></div>` : nothing) },
  ]

  private agentColumns: TableColumn<Agent>[] = [
    { key: 'name', label: 'Agent', render: (a) => html`<span class="cell-title">${a.name}</span><div class="cell-sub cell-mono">${a.id}</div>` },
    { key: 'connected', label: 'Link', render: (a) => a.revokedAt
      ? html`<tz-badge variant="neutral">Revoked</tz-badge>`
      : html`<tz-badge variant=${a.connected ? 'success' : 'danger'} dot>${a.connected ? 'Connected' : 'Disconnected'}</tz-badge>` },
    { key: 'seen', label: 'Last heartbeat', render: (a) => when(a.lastSeenAt) },
    { key: 'grants', label: 'Grants', render: (a) => a.pushedGrantsVersion === null ? '—'
      : html`v${a.reportedGrantsVersion ?? '?'}${a.reportedGrantsVersion !== a.pushedGrantsVersion ? html` <span class="cell-muted">(pushing v${a.pushedGrantsVersion})</span>` : nothing}` },
  ]

  private eventColumns: TableColumn<DoorEvent>[] = [
    { key: 'at', label: 'When', render: (e) => when(e.occurredAt) },
    { key: 'door', label: 'Door', render: (e) => this.doorName(e.doorId) },
    { key: 'what', label: 'What', render: (e) => html`${e.category === 'access' ? `Access ${e.kind}` : e.category === 'command' ? 'Command refused' : e.kind}
        ${e.reason ? html`<div class="cell-sub">${e.reason}</div>` : nothing}` },
  ]

  render() {
    return html`<tz-page-header heading="Doors" description="Live door status, remote unlock and the site agents.">
        ${can(accessPermissions.manage) ? html`<tz-button slot="actions" href="/doors/setup">Set up doors</tz-button>` : nothing}
      </tz-page-header>
      <tz-table caption="Doors" .columns=${this.columns} .rows=${this.doors ?? []} ?loading=${this.doors === null}
        empty-heading="No doors yet" empty-description="Register a site agent and add its devices as doors under Doors setup."></tz-table>
      <div class="section"><h2>Site agents</h2>
        <tz-table caption="Site agents" .columns=${this.agentColumns} .rows=${this.agents} empty-heading="No site agents"></tz-table></div>
      <div class="section"><h2>Latest events</h2>
        <tz-table caption="Latest door events" .columns=${this.eventColumns} .rows=${this.events} empty-heading="No events yet"></tz-table></div>`
  }
}

customElements.define('access-doors', AccessDoors)
