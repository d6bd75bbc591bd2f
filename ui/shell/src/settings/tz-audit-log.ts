/**
 * `<tz-audit-log>`: the audit log, newest first, a page at a time, with filters — who (e-mail, name or id), plugin,
 * action (prefix, e.g. `identity.`), target (e.g. `user:` or `person:<id>`), and a day range — kept in the URL's query
 * so a filtered view can be shared. `platform` (the operator's `/operator/audit`) reads every tenant's entries and adds a
 * tenant filter; otherwise (`/settings/audit`, tenant admins) it reads the current tenant's under RLS. Plugin ids are
 * shown by their names.
 */
import { LitElement, html, css, nothing } from 'lit'
import { baseStyles, formatDateTime } from '@tessera/ui-kit'
import type { TableColumn } from '@tessera/ui-kit'
import { pageStyles } from '../page-styles.ts'
import { readAudit } from './settings-api.ts'
import type { AuditEntry, AuditFilters } from './settings-api.ts'
import { installedPluginsCached, listTenants } from '../operator/admin-api.ts'
import { PagedList } from './paged-list.ts'

const limit = 50
const filterKeys = ['actor', 'plugin', 'action', 'target', 'from', 'to', 'tenantId'] as const

/** `2026-05-04` (a day in the filter) → the instant that day starts in the viewer's timezone. */
const dayStart = (day: string | undefined, plusDays = 0): string | undefined => {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day.trim())) return undefined
  const [y, m, d] = day.trim().split('-').map(Number)
  const at = new Date(y, m - 1, d + plusDays)
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString()
}

export class TzAuditLog extends LitElement {
  static styles = [
    baseStyles,
    pageStyles,
    css`
      form.filters {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(180px, 1fr));
        gap: var(--tz-space-3);
        align-items: end;
        margin-bottom: var(--tz-space-5);
      }
      .buttons {
        display: flex;
        gap: var(--tz-space-2);
      }
      .data {
        font-family: var(--tz-font-mono);
        font-size: var(--tz-text-xs);
        color: var(--tz-color-text-muted);
        max-width: 48ch;
        overflow-wrap: anywhere;
      }
    `,
  ]
  static properties = {
    platform: { type: Boolean },
    search: { type: String },
    filters: { state: true },
    pluginNames: { state: true },
    tenantNames: { state: true },
  }

  declare platform: boolean
  /** The location's query string (`?actor=…`), read once when the screen opens. */
  declare search: string
  declare filters: AuditFilters & { fromDay?: string; toDay?: string }
  declare pluginNames: Record<string, string>
  declare tenantNames: Record<string, string>
  /** The entries matching the filters; loaded once the filters are read from the address. */
  private readonly list = new PagedList<AuditEntry>(this, {
    limit, load: (limit, offset) => readAudit(this.platform, limit, offset, this.query()), loadOnConnect: false,
  })

  constructor() {
    super()
    this.platform = false
    this.search = ''
    this.filters = {}
    this.pluginNames = { tessera: 'Tessera (kernel)' }
    this.tenantNames = {}
  }

  connectedCallback(): void {
    super.connectedCallback()
    const params = new URLSearchParams(this.search)
    const f: typeof this.filters = {}
    for (const k of ['actor', 'plugin', 'action', 'target', 'tenantId'] as const) f[k] = params.get(k) ?? undefined
    f.fromDay = params.get('from') ?? undefined
    f.toDay = params.get('to') ?? undefined
    this.filters = f
    void this.list.reload()
    void this.loadNames()
  }

  private async loadNames(): Promise<void> {
    if (!this.platform) return
    try {
      const [plugins, tenants] = await Promise.all([installedPluginsCached(), listTenants(200, 0)])
      this.pluginNames = { ...this.pluginNames, ...Object.fromEntries(plugins.map((p) => [p.id, p.name])) }
      this.tenantNames = Object.fromEntries(tenants.items.map((t) => [t.id, t.name]))
    } catch {
      // names are a nicety: ids stay readable
    }
  }

  private query(): AuditFilters {
    const f = this.filters
    return {
      actor: f.actor?.trim() || undefined, plugin: f.plugin?.trim() || undefined, action: f.action?.trim() || undefined,
      target: f.target?.trim() || undefined, tenantId: this.platform ? f.tenantId || undefined : undefined,
      from: dayStart(f.fromDay), to: dayStart(f.toDay, 1),
    }
  }

