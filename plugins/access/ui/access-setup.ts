/**
 * `<access-setup>` (`/doors/setup`, `access.manage`): everything the access API allows without a curl —
 * - site agents: register one (its secret and connect URL are shown once), push the grants now, revoke (confirmed);
 * - doors: add a door (location, agent, one of the agent's devices, unlock time), rename, delete (confirmed);
 * - access groups: name, the doors they open, a weekly schedule (always, or hours per weekday), members (people,
 *   organisations, plans), delete (confirmed);
 * - the remote-unlock log: every unlock sent from Tessera, by whom, granted or refused and why.
 * Every change is checked by the API (a 4xx is shown in words); the live door states stay on `/doors`.
 */
import { html, css, nothing } from 'lit'
import { api, confirmAction, formatDateTime, toast, ProblemError } from '@tessera/ui-kit'
import type { Problem, TableColumn } from '@tessera/ui-kit'
import { AccessScreen, locationNames } from './access-screen.ts'
import { emptySchedule, scheduleFromDraft, scheduleSummary, weekdays } from './schedule-draft.ts'
import type { ScheduleDraft } from './schedule-draft.ts'
import type { Agent, Door, DoorEvent, Group, GroupMember, RegisteredAgent } from '../src/contract/index.ts'

type Page<T> = { items: T[] }
type Subject = { kind: GroupMember['kind']; id: string; label: string }
type Dialog =
  | { kind: 'agent'; name: string }
  | { kind: 'door'; name: string; locationId: string; agentId: string; deviceId: string; seconds: string }
  | { kind: 'group'; id: string | null; name: string; doorIds: string[]; schedule: ScheduleDraft }
  | { kind: 'member'; group: Group; subject: string }

export class AccessSetup extends AccessScreen {
  static styles = css`
    :host { display: block; }
    .section { margin-top: var(--tz-space-8); }
    .section-head { display: flex; align-items: center; justify-content: space-between; gap: var(--tz-space-3); margin-bottom: var(--tz-space-3); }
    .section h2 { font-size: var(--tz-text-lg); margin: 0; }
    form { display: flex; flex-direction: column; gap: var(--tz-space-4); }
    fieldset { border: 1px solid var(--tz-color-border); border-radius: var(--tz-radius-md); padding: var(--tz-space-3) var(--tz-space-4); margin: 0; }
    legend { font-weight: var(--tz-weight-medium); padding: 0 var(--tz-space-1); }
    .days { display: grid; grid-template-columns: 3.5em 1fr 1fr; gap: var(--tz-space-2) var(--tz-space-3); align-items: center; }
    .secret { font-family: var(--tz-font-mono); word-break: break-all; user-select: all; }
    .checks { display: flex; flex-direction: column; gap: var(--tz-space-2); }
  `
  static properties = {
    agents: { state: true },
    doors: { state: true },
    groups: { state: true },
    unlocks: { state: true },
    locations: { state: true },
    subjects: { state: true },
    staffNames: { state: true },
    dialog: { state: true },
    problem: { state: true },
    registered: { state: true },
    saving: { state: true },
  }
  declare agents: Agent[] | null
  declare doors: Door[]
  declare groups: Group[]
  declare unlocks: DoorEvent[]
  declare locations: Record<string, string>
  declare subjects: Subject[]
  /** Names of the tenant's users by id (who sent a remote unlock). */
  declare staffNames: Record<string, string>
  declare dialog: Dialog | null
  declare problem: Problem | null
  declare registered: RegisteredAgent | null
  declare saving: boolean

