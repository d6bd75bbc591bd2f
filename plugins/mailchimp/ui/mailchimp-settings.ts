/**
 * `<mailchimp-settings>` (`/mailchimp`): the connection to Mailchimp — the account's audiences and the one chosen,
 * the field and tag mapping (a schema form of the contract's `mappingSchema`), the webhook URL to enter in Mailchimp,
 * and the last sync with its progress, the contact counts and the latest errors with Mailchimp's message. Changing
 * anything needs `mailchimp.manage` (`can()`); readers see the status only.
 */
import { LitElement, html, css, nothing } from 'lit'
import { api, can, toast, formatDateTime } from '@tessera/ui-kit'
import type { SelectOption, TableColumn } from '@tessera/ui-kit'
import { mailchimpPermissions, mappingSchema } from '../src/contract/index.ts'
import type { Audience, Mapping, Settings, SyncStatus } from '../src/contract/index.ts'

type ErrorRow = SyncStatus['errors'][number]

export class MailchimpSettings extends LitElement {
  static styles = css`
    :host { display: block; }
    section { margin-top: var(--tz-space-6); display: grid; gap: var(--tz-space-3); max-width: 48rem; }
    h2 { font-size: var(--tz-text-lg); margin: 0; }
    .row { display: flex; gap: var(--tz-space-3); align-items: end; flex-wrap: wrap; }
    .mono { font-family: var(--tz-font-mono); word-break: break-all; }
    progress { width: 100%; }
  `
  static properties = {
    settings: { state: true },
    audiences: { state: true },
    status: { state: true },
    chosen: { state: true },
    busy: { state: true },
  }
  declare settings: Settings | null
  declare audiences: Audience[]
  declare status: SyncStatus | null
  declare chosen: string
  declare busy: boolean
  #timer: ReturnType<typeof setInterval> | undefined

  constructor() {
    super()
    this.settings = null
    this.audiences = []
    this.status = null
    this.chosen = ''
    this.busy = false
  }

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
    this.#timer = setInterval(() => void this.loadStatus(), 3000)
  }

  disconnectedCallback(): void {
    super.disconnectedCallback()
    clearInterval(this.#timer)
  }

  private async load(): Promise<void> {
    await this.loadStatus()
    if (!can(mailchimpPermissions.manage)) return
    try {
      this.settings = await api<Settings>('/api/v1/mailchimp/settings')
      this.chosen = this.settings.audienceId ?? ''
      this.audiences = (await api<{ items: Audience[] }>('/api/v1/mailchimp/audiences')).items
    } catch (error) {
      toast(error)
    }
  }

  private async loadStatus(): Promise<void> {
    try {
      this.status = await api<SyncStatus>('/api/v1/mailchimp/status')
    } catch {
      /* shown on the next load */
    }
  }

  private async chooseAudience(): Promise<void> {
    if (!this.chosen) return
    this.busy = true
    try {
      this.settings = await api<Settings>('/api/v1/mailchimp/audience', { method: 'PUT', body: { audienceId: this.chosen } })
      toast({ variant: 'success', message: `Audience ${this.settings.audienceName} chosen; the first sync has started.` })
      await this.loadStatus()
    } catch (error) {
      toast(error)
    } finally {
      this.busy = false
    }
  }

  private async saveMapping(e: CustomEvent<{ value: Mapping }>): Promise<void> {
    // an emptied merge field means "not sent" (null), not an empty tag
    const value = { ...e.detail.value, organisationField: e.detail.value.organisationField || null, planField: e.detail.value.planField || null }
    try {
      this.settings = await api<Settings>('/api/v1/mailchimp/mapping', { method: 'PUT', body: value })
      toast({ variant: 'success', message: 'Mapping saved; it applies from the next sync.' })
    } catch (error) {
      toast(error)
    }
  }

  private async syncNow(): Promise<void> {
    try {
      await api('/api/v1/mailchimp/sync', { method: 'POST', body: {} })
      toast({ variant: 'success', message: 'Sync started.' })
    } catch (error) {
      toast(error)
    }
  }

  private errorColumns: TableColumn<ErrorRow>[] = [
    { key: 'person', label: 'Person', render: (r) => html`<a href=${`/members/${r.personId}`}>${r.personId.slice(0, 8)}</a>` },
    { key: 'error', label: 'Mailchimp said', render: (r) => r.error },
    { key: 'at', label: 'When', render: (r) => formatDateTime(r.at) },
  ]

  private renderStatus() {
    const s = this.status
    if (!s) return html`<tz-spinner></tz-spinner>`
    const run = s.lastRun
    return html`<section><h2>Last sync</h2>
      ${run ? html`<div class="row">
          <tz-badge variant=${run.status === 'finished' ? (run.erroredOperations ? 'warning' : 'success') : run.status === 'failed' ? 'danger' : 'info'} dot>${run.status}</tz-badge>
          <span>${run.finishedOperations} of ${run.totalOperations} operations${run.erroredOperations ? `, ${run.erroredOperations} refused` : ''}</span>
          <span class="cell-muted">${formatDateTime(run.startedAt)}</span></div>
        ${run.status === 'running' ? html`<progress max=${run.totalOperations || 1} value=${run.finishedOperations}></progress>` : nothing}
        ${run.error ? html`<tz-alert variant="danger">${run.error}</tz-alert>` : nothing}`
      : html`<p>No sync yet.</p>`}
      <p>${s.subscribed} subscribed, ${s.unsubscribed} unsubscribed or cleaned.</p>
      ${can(mailchimpPermissions.manage) ? html`<div><tz-button variant="secondary" @click=${() => this.syncNow()}>Sync now</tz-button></div>` : nothing}
      <tz-table caption="Contacts in error" .columns=${this.errorColumns} .rows=${s.errors} empty-heading="No errors"></tz-table>
    </section>`
  }

  private renderConnection() {
    if (!can(mailchimpPermissions.manage) || !this.settings) return nothing
    const options: SelectOption[] = this.audiences.map((a) => ({ value: a.id, label: `${a.name} (${a.memberCount})` }))
    return html`<section><h2>Audience</h2>
        <div class="row">
          <tz-select label="Audience" .options=${options} .value=${this.chosen} placeholder="Choose an audience"
            @change=${(e: Event) => { this.chosen = (e.target as HTMLSelectElement).value }}></tz-select>
          <tz-button ?loading=${this.busy} ?disabled=${!this.chosen || this.chosen === this.settings.audienceId} @click=${() => this.chooseAudience()}>Use this audience</tz-button>
        </div>
        <p>Only people with recorded marketing consent are subscribed. Webhook URL for the audience (unsubscribes, cleaned, profile):</p>
        <div class="mono">${location.origin}${this.settings.webhookPath}</div>
      </section>
      <section><h2>Fields and tags</h2>
        <tz-schema-form .schema=${mappingSchema} .value=${this.settings.mapping} submit-label="Save mapping"
          @tz-submit=${(e: CustomEvent<{ value: Mapping }>) => this.saveMapping(e)}></tz-schema-form>
      </section>`
  }

  render() {
    return html`<tz-page-header heading="Mailchimp" description="Newsletter audience sync, with consent first."></tz-page-header>
      ${this.renderConnection()}
      ${this.renderStatus()}`
  }
}

customElements.define('mailchimp-settings', MailchimpSettings)
