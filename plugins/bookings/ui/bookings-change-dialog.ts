/**
 * `<bookings-change-dialog>`: confirms a move or resize before it is made — from where and when to where and when,
 * and what the change costs (billing's quote with the booking's own credits counted back: "€15.00 more: …") — then
 * sends it (`PATCH /bookings/:id`). A clash (409) or a broken rule (422) is shown as the API words it and nothing
 * changes. Every change of the calendar goes through here: dragging a booking, dragging its bottom edge, and the
 * Move and Extend forms of the booking panel. Fires `bookings-changed` with the updated booking.
 */
import { LitElement, html, nothing } from 'lit'
import type { PropertyValues } from 'lit'
import { api, screenStyles, splitProblem } from '@tessera/ui-kit'
import type { Problem } from '@tessera/ui-kit'
import type { Booking } from '../src/contract/index.ts'
import { formatRange } from './time.ts'
import { differenceText, fetchQuote } from './price-quote.ts'
import type { Quote } from './price-quote.ts'

/** A proposed change of a booking. */
export interface BookingChange {
  booking: Booking
  /** What the booking is called on screen (the person's name or its title). */
  label: string
  fromResource: { id: string; name: string }
  toResource: { id: string; name: string }
  startsAt: string
  endsAt: string
  timezone: string
}

export class BookingsChangeDialog extends LitElement {
  static styles = [screenStyles]
  static properties = {
    change: { attribute: false },
    quote: { state: true },
    quoting: { state: true },
    busy: { state: true },
    problem: { state: true },
  }
  declare change: BookingChange | null
  declare quote: Quote | null
  declare quoting: boolean
  declare busy: boolean
  declare problem: Problem | null
  private quotes = 0

  constructor() {
    super()
    this.change = null
    this.quote = null
    this.quoting = false
    this.busy = false
    this.problem = null
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('change')) {
      this.problem = null
      this.quote = null
      if (this.change) void this.loadQuote(this.change)
    }
  }

  private async loadQuote(c: BookingChange): Promise<void> {
    const seq = ++this.quotes
    this.quoting = true
    try {
      const quote = await fetchQuote({ resourceId: c.toResource.id, startsAt: c.startsAt, endsAt: c.endsAt, personId: c.booking.personId, bookingId: c.booking.id })
      if (seq === this.quotes) this.quote = quote
    } catch {
      if (seq === this.quotes) this.quote = null
    } finally {
      if (seq === this.quotes) this.quoting = false
    }
  }

  private async confirm(): Promise<void> {
    const c = this.change
    if (!c || this.busy) return
    this.busy = true
    this.problem = null
    const body: Record<string, string> = { startsAt: c.startsAt, endsAt: c.endsAt }
    if (c.toResource.id !== c.booking.resourceId) body.resourceId = c.toResource.id
    try {
      const booking = await api<Booking>(`/api/v1/bookings/bookings/${c.booking.id}`, { method: 'PATCH', body })
      this.dispatchEvent(new CustomEvent('bookings-changed', { detail: booking, bubbles: true, composed: true }))
      this.close()
    } catch (error) {
      this.problem = splitProblem(error, []).problem
    } finally {
      this.busy = false
    }
  }

  private close(): void {
    this.change = null
    this.dispatchEvent(new CustomEvent('tz-close', { bubbles: true, composed: true }))
  }

  render() {
    const c = this.change
    const moved = c && (c.toResource.id !== c.fromResource.id || c.startsAt !== c.booking.startsAt)
    const heading = !c ? '' : moved ? `Move ${c.label}'s booking?` : `Change the length of ${c.label}'s booking?`
    return html`<tz-dialog size="sm" .open=${!!c} heading=${heading}
      @tz-close=${(e: Event) => {
        e.stopPropagation()
        if (this.change) this.close()
      }}>
      ${c
        ? html`<dl class="facts">
              <dt>Now</dt><dd>${c.fromResource.name}, ${formatRange(c.booking.startsAt, c.booking.endsAt, c.timezone)}</dd>
              <dt>New</dt><dd data-testid="new-time">${c.toResource.name}, ${formatRange(c.startsAt, c.endsAt, c.timezone)}</dd>
              <dt>Price</dt><dd aria-live="polite">${this.quoting ? 'Working out the price…' : this.quote ? differenceText(this.quote) : 'No price: billing is not used here.'}</dd>
            </dl>
            ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}`
        : nothing}
      <tz-button slot="footer" @click=${() => this.close()}>Keep as it is</tz-button>
      <tz-button slot="footer" variant="primary" ?loading=${this.busy} ?disabled=${this.quoting} @click=${() => this.confirm()}>${moved ? 'Move booking' : 'Change length'}</tz-button>
    </tz-dialog>`
  }
}

customElements.define('bookings-change-dialog', BookingsChangeDialog)
