/**
 * `<tz-tenant-plugins>`: one tenant's plugin enablement screen. Lists every installed plugin with its state
 * for this tenant, why it failed (install or enable), what it depends on, and Enable / Configure / Disable.
 * Enabling a plugin with settings opens its config form; a 409 on enable or disable (a dependency missing, or
 * an enabled plugin still depending on this one) is shown on that plugin's row. Fires `tz-manifest-stale` when
 * enablement changed, so the shell reloads the navigation.
 */
import { LitElement, css, html, nothing } from 'lit'
import type { PropertyValues } from 'lit'
import { ProblemError, baseStyles, confirmAction, toast } from '@tessera/ui-kit'
import type { Problem, TableColumn } from '@tessera/ui-kit'
import { disablePlugin, enablePlugin, listInstalledPlugins, listTenantPlugins, listTenants } from './admin-api.ts'
import type { AdminTenant, InstalledPlugin, TenantPlugin } from './admin-api.ts'
import { pluginStateBadge } from './plugin-state-badge.ts'
import { pageStyles } from '../page-styles.ts'
import './tz-plugin-config-dialog.ts'

interface Row {
  id: string
  plugin: InstalledPlugin
  record: TenantPlugin | null
}

export class TzTenantPlugins extends LitElement {
  static styles = [
    baseStyles,
    pageStyles,
    css`
      tz-badge[slot='actions'] {
        align-self: center;
      }
    `,
  ]
  static properties = {
    tenantId: { type: String, attribute: 'tenant-id' },
    currentTenantId: { type: String, attribute: 'current-tenant-id' },
    tenant: { state: true },
    rows: { state: true },
    loading: { state: true },
    failed: { state: true },
    busyId: { state: true },
    rowProblems: { state: true },
    editing: { state: true },
  }

  declare tenantId: string
  declare currentTenantId: string
  declare tenant: AdminTenant | null
  declare rows: Row[]
  declare loading: boolean
  declare failed: Problem | null
  declare busyId: string
  declare rowProblems: Record<string, Problem>
  declare editing: Row | null