  constructor() {
    super()
    this.agents = null
    this.doors = []
    this.groups = []
    this.unlocks = []
    this.locations = {}
    this.subjects = []
    this.staffNames = {}
    this.dialog = null
    this.problem = null
    this.registered = null
    this.saving = false
  }

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  protected async load(): Promise<void> {
    try {
      const [agents, doors, groups, events, locations, users] = await Promise.all([
        api<Page<Agent>>('/api/v1/access/agents'),
        api<Page<Door>>('/api/v1/access/doors'),
        api<Page<Group>>('/api/v1/access/groups'),
        api<Page<DoorEvent>>('/api/v1/access/events', { query: { limit: 500 } }),
        locationNames(),
        api<Page<{ id: string; name: string; email: string }>>('/api/v1/tenant/users', { query: { limit: 200 } }).catch(() => ({ items: [] })),
      ])
      this.staffNames = Object.fromEntries(users.items.map((u) => [u.id, u.email]))
      this.agents = agents.items
      this.doors = doors.items
      this.groups = groups.items
      // remote unlocks are the decisions Tessera itself took and logged (source kernel); the rest came from the doors
      this.unlocks = events.items.filter((e) => e.source === 'kernel').slice(0, 50)
      this.locations = locations
      if (this.subjects.length === 0 && this.groups.some((g) => g.members.length)) void this.loadSubjects()
    } catch (error) {
      toast(error)
      this.agents ??= []
    }
  }

  /** People, organisations and plans a group may hold, from the plugins that know them (absent ones give none). */
  private async loadSubjects(): Promise<void> {
    const get = <T>(path: string) => api<{ items: T[] }>(path, { query: { limit: 200 } }).then((p) => p.items).catch((): T[] => [])
    const [people, orgs, plans] = await Promise.all([
      get<{ id: string; name: string; email?: string | null }>('/api/v1/members/people'),
      get<{ id: string; name: string }>('/api/v1/members/organisations'),
      get<{ id: string; name: string }>('/api/v1/billing/plans'),
    ])
    this.subjects = [
      ...people.map((p) => ({ kind: 'person' as const, id: p.id, label: `Person: ${p.name}${p.email ? ` (${p.email})` : ''}` })),
      ...orgs.map((o) => ({ kind: 'organisation' as const, id: o.id, label: `Organisation: ${o.name}` })),
      ...plans.map((p) => ({ kind: 'plan' as const, id: p.id, label: `Plan: ${p.name}` })),
    ]
  }

  private open(dialog: Dialog): void {
    this.problem = null
    this.dialog = dialog
    if (dialog.kind === 'member' && this.subjects.length === 0) void this.loadSubjects()
  }

  /** Sends a change; a refusal stays in the dialog, in words. */
  private async save(run: () => Promise<string>): Promise<void> {
    if (this.saving) return
    this.saving = true
    this.problem = null
    try {
      const message = await run()
      this.dialog = null
      toast({ variant: 'success', message })
      await this.load()
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error
      this.problem = error.problem
    } finally {
      this.saving = false
    }
  }

  private submit(event?: Event): void {
    event?.preventDefault()
    const d = this.dialog
    if (!d) return
    if (d.kind === 'agent') {
      void this.save(async () => {
        this.registered = await api<RegisteredAgent>('/api/v1/access/agents', { method: 'POST', body: { name: d.name.trim() } })
        return `${d.name.trim()} is registered: start it with the secret shown.`
      })
    } else if (d.kind === 'door') {
      const seconds = Number(d.seconds)
      void this.save(async () => {
        await api('/api/v1/access/doors', {
          method: 'POST',
          body: { name: d.name.trim(), locationId: d.locationId, agentId: d.agentId, deviceId: d.deviceId.trim(), ...(d.seconds ? { unlockDurationMs: Math.round(seconds * 1000) } : {}) },
        })
        return `${d.name.trim()} is added.`
      })
    } else if (d.kind === 'group') {
      const body = { name: d.name.trim(), doorIds: d.doorIds, schedule: scheduleFromDraft(d.schedule) }
      void this.save(async () => {
        if (d.id) await api(`/api/v1/access/groups/${d.id}`, { method: 'PATCH', body })
        else await api('/api/v1/access/groups', { method: 'POST', body })
        return `${body.name} is saved.`
      })
    } else if (d.kind === 'member') {
      const subject = this.subjects.find((s) => `${s.kind}:${s.id}` === d.subject)
      if (!subject) {
        this.problem = { title: 'Choose who to add', status: 400 }
        return
      }
      void this.save(async () => {
        await api(`/api/v1/access/groups/${d.group.id}/members`, { method: 'POST', body: { kind: subject.kind, id: subject.id } })
        return `${subject.label} is in ${d.group.name}.`
      })
    }
  }

