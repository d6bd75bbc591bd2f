/**
 * `<notifications-preferences>` (`/notifications/preferences`): which e-mails the signed-in person receives. Each
 * non-essential e-mail has a switch, plus one to switch all of them off (what one-click unsubscribe sets); essential
 * ones (account, invoices, payment problems) are listed as always sent. Save stores the choice.
 */
import { LitElement, html, css } from 'lit'
import { api, toast } from '@tessera/ui-kit'
import type { NotificationPreferences } from '../src/contract/index.ts'

export class NotificationsPreferences extends LitElement {
  static styles = css`
    :host { display: block; }
    form { display: flex; flex-direction: column; gap: var(--tz-space-4); max-width: 640px; }
    fieldset { border: 1px solid var(--tz-color-border); border-radius: var(--tz-radius-lg); padding: var(--tz-space-4) var(--tz-space-5); margin: 0;
      display: flex; flex-direction: column; gap: var(--tz-space-3); background: var(--tz-color-surface); }
    legend { font-weight: 600; padding: 0 var(--tz-space-1); }
    .actions { display: flex; gap: var(--tz-space-2); }
  `
  static properties = { prefs: { state: true }, saving: { state: true } }
  declare prefs: NotificationPreferences | null
  declare saving: boolean

  constructor() {
    super()
    this.prefs = null
    this.saving = false
  }

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  private async load(): Promise<void> {
    try {
      this.prefs = await api<NotificationPreferences>('/api/v1/notifications/me/preferences')
    } catch (error) {
      toast(error)
    }
  }

  private toggle(id: string, enabled: boolean): void {
    if (!this.prefs) return
    this.prefs = { ...this.prefs, templates: this.prefs.templates.map((t) => (t.id === id ? { ...t, enabled } : t)) }
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    if (!this.prefs) return
    this.saving = true
    try {
      const disabled = this.prefs.templates.filter((t) => !t.essential && !t.enabled).map((t) => t.id)
      this.prefs = await api<NotificationPreferences>('/api/v1/notifications/me/preferences', {
        method: 'PUT', body: { allOptionalOff: this.prefs.allOptionalOff, disabled },
      })
      toast({ variant: 'success', message: 'E-mail preferences saved.' })
    } catch (error) {
      toast(error)
    } finally {
      this.saving = false
    }
  }

  render() {
    const header = html`<tz-page-header heading="E-mail preferences" description="Choose which e-mails you receive."></tz-page-header>`
    const p = this.prefs
    if (!p) return html`${header}<tz-spinner label="Loading"></tz-spinner>`
    const optional = p.templates.filter((t) => !t.essential)
    const essential = p.templates.filter((t) => t.essential)
    return html`${header}
      <form @submit=${this.save} aria-label="E-mail preferences">
        <p>E-mails go to <strong>${p.email}</strong>.</p>
        <fieldset>
          <legend>Optional e-mails</legend>
          <tz-checkbox label="Switch off all optional e-mails" help="The same as the Unsubscribe link in an e-mail." .checked=${p.allOptionalOff}
            @change=${(e: Event) => (this.prefs = { ...p, allOptionalOff: (e.target as HTMLInputElement).checked })}></tz-checkbox>
          ${optional.map((t) => html`<tz-checkbox label=${t.title} help=${t.description} .checked=${t.enabled && !p.allOptionalOff}
            ?disabled=${p.allOptionalOff} @change=${(e: Event) => this.toggle(t.id, (e.target as HTMLInputElement).checked)}></tz-checkbox>`)}
        </fieldset>
        <fieldset>
          <legend>Always sent</legend>
          ${essential.map((t) => html`<tz-checkbox label=${t.title} help=${`${t.description} Essential: cannot be switched off.`} checked disabled></tz-checkbox>`)}
        </fieldset>
        <div class="actions"><tz-button type="submit" variant="primary" ?loading=${this.saving}>Save preferences</tz-button></div>
      </form>`
  }
}

customElements.define('notifications-preferences', NotificationsPreferences)