  private apply(event?: Event): void {
    event?.preventDefault()
    // the filters go into the address, so the view can be bookmarked or shared
    const params = new URLSearchParams()
    const f = this.filters
    for (const k of filterKeys) {
      const v = k === 'from' ? f.fromDay : k === 'to' ? f.toDay : (f as Record<string, string | undefined>)[k]
      if (v?.trim()) params.set(k, v.trim())
    }
    const qs = params.toString()
    history.replaceState(history.state, '', `${location.pathname}${qs ? `?${qs}` : ''}`)
    void this.list.goTo(0)
  }

  private clear(): void {
    this.filters = {}
    this.apply()
  }

  private set(key: keyof TzAuditLog['filters'], value: string): void {
    this.filters = { ...this.filters, [key]: value }
  }

  private field(key: 'actor' | 'plugin' | 'action' | 'target', label: string, placeholder: string) {
    return html`<tz-text-field label=${label} placeholder=${placeholder} .value=${this.filters[key] ?? ''}
      @input=${(e: Event) => this.set(key, (e.target as HTMLInputElement).value)}></tz-text-field>`
  }

  private columns(): TableColumn<AuditEntry>[] {
    const cols: TableColumn<AuditEntry>[] = [
      { key: 'at', label: 'When', render: (e) => html`<span class="cell-muted">${formatDateTime(e.at)}</span>` },
      {
        key: 'actor', label: 'Who',
        render: (e) => html`${e.actorLabel ?? (e.actorType === 'system' ? 'System' : e.actorType === 'token' ? 'API token' : e.actorType)}
          ${e.actorId && e.actorLabel !== e.actorId ? html`<div class="cell-sub cell-mono">${e.actorType} ${e.actorId}</div>` : nothing}`,
      },
      {
        key: 'what', label: 'What',
        render: (e) => html`<span class="cell-title">${e.action}</span><div class="cell-sub">${e.plugin ? (this.pluginNames[e.plugin] ?? e.plugin) : 'Tessera (kernel)'}</div>`,
      },
      { key: 'target', label: 'Target', render: (e) => html`<span class="cell-mono">${e.target ?? '—'}</span>` },
      { key: 'data', label: 'Details', render: (e) => (e.data ? html`<div class="data">${JSON.stringify(e.data)}</div>` : '—') },
    ]
    if (this.platform) {
      cols.splice(1, 0, { key: 'tenant', label: 'Tenant', render: (e) => (e.tenantId ? this.tenantNames[e.tenantId] ?? html`<span class="cell-mono">${e.tenantId}</span>` : 'Platform') })
    }
    return cols
  }

  render() {
    return html`<tz-page-header heading="Audit log"
        description=${this.platform ? 'Every change made on this deployment, in every tenant: who did what, to what, and when.' : 'Every change made in this space: who did what, to what, and when. Entries cannot be edited or deleted.'}></tz-page-header>
      <form class="filters" role="search" aria-label="Filter the audit log" @submit=${this.apply}>
        ${this.field('actor', 'Who', 'E-mail or name')}
        ${this.field('plugin', 'Plugin', 'e.g. bookings')}
        ${this.field('action', 'Action starts with', 'e.g. identity.')}
        ${this.field('target', 'Target', 'e.g. user: or person:…')}
        ${this.platform
          ? html`<tz-select label="Tenant" .value=${this.filters.tenantId ?? ''} placeholder="Every tenant"
              .options=${Object.entries(this.tenantNames).map(([value, label]) => ({ value, label }))}
              @change=${(e: Event) => this.set('tenantId', (e.target as HTMLSelectElement).value)}></tz-select>`
          : nothing}
        <tz-text-field label="From (day)" type="text" placeholder="YYYY-MM-DD" .value=${this.filters.fromDay ?? ''}
          @input=${(e: Event) => this.set('fromDay', (e.target as HTMLInputElement).value)}></tz-text-field>
        <tz-text-field label="To (day)" type="text" placeholder="YYYY-MM-DD" .value=${this.filters.toDay ?? ''}
          @input=${(e: Event) => this.set('toDay', (e.target as HTMLInputElement).value)}></tz-text-field>
        <div class="buttons">
          <tz-button type="submit" variant="primary">Filter</tz-button>
          <tz-button @click=${() => this.clear()}>Clear</tz-button>
        </div>
      </form>
      ${this.list.table({
        caption: 'Audit log entries', columns: this.columns(),
        empty: { heading: 'No entries', description: 'Nothing matches these filters.' },
        failed: { heading: 'The audit log could not be loaded', description: 'Try again in a moment.' },
      })}`
  }
}

customElements.define('tz-audit-log', TzAuditLog)
