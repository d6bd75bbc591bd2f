/**
 * `<access-profile-section person-id>`: access's part of a member's profile (`ui.profileSections`) — the person's door
 * credentials (PINs and cards, never a PIN's digits), with label, card number, when issued and on how many site
 * agents, from `GET /credentials?personId=`.
 */
import { LitElement, html } from 'lit'
import { api, formatDate, toast, widgetStyles } from '@tessera/ui-kit'

interface Credential { id: string; type: 'pin' | 'card'; cardUid: string | null; label: string | null; agents: number; createdAt: string }

export class AccessProfileSection extends LitElement {
  static styles = [widgetStyles]
  static properties = { personId: { attribute: 'person-id' }, items: { state: true } }
  declare personId: string
  declare items: Credential[] | null

  constructor() {
    super()
    this.personId = ''
    this.items = null
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('personId') && this.personId) void this.load()
  }

  private async load(): Promise<void> {
    try {
      this.items = (await api<{ items: Credential[] }>('/api/v1/access/credentials', { query: { personId: this.personId } })).items
    } catch (error) {
      toast(error)
    }
  }

  render() {
    if (!this.items) return html`<tz-spinner label="Loading door credentials"></tz-spinner>`
    if (!this.items.length) return html`<p class="quiet">No door credentials.</p>`
    return html`<ul class="items">${this.items.map((c) => html`<li>
        <div class="item-main"><div class="item-title">${c.type === 'pin' ? 'PIN' : `Card ${c.cardUid ?? ''}`}${c.label ? ` · ${c.label}` : ''}</div>
          <div class="item-sub">Issued ${formatDate(c.createdAt)} · on ${c.agents === 1 ? '1 site agent' : `${c.agents} site agents`}</div></div>
      </li>`)}</ul>`
  }
}

customElements.define('access-profile-section', AccessProfileSection)
