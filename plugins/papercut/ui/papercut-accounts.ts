/**
 * `<papercut-accounts>` (`/papercut/accounts`): staff see each person's PaperCut sync — username, printing enabled
 * or disabled, the state (synced, pending, error with retries left, dead), the last error's reason — and, with
 * `papercut.manage`, retry a person (the sync runs in the background; the list refreshes until it settles, and
 * live on `papercut.account.sync-failed`).
 */
import { LitElement, html, css, nothing } from 'lit'
import { api, toast, can, realtime } from '@tessera/ui-kit'
import type { TableColumn } from '@tessera/ui-kit'
import { papercutPermissions } from '../src/contract/index.ts'
import type { PaperCutAccount, PaperCutAccountList } from '../src/contract/index.ts'
import { stateLabel, stateVariant } from './account-state.ts'

export class PapercutAccounts extends LitElement {
  static styles = css`:host { display: block; }`
  static properties = { accounts: { state: true } }
  declare accounts: PaperCutAccount[] | null
  private unsubscribe: (() => void) | undefined
  private refreshTimer: ReturnType<typeof setTimeout> | undefined

  constructor() {
    super()
    this.accounts = null
  }

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
    this.unsubscribe = realtime().subscribe('papercut.account.sync-failed', () => void this.load())
  }

  disconnectedCallback(): void {
    super.disconnectedCallback()
    this.unsubscribe?.()
    clearTimeout(this.refreshTimer)
  }

  private async load(): Promise<void> {
    try {
      this.accounts = (await api<PaperCutAccountList>('/api/v1/papercut/accounts')).items
    } catch (error) {
      toast(error)
      this.accounts = []
    }
  }

  /** Reloads every 2 s while a person is pending, for up to a minute. */
  private refreshWhilePending(left = 30): void {
    clearTimeout(this.refreshTimer)
    this.refreshTimer = setTimeout(async () => {
      await this.load()
      if (left > 1 && this.accounts?.some((a) => a.state === 'pending')) this.refreshWhilePending(left - 1)
    }, 2000)
  }

  private async retry(a: PaperCutAccount): Promise<void> {
    try {
      await api(`/api/v1/papercut/accounts/${a.personId}/retry`, { method: 'POST', body: {} })
      toast({ variant: 'success', message: `Retrying ${a.personName}.` })
      await this.load()
      this.refreshWhilePending()
    } catch (error) {
      toast(error)
    }
  }

  private columns: TableColumn<PaperCutAccount>[] = [
    { key: 'personName', label: 'Person', render: (a) => html`<span class="cell-title">${a.personName}</span><div class="cell-sub">${a.username}</div>` },
    { key: 'printEnabled', label: 'Printing', render: (a) => html`<tz-badge variant=${a.printEnabled ? 'success' : 'neutral'}>${a.printEnabled ? 'Enabled' : 'Disabled'}</tz-badge>` },
    { key: 'state', label: 'Sync', render: (a) => html`<tz-badge dot variant=${stateVariant(a.state)}>${stateLabel(a.state)}</tz-badge>` },
    { key: 'errorReason', label: 'Last error', render: (a) => a.state !== 'synced' && a.errorReason
      ? html`<span class="cell-danger">${a.errorReason}</span><div class="cell-sub">${a.failures} failed attempt${a.failures === 1 ? '' : 's'}</div>`
      : html`<span class="cell-muted">—</span>` },
    { key: 'actions', label: 'Actions', align: 'right', render: (a) => can(papercutPermissions.manage) && a.state !== 'synced'
      ? html`<div class="cell-actions"><tz-button size="sm" variant="secondary" label=${`Retry ${a.personName}`} @click=${() => this.retry(a)}>Retry</tz-button></div>`
      : nothing },
  ]

  render() {
    return html`<tz-page-header heading="Printing" description="Members' PaperCut accounts: sync state, errors and retry."></tz-page-header>
      <tz-table caption="PaperCut accounts" .columns=${this.columns} .rows=${this.accounts ?? []} .rowKey=${(a: PaperCutAccount) => a.personId}
        ?loading=${this.accounts === null} empty-heading="No PaperCut accounts yet"
        empty-description="Members get one when they hold an active membership."></tz-table>`
  }
}

customElements.define('papercut-accounts', PapercutAccounts)
