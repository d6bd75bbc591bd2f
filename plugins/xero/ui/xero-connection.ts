/**
 * `<xero-connection>` (`/xero/connection`): the tenant's Xero connection — connect (OAuth consent at Xero, back here),
 * pick the organisation when the consent covered several, the "reconnect" state when Xero refused a refresh, the
 * webhook URL to register, the first sync with its progress, and disconnect. Actions need `xero.manage`.
 */
import { LitElement, html, nothing } from 'lit'
import { api, can, toast, screenStyles, formatTime } from '@tessera/ui-kit'
import type { Tenant } from '@tessera/ui-kit'
import type { Connection } from '@tessera/plugin-xero/contract'
import { xeroPermissions } from '@tessera/plugin-xero/contract'
import { xeroTabs } from './xero-tabs.ts'

const LABELS: Record<Connection['state'], string> = {
  disconnected: 'Not connected', choose_organisation: 'Choose an organisation', connected: 'Connected', reconnect: 'Reconnect needed',
}
const VARIANTS: Record<Connection['state'], string> = { disconnected: 'neutral', choose_organisation: 'warning', connected: 'success', reconnect: 'danger' }

export class XeroConnection extends LitElement {
  static styles = [screenStyles]
  static properties = { tenant: { attribute: false }, conn: { state: true }, busy: { state: true } }
  declare tenant: Tenant | null
  declare conn: Connection | null
  declare busy: boolean
  private timer: ReturnType<typeof setInterval> | undefined

  constructor() {
    super()
    this.tenant = null
    this.conn = null
    this.busy = false
  }

  connectedCallback(): void {
    super.connectedCallback()
    const error = new URLSearchParams(location.search).get('error')
    if (error) toast({ variant: 'danger', title: 'Xero did not connect', message: error })
    void this.load()
    this.timer = setInterval(() => { if (this.conn?.firstSync.state === 'running') void this.load() }, 2000)
  }

  disconnectedCallback(): void {
    super.disconnectedCallback()
    clearInterval(this.timer)
  }

  private async load(): Promise<void> {
    try {
      this.conn = await api<Connection>('/api/v1/xero/connection')
    } catch (error) {
      toast(error)
    }
  }

  private async act(fn: () => Promise<void>): Promise<void> {
    this.busy = true
    try {
      await fn()
    } catch (error) {
      toast(error)
    } finally {
      this.busy = false
    }
  }

  private connect = () => this.act(async () => {
    const { authorizeUrl } = await api<{ authorizeUrl: string }>('/api/v1/xero/connection/start', { body: { redirectUri: `${location.origin}/api/v1/xero/oauth/callback` } })
    location.assign(authorizeUrl)
  })

  private choose = (tenantId: string) => this.act(async () => {
    this.conn = await api<Connection>('/api/v1/xero/connection/organisation', { body: { tenantId } })
  })

  private disconnect = () => this.act(async () => {
    this.conn = await api<Connection>('/api/v1/xero/connection/disconnect', { body: {} })
  })

  private firstSync = () => this.act(async () => {
    const r = await api<{ queued: number }>('/api/v1/xero/first-sync', { body: {} })
    toast({ variant: 'success', title: 'First sync started', message: `${r.queued} documents queued.` })
    await this.load()
  })

  render() {
    const c = this.conn
    const manage = can(xeroPermissions.manage)
    const p = c?.firstSync
    return html`<tz-page-header heading="Xero" description="Invoices, credit notes, payments and contacts mirrored into your Xero organisation."></tz-page-header>
      ${xeroTabs('/xero/connection')}
      ${!c ? html`<tz-spinner></tz-spinner>` : html`
        <dl class="facts">
          <dt>Status</dt><dd><tz-badge variant=${VARIANTS[c.state]} dot data-state=${c.state}>${LABELS[c.state]}</tz-badge></dd>
          ${c.organisationName ? html`<dt>Organisation</dt><dd>${c.organisationName}</dd>` : nothing}
          ${c.accessExpiresAt ? html`<dt>Access token until</dt><dd>${formatTime(c.accessExpiresAt)} (refreshed automatically)</dd>` : nothing}
          <dt>Webhook URL</dt><dd><code>${c.webhookUrl}</code></dd>
          ${p && p.state !== 'none' ? html`<dt>First sync</dt><dd data-first-sync=${p.state}>${p.done} of ${p.total} synced${p.failed ? `, ${p.failed} failed` : ''}${p.state === 'done' ? ' — done' : ''}
            <progress max=${p.total} .value=${p.done + p.failed} aria-label="First sync progress"></progress></dd>` : nothing}
        </dl>
        ${c.lastError ? html`<tz-alert variant="danger" heading="Xero refused the connection">${c.lastError}</tz-alert>` : nothing}
        ${c.state === 'choose_organisation' ? html`<div class="section"><h2>Which organisation?</h2>
          ${c.organisations.map((o) => html`<tz-button ?disabled=${!manage || this.busy} @click=${() => this.choose(o.tenantId)}>Use ${o.name}</tz-button> `)}</div>` : nothing}
        <div class="section actions">
          ${c.state === 'disconnected' || c.state === 'reconnect'
            ? html`<tz-button variant="primary" ?disabled=${!manage} ?loading=${this.busy} @click=${this.connect}>${c.state === 'reconnect' ? 'Reconnect to Xero' : 'Connect to Xero'}</tz-button>`
            : html`<tz-button variant="primary" ?disabled=${!manage || c.state !== 'connected'} ?loading=${this.busy} @click=${this.firstSync}>Start first sync</tz-button>
              <tz-button variant="danger" ?disabled=${!manage || this.busy} @click=${this.disconnect}>Disconnect</tz-button>`}
        </div>`}`
  }
}

customElements.define('xero-connection', XeroConnection)
