/**
 * `<access-my-doors>` (`/my-doors`): member self-service — the doors one may open right now, each with an Unlock
 * button (the server checks the rights again), and "New PIN", which issues a generated PIN for the keypads and
 * shows it once (the previous PIN stops working within seconds).
 */
import { LitElement, html, css, nothing } from 'lit'
import { api, toast, ProblemError } from '@tessera/ui-kit'
import type { TableColumn } from '@tessera/ui-kit'
import type { Credential, Door } from '../src/contract/index.ts'

export class AccessMyDoors extends LitElement {
  static styles = css`
    :host { display: block; }
    .pin { margin-top: var(--tz-space-6); display: grid; gap: var(--tz-space-3); justify-items: start; }
    .code { font-family: var(--tz-font-mono); font-size: var(--tz-text-2xl); letter-spacing: 0.2em; }
  `
  static properties = {
    doors: { state: true },
    unlinked: { state: true },
    pin: { state: true },
    busy: { state: true },
  }
  declare doors: Door[] | null
  declare unlinked: boolean
  declare pin: string | null
  declare busy: boolean

  constructor() {
    super()
    this.doors = null
    this.unlinked = false
    this.pin = null
    this.busy = false
  }

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  private async load(): Promise<void> {
    try {
      this.doors = (await api<{ items: Door[] }>('/api/v1/access/me/doors')).items
    } catch (error) {
      if (error instanceof ProblemError && error.status === 403) this.unlinked = true
      else toast(error)
      this.doors = []
    }
  }

  private async unlock(door: Door): Promise<void> {
    try {
      await api(`/api/v1/access/doors/${door.id}/unlock`, { method: 'POST', body: {}, headers: { 'idempotency-key': crypto.randomUUID() } })
      toast({ variant: 'success', message: `${door.name} unlocked.` })
    } catch (error) {
      toast(error)
    }
  }

  private async newPin(): Promise<void> {
    this.busy = true
    try {
      this.pin = (await api<Credential>('/api/v1/access/me/pin', { method: 'POST', body: {} })).pin ?? null
    } catch (error) {
      toast(error)
    } finally {
      this.busy = false
    }
  }

  private columns: TableColumn<Door>[] = [
    { key: 'name', label: 'Door', render: (d) => html`<span class="cell-title">${d.name}</span>` },
    { key: 'actions', label: 'Actions', align: 'right', render: (d) => html`<div class="cell-actions">
        <tz-button size="sm" variant="primary" label=${`Unlock ${d.name}`} @click=${() => this.unlock(d)}>Unlock</tz-button></div>` },
  ]

  render() {
    if (this.unlinked) {
      return html`<tz-page-header heading="My doors"></tz-page-header>
        <tz-alert variant="warning" heading="Your login is not linked to a member">Ask the front desk to invite you from your member record.</tz-alert>`
    }
    return html`<tz-page-header heading="My doors" description="Doors you can open now, and your keypad PIN."></tz-page-header>
      <tz-table caption="My doors" .columns=${this.columns} .rows=${this.doors ?? []} ?loading=${this.doors === null}
        empty-heading="No doors right now" empty-description="Your access groups open no door at this time."></tz-table>
      <div class="pin">
        ${this.pin ? html`<tz-alert variant="success" heading="Your new PIN">
            <span class="code" aria-label="New PIN">${this.pin}</span><div>Shown only now. Your previous PIN no longer works.</div></tz-alert>` : nothing}
        <tz-button variant="secondary" ?loading=${this.busy} @click=${() => this.newPin()}>New PIN</tz-button>
      </div>`
  }
}

customElements.define('access-my-doors', AccessMyDoors)
