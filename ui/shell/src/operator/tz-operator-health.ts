/**
 * `<tz-operator-health>` (`/operator/health`): is this deployment well — the readiness checks `/readyz` makes (both
 * database pools, the LISTEN connection), the jobs backlog per queue with its dead letters (jobs that used up their
 * retries: what needs a look first, so queues with dead letters or failures come first), and every installed plugin's
 * state with its failure reason, UI bundle and how many tenants have it enabled. Refreshes every 15 s and on demand.
 */
import { LitElement, html, css, nothing } from 'lit'
import { baseStyles, formatDateTime, formatTime, toast } from '@tessera/ui-kit'
import type { TableColumn } from '@tessera/ui-kit'
import { pageStyles } from '../page-styles.ts'
import { readHealth } from '../settings/settings-api.ts'
import type { Health, PluginHealth, QueueHealth } from '../settings/settings-api.ts'

const checkNames: Record<string, string> = {
  database: 'Database (admin pool)',
  runtimeDatabase: 'Database (request pool)',
  listener: 'Change notifications (LISTEN)',
}

export class TzOperatorHealth extends LitElement {
  static styles = [
    baseStyles,
    pageStyles,
    css`
      .checks {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
        gap: var(--tz-space-3);
        margin: 0 0 var(--tz-space-8);
        padding: 0;
        list-style: none;
      }
      .checks li {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: var(--tz-space-2);
        padding: var(--tz-space-3) var(--tz-space-4);
        background: var(--tz-color-surface);
        border: 1px solid var(--tz-color-border);
        border-radius: var(--tz-radius-lg);
      }
      h2 {
        font-size: var(--tz-text-lg);
        margin: 0 0 var(--tz-space-3);
      }
      .num {
        font-variant-numeric: tabular-nums;
      }
      .summary {
        margin: 0 0 var(--tz-space-4);
        color: var(--tz-color-text-muted);
      }
    `,
  ]
  static properties = { health: { state: true }, loading: { state: true } }
  declare health: Health | null
  declare loading: boolean
  #timer: ReturnType<typeof setInterval> | undefined

  constructor() {
    super()
    this.health = null
    this.loading = true
  }

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
    this.#timer = setInterval(() => void this.load(), 15_000)
  }

  disconnectedCallback(): void {
    super.disconnectedCallback()
    clearInterval(this.#timer)
  }

  private async load(): Promise<void> {
    this.loading = true
    try {
      this.health = await readHealth()
    } catch (error) {
      toast(error)
    } finally {
      this.loading = false
    }
  }

  private queueColumns: TableColumn<QueueHealth>[] = [
    { key: 'name', label: 'Queue', render: (q) => html`<span class="cell-mono">${q.name}</span>` },
    { key: 'plugin', label: 'Plugin', render: (q) => this.health?.plugins.find((p) => p.id === q.plugin)?.name ?? q.plugin },
    { key: 'ready', label: 'Ready', align: 'right', render: (q) => html`<span class="num">${q.ready}</span>` },
    { key: 'waiting', label: 'Waiting', align: 'right', render: (q) => html`<span class="num">${q.waiting}</span>` },
    { key: 'active', label: 'Running', align: 'right', render: (q) => html`<span class="num">${q.active}</span>` },
    { key: 'failed', label: 'Failed', align: 'right', render: (q) => (q.failed ? html`<tz-badge variant="warning">${q.failed}</tz-badge>` : html`<span class="num">0</span>`) },
    { key: 'dead', label: 'Dead letters', align: 'right', render: (q) => (q.dead ? html`<tz-badge variant="danger">${q.dead}</tz-badge>` : html`<span class="num">0</span>`) },
    { key: 'oldest', label: 'Oldest waiting', render: (q) => html`<span class="cell-muted">${q.oldestWaitingAt ? formatDateTime(q.oldestWaitingAt) : '—'}</span>` },
  ]

  private pluginColumns: TableColumn<PluginHealth>[] = [
    { key: 'name', label: 'Plugin', render: (p) => html`<span class="cell-title">${p.name}</span><div class="cell-sub cell-mono">${p.id} ${p.version ?? ''}</div>` },
    {
      key: 'state', label: 'State',
      render: (p) => html`${p.state === 'installed' ? html`<tz-badge variant="success" dot>Running</tz-badge>` : html`<tz-badge variant="danger" dot>Failed</tz-badge>`}
        ${p.error ? html`<div class="cell-danger">${p.error}</div>` : nothing}`,
    },
    {
      key: 'ui', label: 'Screens',
      render: (p) => html`${p.ui === 'served' ? 'Served' : p.ui === 'none' ? 'None' : p.ui === 'not-built' ? html`<tz-badge variant="warning">Not built</tz-badge>` : html`<tz-badge variant="danger">Refused</tz-badge>`}
        ${p.uiError ? html`<div class="cell-danger">${p.uiError}</div>` : nothing}`,
    },
    {
      key: 'tenants', label: 'Tenants',
      render: (p) => html`${p.tenants.enabled} enabled${p.tenants.failed ? html`, <span class="cell-danger">${p.tenants.failed} failed</span>` : nothing}${p.tenants.other ? `, ${p.tenants.other} changing` : ''}`,
    },
  ]

  render() {
    const h = this.health
    const queues = [...(h?.queues ?? [])].sort((a, b) => b.dead - a.dead || b.failed - a.failed || b.ready - a.ready || a.name.localeCompare(b.name))
    const dead = queues.reduce((n, q) => n + q.dead, 0)
    const backlog = queues.reduce((n, q) => n + q.ready + q.waiting, 0)
    return html`<tz-page-header heading="Health" description="Readiness, background jobs and plugins of this deployment.">
        <tz-button slot="actions" ?loading=${this.loading} @click=${() => this.load()}>Refresh</tz-button>
      </tz-page-header>
      ${h
        ? html`<p class="summary">
              ${h.status === 'ready' ? html`<tz-badge variant="success" dot>Ready</tz-badge>` : html`<tz-badge variant="danger" dot>Not ready</tz-badge>`}
              Checked at ${formatTime(h.checkedAt)}.
              ${h.jobs === 'off' ? 'Background jobs are off on this instance.' : html`${backlog} job${backlog === 1 ? '' : 's'} waiting, ${dead} dead letter${dead === 1 ? '' : 's'}.`}
            </p>
            <ul class="checks" aria-label="Readiness checks">
              ${Object.entries(h.checks).map(([name, ok]) => html`<li><span>${checkNames[name] ?? name}</span>
                ${ok ? html`<tz-badge variant="success" dot>Up</tz-badge>` : html`<tz-badge variant="danger" dot>Down</tz-badge>`}</li>`)}
            </ul>`
        : nothing}
      <div class="section">
        <h2>Job queues</h2>
        <tz-table caption="Job queues" .columns=${this.queueColumns} .rows=${queues} .rowKey=${(q: QueueHealth) => q.name} ?loading=${this.loading && !h}
          empty-heading="No queues" empty-description="Queues are created when plugins with jobs or event subscriptions are installed."></tz-table>
      </div>
      <div class="section">
        <h2>Plugins</h2>
        <tz-table caption="Plugin states" .columns=${this.pluginColumns} .rows=${h?.plugins ?? []} ?loading=${this.loading && !h}></tz-table>
      </div>`
  }
}

customElements.define('tz-operator-health', TzOperatorHealth)
