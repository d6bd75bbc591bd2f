/**
 * `<notifications-log>` (`/notifications/log`, admins): the sent-mail log, newest first — recipient, subject, state
 * (sent, pending with its next attempt, failed or skipped with the reason), attempts — filtered by state, paged, with
 * Retry for a failed message or one not sent for want of SMTP settings (the list refreshes while it is pending again).
 */
import { LitElement, html, css, nothing } from 'lit'
import { api, toast, formatDateTime } from '@tessera/ui-kit'
import type { TableColumn } from '@tessera/ui-kit'
import { MESSAGE_STATES } from '../src/contract/index.ts'
import type { MessageState, NotificationMessage, NotificationMessagePage } from '../src/contract/index.ts'

const LABELS: Record<MessageState, string> = { pending: 'Pending', sent: 'Sent', failed: 'Failed', skipped: 'Not sent' }
const VARIANTS: Record<MessageState, 'success' | 'warning' | 'danger' | 'neutral'> = { pending: 'warning', sent: 'success', failed: 'danger', skipped: 'neutral' }
const LIMIT = 25
const time = (iso: string | null) => (iso ? formatDateTime(iso) : '')
/** Failed, or not sent because SMTP was not configured (one switched off by its recipient would be skipped again). */
const retryable = (m: NotificationMessage) => m.state === 'failed' || (m.state === 'skipped' && (m.error ?? '').startsWith('Not configured'))

export class NotificationsLog extends LitElement {
  static styles = css`
    :host { display: block; }
    .filters { display: flex; gap: var(--tz-space-3); align-items: flex-end; margin-bottom: var(--tz-space-4); }
  `
  static properties = { page: { state: true }, state: { state: true }, offset: { state: true } }
  declare page: NotificationMessagePage | null
  declare state: MessageState | ''
  declare offset: number
  private refreshTimer: ReturnType<typeof setTimeout> | undefined

  constructor() {
    super()
    this.page = null
    this.state = ''
    this.offset = 0
  }

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  disconnectedCallback(): void {
    super.disconnectedCallback()
    clearTimeout(this.refreshTimer)
  }

  private async load(): Promise<void> {
    const q = new URLSearchParams({ limit: String(LIMIT), offset: String(this.offset), ...(this.state ? { state: this.state } : {}) })
    try {
      this.page = await api<NotificationMessagePage>(`/api/v1/notifications/messages?${q}`)
    } catch (error) {
      toast(error)
    }
  }

  /** Reloads every 2 s while a message is pending, for up to a minute. */
  private refreshWhilePending(left = 30): void {
    clearTimeout(this.refreshTimer)
    this.refreshTimer = setTimeout(async () => {
      await this.load()
      if (left > 1 && this.page?.items.some((m) => m.state === 'pending')) this.refreshWhilePending(left - 1)
    }, 2000)
  }

  private async retry(m: NotificationMessage): Promise<void> {
    try {
      await api(`/api/v1/notifications/messages/${m.id}/retry`, { method: 'POST', body: {} })
      toast({ variant: 'success', message: `Sending again to ${m.recipientEmail}.` })
      await this.load()
      this.refreshWhilePending()
    } catch (error) {
      toast(error)
    }
  }

  private columns: TableColumn<NotificationMessage>[] = [
    { key: 'recipient', label: 'To', render: (m) => html`<span class="cell-title">${m.recipientName ?? m.recipientEmail}</span><div class="cell-sub">${m.recipientEmail}</div>` },
    { key: 'subject', label: 'E-mail', render: (m) => html`${m.subject ?? ''}<div class="cell-sub">${m.template}${m.essential ? ' · essential' : ''}</div>` },
    { key: 'state', label: 'State', render: (m) => html`<tz-badge dot variant=${VARIANTS[m.state]}>${LABELS[m.state]}</tz-badge>
      ${m.error ? html`<div class=${m.state === 'failed' ? 'cell-danger' : 'cell-sub'}>${m.error}</div>` : nothing}
      ${m.state === 'pending' && m.nextAttemptAt ? html`<div class="cell-sub">Next attempt ${time(m.nextAttemptAt)}</div>` : nothing}` },
    { key: 'attempts', label: 'Attempts', align: 'right', render: (m) => String(m.attempts) },
    { key: 'createdAt', label: 'When', render: (m) => html`${time(m.sentAt ?? m.createdAt)}` },
    { key: 'actions', label: 'Actions', align: 'right', render: (m) => retryable(m)
      ? html`<div class="cell-actions"><tz-button size="sm" variant="secondary" label=${`Retry ${m.recipientEmail}`} @click=${() => this.retry(m)}>Retry</tz-button></div>`
      : nothing },
  ]

  render() {
    const options = [{ value: '', label: 'All' }, ...MESSAGE_STATES.map((s) => ({ value: s, label: LABELS[s] }))]
    return html`<tz-page-header heading="Sent mail" description="Every e-mail of this space: sent, waiting to retry, failed or not sent."></tz-page-header>
      <div class="filters">
        <tz-select label="State" .options=${options} .value=${this.state}
          @change=${(e: Event) => { this.state = (e.target as HTMLSelectElement).value as MessageState | ''; this.offset = 0; void this.load() }}></tz-select>
        <tz-button variant="ghost" @click=${() => this.load()}>Refresh</tz-button>
      </div>
      <tz-table caption="Sent mail" .columns=${this.columns} .rows=${this.page?.items ?? []} .rowKey=${(m: NotificationMessage) => m.id}
        ?loading=${this.page === null} empty-heading="No e-mails" empty-description="E-mails appear here as they are sent."
        .total=${this.page?.total} .limit=${LIMIT} .offset=${this.offset}
        @tz-page=${(e: CustomEvent<{ offset: number }>) => { this.offset = e.detail.offset; void this.load() }}></tz-table>`
  }
}

customElements.define('notifications-log', NotificationsLog)