  private async revokeAgent(a: Agent): Promise<void> {
    if (!(await confirmAction({ heading: `Revoke ${a.name}?`, message: 'The agent is disconnected at once and can never connect again; its doors stop answering remote unlocks. Register a new agent to replace it.', confirmLabel: 'Revoke agent', danger: true }))) return
    await this.whileBusy(a.id, async () => {
      await api(`/api/v1/access/agents/${a.id}/revoke`, { method: 'POST', body: {} })
      toast({ variant: 'success', message: `${a.name} is revoked.` })
      await this.load()
    })
  }

  private syncAgent(a: Agent): Promise<void> {
    return this.whileBusy(a.id, async () => {
      const r = await api<{ pushed: boolean; grants?: number }>(`/api/v1/access/agents/${a.id}/sync`, { method: 'POST', body: {} })
      toast({ variant: 'success', message: r.pushed ? `${r.grants ?? 0} grants sent to ${a.name}.` : `${a.name} is not connected: the grants go when it is.` })
      await this.load()
    })
  }

  private async deleteDoor(d: Door): Promise<void> {
    if (!(await confirmAction({ heading: `Delete ${d.name}?`, message: 'It is removed from every group; its event log is kept.', confirmLabel: 'Delete door', danger: true }))) return
    await this.whileBusy(d.id, async () => {
      await api(`/api/v1/access/doors/${d.id}`, { method: 'DELETE' })
      toast({ variant: 'success', message: `${d.name} is deleted.` })
      await this.load()
    })
  }

  private async deleteGroup(g: Group): Promise<void> {
    if (!(await confirmAction({ heading: `Delete the group ${g.name}?`, message: 'Its members lose the access it gave them.', confirmLabel: 'Delete group', danger: true }))) return
    await this.whileBusy(g.id, async () => {
      await api(`/api/v1/access/groups/${g.id}`, { method: 'DELETE' })
      toast({ variant: 'success', message: `${g.name} is deleted.` })
      await this.load()
    })
  }

  private async removeMember(g: Group, m: GroupMember): Promise<void> {
    await this.whileBusy(g.id, async () => {
      await api(`/api/v1/access/groups/${g.id}/members/${m.kind}/${m.id}`, { method: 'DELETE' })
      await this.load()
    })
  }

  /** Who sent an unlock: a staff user (by e-mail) or a member (by their person record). */
  private actorName(actor: { kind?: string; id?: string } | null): string {
    if (!actor?.id) return '—'
    if (actor.kind === 'person') return this.subjects.find((s) => s.kind === 'person' && s.id === actor.id)?.label.replace(/^Person: /, '') ?? 'A member'
    return this.staffNames[actor.id] ?? 'Staff'
  }

  private memberLabel(m: GroupMember): string {
    return this.subjects.find((s) => s.kind === m.kind && s.id === m.id)?.label ?? `${m.kind} ${m.id.slice(0, 8)}`
  }

  private agentColumns: TableColumn<Agent>[] = [
    { key: 'name', label: 'Agent', render: (a) => html`<span class="cell-title">${a.name}</span><div class="cell-sub">${a.devices.map((d) => d.deviceId).join(', ') || 'No devices reported yet'}</div>` },
    { key: 'link', label: 'Link', render: (a) => a.revokedAt ? html`<tz-badge variant="neutral">Revoked</tz-badge>` : html`<tz-badge variant=${a.connected ? 'success' : 'danger'} dot>${a.connected ? 'Connected' : 'Disconnected'}</tz-badge>` },
    { key: 'seen', label: 'Last heartbeat', render: (a) => formatDateTime(a.lastSeenAt) },
    {
      key: 'actions', label: '', align: 'right',
      render: (a) => a.revokedAt ? nothing : html`<div class="cell-actions">
        <tz-button size="sm" label=${`Push grants to ${a.name}`} ?loading=${this.busy.has(a.id)} @click=${() => this.syncAgent(a)}>Push grants</tz-button>
        <tz-button size="sm" variant="ghost" label=${`Revoke ${a.name}`} @click=${() => this.revokeAgent(a)}>Revoke</tz-button></div>`,
    },
  ]