  constructor() {
    super()
    this.tenantId = ''
    this.currentTenantId = ''
    this.tenant = null
    this.rows = []
    this.loading = true
    this.failed = null
    this.busyId = ''
    this.rowProblems = {}
    this.editing = null
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('tenantId') && this.tenantId) void this.load()
  }

  private async load(): Promise<void> {
    this.loading = true
    this.failed = null
    try {
      const [installed, enabled, tenant] = await Promise.all([
        listInstalledPlugins(),
        listTenantPlugins(this.tenantId),
        this.findTenant(),
      ])
      const records = new Map(enabled.map((r) => [r.pluginId, r]))
      this.rows = installed
        .map((plugin) => ({ id: plugin.id, plugin, record: records.get(plugin.id) ?? null }))
        .sort((a, b) => a.plugin.name.localeCompare(b.plugin.name))
      this.tenant = tenant
    } catch (error) {
      this.failed = error instanceof ProblemError ? error.problem : { title: 'Could not load plugins', status: 0 }
    } finally {
      this.loading = false
    }
  }

  /** The tenant's name for the heading (the API has no single-tenant GET; the list is small). */
  private async findTenant(): Promise<AdminTenant | null> {
    try {
      const page = await listTenants(200, 0)
      return page.items.find((t) => t.id === this.tenantId) ?? null
    } catch {
      return null
    }
  }

  private changed(): void {
    this.dispatchEvent(
      new CustomEvent('tz-manifest-stale', { detail: { tenantId: this.tenantId }, bubbles: true, composed: true }),
    )
  }

  private setRecord(pluginId: string, record: TenantPlugin | null): void {
    this.rows = this.rows.map((r) => (r.id === pluginId ? { ...r, record } : r))
  }

  private clearProblem(pluginId: string): void {
    const { [pluginId]: _, ...rest } = this.rowProblems
    this.rowProblems = rest
  }

  private async enable(row: Row): Promise<void> {
    const hasFields = Object.keys(row.plugin.configSchema?.properties ?? {}).length > 0
    if (hasFields) {
      this.editing = row
      return
    }
    this.busyId = row.id
    this.clearProblem(row.id)
    try {
      this.onSaved(await enablePlugin(this.tenantId, row.id, {}))
    } catch (error) {
      this.rowFailed(row.id, error)
    } finally {
      this.busyId = ''
    }
  }

  private async disable(row: Row): Promise<void> {
    const tenant = this.tenant?.name ?? 'this tenant'
    const ok = await confirmAction({
      heading: `Disable ${row.plugin.name} for ${tenant}?`,
      message: `Its screens and API stop for ${tenant} at once. Its data is kept, and enabling it again brings everything back.`,
      confirmLabel: 'Disable',
      danger: true,
    })
    if (!ok) return
    this.busyId = row.id
    this.clearProblem(row.id)
    try {
      await disablePlugin(this.tenantId, row.id)
      this.setRecord(row.id, row.record ? { ...row.record, state: 'disabled', error: null } : null)
      toast({ variant: 'success', message: `${row.plugin.name} disabled. Its data is kept.` })
      this.changed()
    } catch (error) {
      this.rowFailed(row.id, error)
    } finally {
      this.busyId = ''
    }
  }

  private rowFailed(pluginId: string, error: unknown): void {
    if (error instanceof ProblemError) this.rowProblems = { ...this.rowProblems, [pluginId]: error.problem }
    else toast(error)
  }

  private onSaved(record: TenantPlugin): void {
    const wasEnabled = this.rows.find((r) => r.id === record.pluginId)?.record?.state === 'enabled'
    this.setRecord(record.pluginId, record)
    this.clearProblem(record.pluginId)
    const name = this.rows.find((r) => r.id === record.pluginId)?.plugin.name ?? record.pluginId
    toast({ variant: 'success', message: wasEnabled ? `${name} settings saved.` : `${name} enabled.` })
    this.changed()
  }

  private stateOf(row: Row) {
    if (row.plugin.state === 'failed') return pluginStateBadge('install-failed')
    return pluginStateBadge(row.record && row.record.state !== 'disabled' ? row.record.state : row.record ? 'disabled' : 'not-enabled')
  }

  /** Built per render: cells read busy/problem state, so the table must see a new columns array to redraw. */
  private columns(): TableColumn<Row>[] {
    return [
    {
      key: 'plugin',
      label: 'Plugin',
      render: (row) => {
        const reason =
          row.plugin.state === 'failed'
            ? `Install failed: ${row.plugin.error ?? 'unknown reason'}`
            : row.record?.state === 'failed'
              ? `Enable failed: ${row.record.error ?? 'unknown reason'}`
              : ''
        const problem = this.rowProblems[row.id]
        return html`<div class="cell-title">${row.plugin.name}</div>
          <div class="cell-sub">${row.plugin.description}</div>
          ${reason ? html`<div class="cell-danger">${reason}</div>` : nothing}
          ${problem
            ? html`<tz-alert variant="danger" .problem=${problem} dismissible @tz-dismiss=${() => this.clearProblem(row.id)}></tz-alert>`
            : nothing}`
      },
    },
    { key: 'version', label: 'Version', render: (row) => html`<span class="cell-mono">${row.record?.version ?? row.plugin.version}</span>` },
    {
      key: 'dependsOn',
      label: 'Depends on',
      render: (row) => {
        const deps = Object.entries(row.plugin.dependsOn ?? {})
        return deps.length
          ? html`<div class="cell-tags">${deps.map(([id, range]) => html`<tz-badge>${id} ${range}</tz-badge>`)}</div>`
          : html`<span class="cell-muted">—</span>`
      },
    },
    { key: 'state', label: 'State', render: (row) => this.stateOf(row) },
    {
      key: 'actions',
      label: '',
      align: 'right',
      render: (row) => {
        const busy = this.busyId === row.id
        const state = row.record?.state
        if (row.plugin.state === 'failed') return html`<span class="cell-muted">Unavailable</span>`
        if (state === 'enabled') {
          const hasFields = Object.keys(row.plugin.configSchema?.properties ?? {}).length > 0
          return html`<div class="cell-actions">
            ${hasFields ? html`<tz-button size="sm" ?disabled=${busy} @click=${() => (this.editing = row)} label=${`Configure ${row.plugin.name}`}>Configure</tz-button>` : nothing}
            <tz-button size="sm" variant="danger" ?loading=${busy} @click=${() => this.disable(row)} label=${`Disable ${row.plugin.name}`}
              >Disable</tz-button
            >
          </div>`
        }
        if (state === 'enabling' || state === 'disabling') return html`<tz-spinner label=${state}></tz-spinner>`
        return html`<tz-button size="sm" variant="primary" ?loading=${busy} @click=${() => this.enable(row)} label=${`Enable ${row.plugin.name}`}
          >${state === 'failed' ? 'Retry enable' : 'Enable'}</tz-button
        >`
      },
    },
    ]
  }

  render() {
    const name = this.tenant?.name ?? 'Tenant'
    return html`<tz-page-header
        heading=${`${name} · Plugins`}
        description="Choose what this tenant runs. Enabling checks dependencies and validates settings; disabling keeps the data."
      >
        <span slot="breadcrumbs"><a href="/operator/tenants">Tenants</a> / ${this.tenant?.slug ?? this.tenantId}</span>
        ${this.tenantId === this.currentTenantId ? html`<tz-badge slot="actions" variant="accent">Your current tenant</tz-badge>` : nothing}
      </tz-page-header>
      ${this.failed
        ? html`<tz-alert variant="danger" .problem=${this.failed}>
            <tz-button size="sm" @click=${() => this.load()} style="margin-top: 8px">Try again</tz-button>
          </tz-alert>`
        : html`<tz-table
            caption="Installed plugins"
            .columns=${this.columns()}
            .rows=${this.rows}
            ?loading=${this.loading}
            empty-heading="No plugins installed"
            empty-description="Install plugin packages on the server, then enable them here."
          ></tz-table>`}
      <tz-plugin-config-dialog
        .tenantId=${this.tenantId}
        .plugin=${this.editing?.plugin ?? null}
        .record=${this.editing?.record ?? null}
        .open=${this.editing !== null}
        @tz-close=${() => (this.editing = null)}
        @tz-saved=${(e: CustomEvent<TenantPlugin>) => this.onSaved(e.detail)}
      ></tz-plugin-config-dialog>`
  }
}

customElements.define('tz-tenant-plugins', TzTenantPlugins)
