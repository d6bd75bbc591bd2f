/**
 * `<papercut-me>` (`/papercut/me`): a member's printing — their PaperCut balance, this period's pages (black and
 * white, colour) against the plan's allowance, and whether printing is enabled. Values come live from PaperCut;
 * when it is unreachable the last known ones are shown with a note.
 */
import { LitElement, html, css, nothing } from 'lit'
import { api, toast, ProblemError } from '@tessera/ui-kit'
import type { MyPrint } from '../src/contract/index.ts'

export class PapercutMe extends LitElement {
  static styles = css`
    :host { display: block; }
    dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: var(--tz-space-4); margin: var(--tz-space-6) 0; }
    .tile { border: 1px solid var(--tz-color-border); border-radius: var(--tz-radius-lg); padding: var(--tz-space-4); background: var(--tz-color-surface); }
    dt { color: var(--tz-color-text-muted); font-size: var(--tz-text-sm); }
    dd { margin: var(--tz-space-2) 0 0; font-size: var(--tz-text-2xl); font-weight: 600; }
  `
  static properties = { view: { state: true }, unlinked: { state: true } }
  declare view: MyPrint | null
  declare unlinked: boolean

  constructor() {
    super()
    this.view = null
    this.unlinked = false
  }

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  private async load(): Promise<void> {
    try {
      this.view = await api<MyPrint>('/api/v1/papercut/me')
    } catch (error) {
      if (error instanceof ProblemError && error.status === 403) this.unlinked = true
      else toast(error)
    }
  }

  render() {
    const header = html`<tz-page-header heading="My printing" description="Your print balance and this month's pages."></tz-page-header>`
    if (this.unlinked) {
      return html`${header}<tz-alert variant="warning" heading="Your login is not linked to a member">Ask the front desk to invite you from your member record.</tz-alert>`
    }
    const v = this.view
    if (!v) return html`${header}<tz-spinner label="Loading"></tz-spinner>`
    if (!v.linked) {
      return html`${header}<tz-empty-state heading="No print account yet" description="You get one with an active membership."></tz-empty-state>`
    }
    const balance = v.balance === null ? '—' : v.balance.toFixed(2)
    const used = v.pagesUsed ?? 0
    return html`${header}
      ${v.printEnabled ? nothing : html`<tz-alert variant="warning" heading="Printing is disabled">Your membership is not active.</tz-alert>`}
      ${v.live ? nothing : html`<tz-alert variant="info" heading="PaperCut is not answering">Showing the values from the last sync.</tz-alert>`}
      <dl aria-label="Printing">
        <div class="tile"><dt>Balance</dt><dd aria-label="Balance">${balance}</dd></div>
        <div class="tile"><dt>Pages this period (${v.period})</dt><dd aria-label="Pages used">${used}${v.allowancePages !== null ? html` / ${v.allowancePages}` : nothing}</dd></div>
        <div class="tile"><dt>Of which colour</dt><dd aria-label="Colour pages">${v.colourPagesUsed ?? 0}</dd></div>
        <div class="tile"><dt>PaperCut user</dt><dd style="font-size: var(--tz-text-base)">${v.username}</dd></div>
      </dl>`
  }
}

customElements.define('papercut-me', PapercutMe)