  private doorColumns: TableColumn<Door>[] = [
    { key: 'name', label: 'Door', render: (d) => html`<span class="cell-title">${d.name}</span><div class="cell-sub">${this.locations[d.locationId] ?? ''}</div>` },
    { key: 'agent', label: 'Agent and device', render: (d) => html`${this.agents?.find((a) => a.id === d.agentId)?.name ?? '—'}<div class="cell-sub cell-mono">${d.deviceId}</div>` },
    { key: 'unlock', label: 'Unlock time', render: (d) => `${d.unlockDurationMs / 1000} s` },
    { key: 'actions', label: '', align: 'right', render: (d) => html`<tz-button size="sm" variant="ghost" label=${`Delete ${d.name}`} ?loading=${this.busy.has(d.id)} @click=${() => this.deleteDoor(d)}>Delete</tz-button>` },
  ]

  private groupColumns: TableColumn<Group>[] = [
    { key: 'name', label: 'Group', render: (g) => html`<span class="cell-title">${g.name}</span><div class="cell-sub">${scheduleSummary(g.schedule)}</div>` },
    { key: 'doors', label: 'Doors', render: (g) => g.doorIds.map((id) => this.doors.find((d) => d.id === id)?.name ?? '?').join(', ') || '—' },
    {
      key: 'members', label: 'Members',
      render: (g) => html`<div class="cell-tags">${g.members.map((m) => html`<tz-badge>${this.memberLabel(m)}
          <button class="tag-x" aria-label=${`Remove ${this.memberLabel(m)} from ${g.name}`} @click=${() => this.removeMember(g, m)}>×</button></tz-badge>`)}</div>`,
    },
    {
      key: 'actions', label: '', align: 'right',
      render: (g) => html`<div class="cell-actions">
        <tz-button size="sm" label=${`Add member to ${g.name}`} @click=${() => this.open({ kind: 'member', group: g, subject: '' })}>Add member</tz-button>
        <tz-button size="sm" label=${`Edit ${g.name}`} @click=${() => this.open({ kind: 'group', id: g.id, name: g.name, doorIds: [...g.doorIds], schedule: emptySchedule(g.schedule) })}>Edit</tz-button>
        <tz-button size="sm" variant="ghost" label=${`Delete ${g.name}`} @click=${() => this.deleteGroup(g)}>Delete</tz-button></div>`,
    },
  ]

  private unlockColumns: TableColumn<DoorEvent>[] = [
    { key: 'at', label: 'When', render: (e) => formatDateTime(e.occurredAt) },
    { key: 'door', label: 'Door', render: (e) => this.doors.find((d) => d.id === e.doorId)?.name ?? '—' },
    { key: 'who', label: 'By', render: (e) => this.actorName(e.actor as { kind?: string; id?: string } | null) },
    {
      key: 'outcome', label: 'Outcome',
      render: (e) => html`${e.kind === 'granted' ? html`<tz-badge variant="success">Unlocked</tz-badge>` : html`<tz-badge variant="danger">Refused</tz-badge>`}
        ${e.reason && e.reason !== 'remote-unlock' ? html`<div class="cell-sub">${e.reason.replace(/^remote-unlock-/, '').replace(/-/g, ' ')}</div>` : nothing}`,
    },
  ]

