/**
 * `<wifi-profile-section person-id>`: Wi-Fi's part of a member's profile (`ui.profileSections`, `wifi.manage`) — the
 * person's Wi-Fi login, whether it works now and why not, when the password was last set (never the password), the
 * devices seen in accounting with the data used, from `GET /wifi/people/:personId`; and, confirmed in the app's own
 * dialog, "New password" (the current one stops working at once; the member reads the new one on My Wi-Fi) and
 * "Disconnect" (when the space configured Disconnect-Requests and a session is live).
 */
import { LitElement, css, html, nothing } from 'lit'
import { api, can, confirmAction, formatDate, formatDateTime, toast, widgetStyles } from '@tessera/ui-kit'
import { wifiPermissions } from '../src/contract/index.ts'
import type { DisconnectResult, PersonWifi } from '../src/contract/index.ts'
import { formatBytes } from './wifi-format.ts'

export class WifiProfileSection extends LitElement {
  static styles = [widgetStyles, css`
    dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: var(--tz-space-1) var(--tz-space-3); margin: 0 0 var(--tz-space-2); }
    dt { color: var(--tz-color-text-muted); font-size: var(--tz-text-sm); }
    dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
    .code { font-family: var(--tz-font-mono); }
    .actions { display: flex; flex-wrap: wrap; gap: var(--tz-space-2); margin-top: var(--tz-space-3); }
  `]
  static properties = { personId: { attribute: 'person-id' }, wifi: { state: true }, failed: { state: true }, busy: { state: true } }
  declare personId: string
  declare wifi: PersonWifi | null
  declare failed: boolean
  declare busy: 'password' | 'disconnect' | null

  constructor() {
    super()
    this.personId = ''
    this.wifi = null
    this.failed = false
    this.busy = null
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('personId') && this.personId) void this.load()
  }

  private async load(): Promise<void> {
    try {
      this.wifi = await api<PersonWifi>(`/api/v1/wifi/people/${encodeURIComponent(this.personId)}`)
      this.failed = false
    } catch (error) {
      this.failed = true
      toast(error)
    }
  }

  private async newPassword(w: PersonWifi): Promise<void> {
    const ok = await confirmAction({
      heading: `Give ${w.username} a new Wi-Fi password?`,
      message: 'The current password stops working at once on every device. The member sees the new one on My Wi-Fi.',
      confirmLabel: 'New password', danger: true,
    })
    if (!ok) return
    this.busy = 'password'
    try {
      this.wifi = await api<PersonWifi>(`/api/v1/wifi/people/${encodeURIComponent(w.personId)}/password`, { method: 'POST', body: {} })
      toast({ variant: 'success', message: 'New Wi-Fi password set. The member finds it on My Wi-Fi.' })
    } catch (error) {
      toast(error)
    } finally {
      this.busy = null
    }
  }

  private async disconnect(w: PersonWifi): Promise<void> {
    const ok = await confirmAction({
      heading: `Disconnect ${w.username}?`,
      message: `The access point is asked to end ${w.openSessions === 1 ? 'their live session' : `their ${w.openSessions} live sessions`}. Their device may reconnect while their login is valid.`,
      confirmLabel: 'Disconnect', danger: true,
    })
    if (!ok) return
    this.busy = 'disconnect'
    try {
      const r = await api<DisconnectResult>(`/api/v1/wifi/people/${encodeURIComponent(w.personId)}/disconnect`, { method: 'POST', body: {} })
      toast({ variant: r.acknowledged === r.sessions ? 'success' : 'warning', message: `${r.acknowledged} of ${r.sessions} session${r.sessions === 1 ? '' : 's'} disconnected.` })
      await this.load()
    } catch (error) {
      toast(error)
    } finally {
      this.busy = null
    }
  }

  render() {
    const w = this.wifi
    if (!w) return this.failed ? html`<p class="quiet">The Wi-Fi access could not be loaded.</p>` : html`<tz-spinner label="Loading Wi-Fi access"></tz-spinner>`
    if (!w.username) {
      return html`<p class="quiet"><strong>No Wi-Fi access</strong></p>${w.refusal ? html`<p class="item-sub" data-part="reason">${w.refusal.message}</p>` : nothing}`
    }
    const manage = can(wifiPermissions.manage)
    return html`
      <dl aria-label="Wi-Fi access">
        <dt>Username</dt><dd class="code" data-part="username">${w.username}</dd>
        <dt>Status</dt><dd data-part="status">${w.active
          ? html`<tz-badge variant="success">Active</tz-badge>${w.validUntil ? html` until ${formatDate(w.validUntil)}` : nothing}`
          : html`<tz-badge variant="danger">Not active</tz-badge>${w.refusal ? html` <span class="item-sub" data-part="reason">${w.refusal.message}</span>` : nothing}`}</dd>
        <dt>Password set</dt><dd data-part="rotated">${w.rotatedAt ? formatDateTime(w.rotatedAt) : '—'}</dd>
        <dt>Data used</dt><dd data-part="data">${formatBytes(w.totalBytes)}</dd>
      </dl>
      <h3>Devices</h3>
      ${w.devices.length ? html`<ul class="items" aria-label="Wi-Fi devices">${w.devices.map((d) => html`<li><div class="item-main">
          <div class="item-title code">${d.device}</div><div class="item-sub">Last seen ${formatDateTime(d.lastSeenAt)} · ${d.sessions === 1 ? '1 session' : `${d.sessions} sessions`}</div></div>
          ${d.connected ? html`<div class="item-side"><tz-badge variant="success">Connected</tz-badge></div>` : nothing}</li>`)}</ul>`
        : html`<p class="quiet">No devices seen yet.</p>`}
      ${manage ? html`<div class="actions">
          <tz-button size="sm" ?loading=${this.busy === 'password'} ?disabled=${this.busy !== null} @click=${() => this.newPassword(w)}>New password</tz-button>
          ${w.canDisconnect && w.openSessions > 0
            ? html`<tz-button size="sm" ?loading=${this.busy === 'disconnect'} ?disabled=${this.busy !== null} @click=${() => this.disconnect(w)}>Disconnect</tz-button>` : nothing}
        </div>` : nothing}`
  }
}

customElements.define('wifi-profile-section', WifiProfileSection)
