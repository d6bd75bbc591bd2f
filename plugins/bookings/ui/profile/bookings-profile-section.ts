/**
 * `<bookings-profile-section person-id>`: bookings' part of a member's profile (`ui.profileSections`) — the person's
 * bookings, latest first, eight at a time ("Show more"), with resource, local time and status (no-shows marked).
 */
import { LitElement, html, nothing } from 'lit'
import { api, formatDateTime, formatTime, toast, widgetStyles } from '@tessera/ui-kit'
import type { Booking } from '@tessera/plugin-bookings/contract'
import { STATUS_LABELS, STATUS_VARIANTS } from '../labels.ts'

const PAGE = 8

export class BookingsProfileSection extends LitElement {
  static styles = [widgetStyles]
  static properties = { personId: { attribute: 'person-id' }, items: { state: true }, total: { state: true }, names: { state: true } }
  declare personId: string
  declare items: Booking[] | null
  declare total: number
  declare names: Map<string, string>

  constructor() {
    super()
    this.personId = ''
    this.items = null
    this.total = 0
    this.names = new Map()
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('personId') && this.personId) void this.load(0)
  }

  private async load(offset: number): Promise<void> {
    try {
      const [page, resources] = await Promise.all([
        api<{ items: Booking[]; total: number }>(`/api/v1/bookings/bookings?personId=${this.personId}&order=desc&limit=${PAGE}&offset=${offset}`),
        this.names.size ? Promise.resolve(null) : api<{ items: { id: string; name: string }[] }>('/api/v1/spaces/resources?limit=200').catch(() => null),
      ])
      if (resources) this.names = new Map(resources.items.map((r) => [r.id, r.name]))
      this.items = offset ? [...(this.items ?? []), ...page.items] : page.items
      this.total = page.total
    } catch (error) {
      toast(error)
    }
  }

  render() {
    if (!this.items) return html`<tz-spinner label="Loading bookings"></tz-spinner>`
    if (!this.items.length) return html`<p class="quiet">No bookings.</p>`
    return html`<ul class="items">${this.items.map((b) => {
        return html`<li><div class="item-main"><div class="item-title">${b.title || this.names.get(b.resourceId) || 'Booking'}</div>
          <div class="item-sub">${formatDateTime(b.startsAt)} – ${formatTime(b.endsAt)}</div></div>
          <div class="item-side"><tz-badge variant=${STATUS_VARIANTS[b.status]}>${STATUS_LABELS[b.status]}</tz-badge></div></li>`
      })}</ul>
      ${this.items.length < this.total ? html`<tz-button size="sm" variant="ghost" @click=${() => this.load(this.items!.length)}>Show more</tz-button>` : nothing}`
  }
}

customElements.define('bookings-profile-section', BookingsProfileSection)
