/**
 * `<notifications-settings>` (`/notifications/settings`, admins): the SMTP settings in use (from the tenant's plugin
 * config, set by the operator; the password never shown, only whether one is set), the brand of the e-mails, the
 * templates, and a test send whose result — the server's answer or the error — is shown on the spot.
 */
import { LitElement, html, css, nothing } from 'lit'
import { api, toast } from '@tessera/ui-kit'
import type { TableColumn } from '@tessera/ui-kit'
import type { NotificationSettings, NotificationTemplateInfo, TestSendResult } from '../src/contract/index.ts'

export class NotificationsSettings extends LitElement {
  static styles = css`
    :host { display: block; }
    section { margin-bottom: var(--tz-space-8); }
    h2 { font-size: var(--tz-text-lg); margin: 0 0 var(--tz-space-3); }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: var(--tz-space-2) var(--tz-space-6); margin: 0;
      background: var(--tz-color-surface); border: 1px solid var(--tz-color-border); border-radius: var(--tz-radius-lg); padding: var(--tz-space-4) var(--tz-space-5); }
    dt { color: var(--tz-color-text-muted); }
    dd { margin: 0; }
    form { display: flex; gap: var(--tz-space-3); align-items: flex-end; max-width: 560px; margin-bottom: var(--tz-space-3); }
    form tz-text-field { flex: 1; }
  `
  static properties = { settings: { state: true }, to: { state: true }, sending: { state: true }, result: { state: true } }
  declare settings: NotificationSettings | null
  declare to: string
  declare sending: boolean
  declare result: TestSendResult | null

  constructor() {
    super()
    this.settings = null
    this.to = ''
    this.sending = false
    this.result = null
  }

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  private async load(): Promise<void> {
    try {
      this.settings = await api<NotificationSettings>('/api/v1/notifications/settings')
    } catch (error) {
      toast(error)
    }
  }

  private async test(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    if (!form.checkValidity()) {
      form.reportValidity()
      return
    }
    this.sending = true
    this.result = null
    try {
      this.result = await api<TestSendResult>('/api/v1/notifications/settings/test', { method: 'POST', body: { to: this.to.trim() } })
    } catch (error) {
      toast(error)
    } finally {
      this.sending = false
    }
  }

  private columns: TableColumn<NotificationTemplateInfo>[] = [
    { key: 'title', label: 'E-mail', render: (t) => html`<span class="cell-title">${t.title}</span><div class="cell-sub">${t.description}</div>` },
    { key: 'id', label: 'Template', render: (t) => html`<code>${t.id}</code>` },
    { key: 'essential', label: 'Kind', render: (t) => html`<tz-badge variant=${t.essential ? 'accent' : 'neutral'}>${t.essential ? 'Essential' : 'Optional'}</tz-badge>` },
    { key: 'plugin', label: 'From', render: (t) => t.plugin },
  ]

  render() {
    const header = html`<tz-page-header heading="E-mail settings" description="How this space sends e-mail, and a test."></tz-page-header>`
    const s = this.settings
    if (!s) return html`${header}<tz-spinner label="Loading"></tz-spinner>`
    const value = (v: string | number | null) => (v === null || v === '' ? html`<span class="cell-muted">not set</span>` : v)
    return html`${header}
      ${s.configured ? nothing : html`<tz-alert variant="warning" heading="E-mail is not configured">
        Messages are kept in the log as "not configured" and nothing else fails. The operator sets the SMTP server in this space's notifications settings.</tz-alert>`}
      <section aria-labelledby="smtp">
        <h2 id="smtp">SMTP server</h2>
        <dl aria-label="SMTP server">
          <dt>Host</dt><dd>${value(s.smtp.host)}</dd>
          <dt>Port</dt><dd>${s.smtp.port}</dd>
          <dt>Encryption</dt><dd>${s.smtp.secure ? 'TLS' : 'STARTTLS when offered'}</dd>
          <dt>User</dt><dd>${value(s.smtp.user)}</dd>
          <dt>Password</dt><dd>${s.smtp.passwordSet ? 'set' : html`<span class="cell-muted">not set</span>`}</dd>
          <dt>From</dt><dd>${value(s.smtp.from)}</dd>
          <dt>Space name</dt><dd>${s.brand.name}</dd>
          <dt>Logo</dt><dd>${value(s.brand.logoUrl)}</dd>
          <dt>Links to</dt><dd>${value(s.brand.appUrl)}</dd>
          <dt>Times in</dt><dd>${s.timeZone}</dd>
          <dt>Reminders</dt><dd>${s.reminderLeadMinutes} minutes before a booking</dd>
        </dl>
      </section>
      <section aria-labelledby="test">
        <h2 id="test">Send a test e-mail</h2>
        <form @submit=${this.test} aria-label="Send a test e-mail" novalidate>
          <tz-text-field label="Send to" type="email" name="to" required autocomplete="email" .value=${this.to}
            @input=${(e: Event) => (this.to = (e.target as HTMLInputElement).value)}></tz-text-field>
          <tz-button type="submit" variant="primary" ?loading=${this.sending}>Send test</tz-button>
        </form>
        ${this.result ? html`<tz-alert role="status" variant=${this.result.ok ? 'success' : 'danger'} heading=${this.result.ok ? 'Test e-mail sent' : 'Test e-mail failed'}>${this.result.detail}</tz-alert>` : nothing}
      </section>
      <section aria-labelledby="templates">
        <h2 id="templates">E-mails</h2>
        <tz-table caption="E-mail templates" .columns=${this.columns} .rows=${s.templates} .rowKey=${(t: NotificationTemplateInfo) => t.id}></tz-table>
      </section>`
  }
}

customElements.define('notifications-settings', NotificationsSettings)
