/**
 * `<papercut-profile-section person-id>`: PaperCut's part of a member's profile (`ui.profileSections`,
 * `papercut.manage`) — the person's PaperCut username, the sync state (synced, pending, retrying or failed, with the
 * reason), whether printing is enabled, the balance, this period's pages against the allowance and their cost, and the
 * last sync, from `GET /papercut/accounts/:personId` (the plugin's store: PaperCut is not asked while the profile
 * loads). A person whose sync has not succeeded can be retried (a background sync; the section reloads until it
 * settles).
 */
import { LitElement, css, html, nothing } from 'lit'
import { api, can, formatDateTime, toast, widgetStyles } from '@tessera/ui-kit'
import { papercutPermissions } from '../src/contract/index.ts'
import type { PersonPrint } from '../src/contract/index.ts'
import { stateLabel, stateVariant } from './account-state.ts'

const amount = (major: number) => major.toFixed(2)
const minor = (n: number) => (n / 100).toFixed(2)

export class PapercutProfileSection extends LitElement {
  static styles = [widgetStyles, css`
    dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: var(--tz-space-1) var(--tz-space-3); margin: 0 0 var(--tz-space-2); }
    dt { color: var(--tz-color-text-muted); font-size: var(--tz-text-sm); }
    dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
    .reason { color: var(--tz-color-danger-text); font-size: var(--tz-text-sm); margin: var(--tz-space-1) 0 var(--tz-space-2); }
    .actions { margin-top: var(--tz-space-3); }
  `]
  static properties = { personId: { attribute: 'person-id' }, account: { state: true }, failed: { state: true }, busy: { state: true } }
  declare personId: string
  declare account: PersonPrint | null
  declare failed: boolean
  declare busy: boolean
  private refreshTimer: ReturnType<typeof setTimeout> | undefined

  constructor() {
    super()
    this.personId = ''
    this.account = null
    this.failed = false
    this.busy = false
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('personId') && this.personId) void this.load()
  }

  disconnectedCallback(): void {
    super.disconnectedCallback()
    clearTimeout(this.refreshTimer)
  }

  private async load(): Promise<void> {
    try {
      this.account = await api<PersonPrint>(`/api/v1/papercut/accounts/${encodeURIComponent(this.personId)}`)
      this.failed = false
    } catch (error) {
      this.failed = true
      toast(error)
    }
  }

  /** Reloads every 2 s while the account is pending, for up to a minute. */
  private refreshWhilePending(left = 30): void {
    clearTimeout(this.refreshTimer)
    this.refreshTimer = setTimeout(async () => {
      await this.load()
      if (left > 1 && this.account?.state === 'pending') this.refreshWhilePending(left - 1)
    }, 2000)
  }

  private async retry(a: PersonPrint): Promise<void> {
    this.busy = true
    try {
      await api(`/api/v1/papercut/accounts/${encodeURIComponent(a.personId)}/retry`, { method: 'POST', body: {} })
      toast({ variant: 'success', message: 'Sync with PaperCut queued.' })
      await this.load()
      this.refreshWhilePending()
    } catch (error) {
      toast(error)
    } finally {
      this.busy = false
    }
  }

  render() {
    const a = this.account
    if (!a) return this.failed ? html`<p class="quiet">The print account could not be loaded.</p>` : html`<tz-spinner label="Loading the print account"></tz-spinner>`
    if (!a.linked || !a.state) {
      return html`<p class="quiet"><strong>Not set up in PaperCut yet</strong></p><p class="item-sub">A PaperCut user is made when they hold an active membership.</p>`
    }
    const pages = a.pagesUsed === null ? '—' : `${a.pagesUsed}${a.allowancePages !== null ? ` of ${a.allowancePages}` : ''}${a.colourPagesUsed ? ` (${a.colourPagesUsed} colour)` : ''}`
    return html`
      <dl aria-label="Print account">
        <dt>Username</dt><dd data-part="username">${a.username}</dd>
        <dt>Sync</dt><dd data-part="state"><tz-badge dot variant=${stateVariant(a.state)}>${stateLabel(a.state)}</tz-badge></dd>
        <dt>Printing</dt><dd><tz-badge variant=${a.printEnabled ? 'success' : 'neutral'}>${a.printEnabled ? 'Enabled' : 'Disabled'}</tz-badge></dd>
        <dt>Balance</dt><dd data-part="balance">${a.balance === null ? '—' : amount(a.balance)}</dd>
        <dt>Pages ${a.period}</dt><dd data-part="pages">${pages}</dd>
        <dt>Cost ${a.period}</dt><dd data-part="cost">${a.periodCost === null ? '—' : minor(a.periodCost)}${a.overage ? html` · <strong>${minor(a.overage)} beyond the allowance</strong>` : nothing}</dd>
        <dt>Last sync</dt><dd data-part="synced">${a.syncedAt ? formatDateTime(a.syncedAt) : 'Never'}</dd>
      </dl>
      ${a.state !== 'synced' && a.errorReason
        ? html`<p class="reason" role="status" data-part="reason">${a.errorReason}${a.failures ? ` (${a.failures} failed attempt${a.failures === 1 ? '' : 's'})` : ''}</p>` : nothing}
      ${a.state !== 'synced' && can(papercutPermissions.manage)
        ? html`<div class="actions"><tz-button size="sm" ?loading=${this.busy} @click=${() => this.retry(a)}>Retry sync</tz-button></div>` : nothing}`
  }
}

customElements.define('papercut-profile-section', PapercutProfileSection)