  private renderDialog() {
    const d = this.dialog
    const heading = !d ? '' : d.kind === 'agent' ? 'Register a site agent' : d.kind === 'door' ? 'Add a door' : d.kind === 'group' ? (d.id ? `Edit ${d.name}` : 'New access group') : `Add a member to ${d.group.name}`
    const set = (patch: Partial<Dialog>) => (this.dialog = { ...this.dialog!, ...patch } as Dialog)
    const value = (e: Event) => (e.target as HTMLInputElement).value
    let body: unknown = nothing
    if (d?.kind === 'agent') {
      body = html`<tz-text-field label="Name" required autofocus placeholder="Front door controller" .value=${d.name} @input=${(e: Event) => set({ name: value(e) })}></tz-text-field>`
    } else if (d?.kind === 'door') {
      const agent = this.agents?.find((a) => a.id === d.agentId)
      body = html`<tz-text-field label="Name" required autofocus placeholder="Main entrance" .value=${d.name} @input=${(e: Event) => set({ name: value(e) })}></tz-text-field>
        <tz-select label="Location" required placeholder="Choose a location" .value=${d.locationId} .options=${Object.entries(this.locations).map(([v, l]) => ({ value: v, label: l }))} @change=${(e: Event) => set({ locationId: value(e) })}></tz-select>
        <tz-select label="Site agent" required placeholder="Choose an agent" .value=${d.agentId} .options=${(this.agents ?? []).filter((a) => !a.revokedAt).map((a) => ({ value: a.id, label: a.name }))} @change=${(e: Event) => set({ agentId: value(e), deviceId: '' })}></tz-select>
        ${agent?.devices.length
          ? html`<tz-select label="Device" required placeholder="Choose a device" .value=${d.deviceId} .options=${agent.devices.map((x) => ({ value: x.deviceId ?? '', label: `${x.deviceId} (${x.driver})` }))} @change=${(e: Event) => set({ deviceId: value(e) })}></tz-select>`
          : html`<tz-text-field label="Device" required help="The device id in the agent's configuration." .value=${d.deviceId} @input=${(e: Event) => set({ deviceId: value(e) })}></tz-text-field>`}
        <tz-text-field label="Unlock time (seconds)" help="How long the door stays unlocked; empty: the default." .value=${d.seconds} @input=${(e: Event) => set({ seconds: value(e) })}></tz-text-field>`
    } else if (d?.kind === 'group') {
      body = html`<tz-text-field label="Name" required autofocus placeholder="Members, weekdays" .value=${d.name} @input=${(e: Event) => set({ name: value(e) })}></tz-text-field>
        <fieldset><legend>Doors it opens</legend><div class="checks">
          ${this.doors.map((door) => html`<tz-checkbox label=${door.name} .checked=${d.doorIds.includes(door.id)}
            @change=${(e: Event) => set({ doorIds: (e.target as HTMLInputElement).checked ? [...d.doorIds, door.id] : d.doorIds.filter((x) => x !== door.id) })}></tz-checkbox>`)}
          ${this.doors.length ? nothing : html`<span class="cell-muted">Add a door first.</span>`}</div></fieldset>
        <fieldset><legend>When</legend>
          <tz-checkbox label="At any time" .checked=${d.schedule.always} @change=${(e: Event) => set({ schedule: { ...d.schedule, always: (e.target as HTMLInputElement).checked } })}></tz-checkbox>
          ${d.schedule.always ? nothing : html`<div class="days">${weekdays.map(([key, label]) => html`<span>${label}</span>
            <tz-text-field label=${`${label} from`} placeholder="08:00" .value=${d.schedule.days[key].from} @input=${(e: Event) => set({ schedule: { ...d.schedule, days: { ...d.schedule.days, [key]: { ...d.schedule.days[key], from: value(e) } } } })}></tz-text-field>
            <tz-text-field label=${`${label} to`} placeholder="18:00" .value=${d.schedule.days[key].to} @input=${(e: Event) => set({ schedule: { ...d.schedule, days: { ...d.schedule.days, [key]: { ...d.schedule.days[key], to: value(e) } } } })}></tz-text-field>`)}</div>`}
        </fieldset>`
    } else if (d?.kind === 'member') {
      body = html`<tz-select label="Who" required placeholder=${this.subjects.length ? 'Choose a person, organisation or plan' : 'Loading…'} .value=${d.subject}
        .options=${this.subjects.filter((s) => !d.group.members.some((m) => m.kind === s.kind && m.id === s.id)).map((s) => ({ value: `${s.kind}:${s.id}`, label: s.label }))}
        @change=${(e: Event) => set({ subject: value(e) })}></tz-select>`
    }
    const submitLabel = !d ? '' : d.kind === 'agent' ? 'Register agent' : d.kind === 'door' ? 'Add door' : d.kind === 'group' ? 'Save group' : 'Add member'
    return html`<tz-dialog .open=${d !== null} heading=${heading} @tz-close=${(e: Event) => { e.stopPropagation(); this.dialog = null }}>
      <form novalidate @submit=${(e: Event) => this.submit(e)}>
        ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
        ${body}
      </form>
      <tz-button slot="footer" @click=${() => (this.dialog = null)}>Cancel</tz-button>
      <tz-button slot="footer" variant="primary" ?loading=${this.saving} @click=${() => this.submit()}>${submitLabel}</tz-button>
    </tz-dialog>`
  }

