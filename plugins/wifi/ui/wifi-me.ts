/**
 * `<wifi-me>` (`/wifi/me`): the member's Wi-Fi — the login (`name@realm`) and password to enter on a device
 * (WPA2/3-Enterprise: PEAP with MSCHAPv2), whether it works now, "New password" (the old one stops working at once),
 * and the latest sessions with the data used, from RADIUS accounting.
 */
import { LitElement, html, css, nothing } from 'lit'
import { api, toast, ProblemError, can } from '@tessera/ui-kit'
import type { TableColumn } from '@tessera/ui-kit'
import { wifiPermissions } from '../src/contract/index.ts'
import type { MyWifi, WifiSession } from '../src/contract/index.ts'
import { formatBytes, formatSeconds, formatTime } from './wifi-format.ts'

export class WifiMe extends LitElement {
  static styles = css`
    :host { display: block; }
    .login { display: grid; grid-template-columns: max-content 1fr; gap: var(--tz-space-2) var(--tz-space-4); margin-bottom: var(--tz-space-6); align-items: center; }
    .code { font-family: var(--tz-font-mono); font-size: var(--tz-text-lg); }
    .actions { margin-bottom: var(--tz-space-6); }
  `
  static properties = { wifi: { state: true }, missing: { state: true }, busy: { state: true } }
  declare wifi: MyWifi | null
  declare missing: string | null
  declare busy: boolean

  constructor() {
    super()
    this.wifi = null
    this.missing = null
    this.busy = false
  }

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  private async load(): Promise<void> {
    try {
      this.wifi = await api<MyWifi>('/api/v1/wifi/me')
    } catch (error) {
      if (error instanceof ProblemError && error.status === 404) this.missing = error.message
      else toast(error)
    }
  }

  private async rotate(): Promise<void> {
    this.busy = true
    try {
      this.wifi = await api<MyWifi>('/api/v1/wifi/me/password', { method: 'POST', body: {} })
      toast({ variant: 'success', message: 'New Wi-Fi password set. Enter it on your devices.' })
    } catch (error) {
      toast(error)
    } finally {
      this.busy = false
    }
  }

  private columns: TableColumn<WifiSession>[] = [
    { key: 'startedAt', label: 'Started', render: (s) => formatTime(s.startedAt) },
    { key: 'stoppedAt', label: 'Ended', render: (s) => (s.stoppedAt ? formatTime(s.stoppedAt) : html`<tz-badge variant="success">Connected</tz-badge>`) },
    { key: 'seconds', label: 'Duration', render: (s) => formatSeconds(s.seconds) },
    { key: 'data', label: 'Data used', align: 'right', render: (s) => formatBytes(s.inputBytes + s.outputBytes) },
    { key: 'device', label: 'Device', render: (s) => s.device ?? '—' },
  ]

  render() {
    const header = html`<tz-page-header heading="My Wi-Fi" description="Your login for the members' network (WPA2/3-Enterprise, PEAP/MSCHAPv2)."></tz-page-header>`
    if (this.missing) return html`${header}<tz-alert variant="info" heading="No Wi-Fi login">${this.missing}</tz-alert>`
    const w = this.wifi
    if (!w) return html`${header}<tz-spinner></tz-spinner>`
    return html`${header}
      <div class="login">
        <span>Username</span><span class="code" aria-label="Wi-Fi username">${w.username}</span>
        <span>Password</span><span class="code" aria-label="Wi-Fi password">${w.password}</span>
        <span>Status</span><span>${w.active ? html`<tz-badge variant="success">Active</tz-badge>` : html`<tz-badge variant="danger">Not active</tz-badge>`}
          ${w.validUntil ? html` until ${formatTime(w.validUntil)}` : nothing}</span>
        <span>Data used</span><span aria-label="Data used">${formatBytes(w.totalBytes)}</span>
      </div>
      ${can(wifiPermissions.self) ? html`<div class="actions"><tz-button variant="secondary" ?loading=${this.busy} @click=${() => this.rotate()}>New password</tz-button></div>` : nothing}
      <tz-table caption="My Wi-Fi sessions" .columns=${this.columns} .rows=${w.sessions}
        empty-heading="No sessions yet" empty-description="Connect a device to see its sessions here."></tz-table>`
  }
}

customElements.define('wifi-me', WifiMe)
