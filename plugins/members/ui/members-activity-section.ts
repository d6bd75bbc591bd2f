/**
 * `<members-activity-section person-id>`: what happened to this person, from the tenant's audit log
 * (`GET /api/v1/tenant/audit?target=person:<id>`, newest first, 15 at a time): who did what and when. Contributed as
 * members' own profile section, shown to holders of `tessera.audit.read`.
 */
import { LitElement, html, nothing } from 'lit'
import { api, formatDateTime, toast, humanize, widgetStyles } from '@tessera/ui-kit'

interface AuditEntry { id: string; at: string; actorLabel: string | null; actorType: string; plugin: string | null; action: string }
const PAGE = 15

export class MembersActivitySection extends LitElement {
  static styles = [widgetStyles]
  static properties = { personId: { attribute: 'person-id' }, entries: { state: true }, more: { state: true } }
  declare personId: string
  declare entries: AuditEntry[] | null
  declare more: boolean

  constructor() {
    super()
    this.personId = ''
    this.entries = null
    this.more = false
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('personId') && this.personId) void this.load(0)
  }

  private async load(offset: number): Promise<void> {
    try {
      const page = await api<{ items: AuditEntry[] }>(`/api/v1/tenant/audit?target=${encodeURIComponent(`person:${this.personId}`)}&limit=${PAGE}&offset=${offset}`)
      this.entries = offset ? [...(this.entries ?? []), ...page.items] : page.items
      this.more = page.items.length === PAGE
    } catch (error) {
      toast(error)
    }
  }

  render() {
    if (!this.entries) return html`<tz-spinner label="Loading activity"></tz-spinner>`
    if (!this.entries.length) return html`<p class="quiet">No recorded activity.</p>`
    return html`<ul class="items">${this.entries.map((e) => html`<li><div class="item-main">
        <div class="item-title">${humanize(e.action.replace(/[._]/g, ' '))}</div>
        <div class="item-sub">${e.actorLabel ?? e.actorType}${e.plugin ? ` · ${e.plugin}` : ''}</div></div>
        <div class="item-side">${formatDateTime(e.at)}</div></li>`)}</ul>
      ${this.more ? html`<tz-button size="sm" variant="ghost" @click=${() => this.load(this.entries!.length)}>Show more</tz-button>` : nothing}`
  }
}

customElements.define('members-activity-section', MembersActivitySection)