  render() {
    const firstLocation = Object.keys(this.locations)[0] ?? ''
    const firstAgent = this.agents?.find((a) => !a.revokedAt)?.id ?? ''
    return html`<tz-page-header heading="Doors setup" description="Site agents, doors, access groups with their schedules, and the remote-unlock log.">
        <tz-button slot="actions" href="/doors">Live doors</tz-button>
      </tz-page-header>
      ${this.registered
        ? html`<tz-alert variant="success" heading=${`Start ${this.registered.name} with this secret — it is shown only once`}>
            <div>Connect URL: <span class="secret">${this.registered.connectUrl}</span></div>
            <div>Agent id: <span class="secret">${this.registered.id}</span></div>
            <div>Secret: <span class="secret">${this.registered.secret}</span></div>
            <tz-button size="sm" @click=${() => (this.registered = null)}>Done</tz-button>
          </tz-alert>`
        : nothing}
      <div class="section"><div class="section-head"><h2>Site agents</h2>
        <tz-button variant="primary" @click=${() => this.open({ kind: 'agent', name: '' })}>Register agent</tz-button></div>
        <tz-table caption="Site agents" .columns=${this.agentColumns} .rows=${this.agents ?? []} ?loading=${this.agents === null}
          empty-heading="No site agents yet" empty-description="Register the agent that runs at the site; it connects out to Tessera."></tz-table></div>
      <div class="section"><div class="section-head"><h2>Doors</h2>
        <tz-button variant="primary" ?disabled=${!firstAgent} @click=${() => this.open({ kind: 'door', name: '', locationId: firstLocation, agentId: firstAgent, deviceId: '', seconds: '' })}>Add door</tz-button></div>
        <tz-table caption="Doors" .columns=${this.doorColumns} .rows=${this.doors} empty-heading="No doors yet" empty-description=${firstAgent ? 'Add the doors the agent controls.' : 'Register a site agent first.'}></tz-table></div>
      <div class="section"><div class="section-head"><h2>Access groups</h2>
        <tz-button variant="primary" @click=${() => this.open({ kind: 'group', id: null, name: '', doorIds: [], schedule: emptySchedule(null) })}>New group</tz-button></div>
        <tz-table caption="Access groups" .columns=${this.groupColumns} .rows=${this.groups} empty-heading="No access groups yet" empty-description="A group opens some doors, at some hours, for its people, organisations and plans."></tz-table></div>
      <div class="section"><div class="section-head"><h2>Remote unlocks</h2></div>
        <tz-table caption="Remote unlocks" .columns=${this.unlockColumns} .rows=${this.unlocks} empty-heading="No remote unlocks yet"></tz-table></div>
      ${this.renderDialog()}`
  }
}

customElements.define('access-setup', AccessSetup)
