/**
 * `<bookings-booking-panel>` (staff, from the calendar): one booking — who (with a link to the member), what and when,
 * its status and check-in window, what it costs (billing's price of it, when billing is used) — and what the desk does
 * with it: Check in (while the server says its window is open), Move (another resource, day or time; same length),
 * Extend (a new end, up to the next booking of the resource and its closing), Cancel (with a reason). Move and Extend
 * are confirmed with their price difference in `bookings-change-dialog` (`bookings-propose`); check-in and cancel fire
 * `bookings-changed`. A dialog (`tz-dialog`): focus stays in it, Escape closes it, every action is a button.
 */
import { LitElement, html, css, nothing } from 'lit'
import type { PropertyValues } from 'lit'
import { api, screenStyles, splitProblem, valueOf } from '@tessera/ui-kit'
import type { Problem } from '@tessera/ui-kit'
import type { Resource } from '@tessera/plugin-spaces/contract'
import type { Booking } from '../src/contract/index.ts'
import { STATUS_LABELS, STATUS_VARIANTS } from './labels.ts'
import { formatRange, localDate, localTime, zonedInstant } from './time.ts'
import { costText, fetchQuote } from './price-quote.ts'
import type { Quote } from './price-quote.ts'
import type { BookingChange } from './bookings-change-dialog.ts'

type Mode = 'view' | 'move' | 'extend' | 'cancel'

const minutesText = (m: number) => (m < 60 ? `${m} minutes` : `${m / 60} hour${m === 60 ? '' : 's'}`)

export class BookingsBookingPanel extends LitElement {
  static styles = [
    screenStyles,
    css`
      .actions { display: flex; flex-wrap: wrap; gap: var(--tz-space-2); margin-top: var(--tz-space-5); }
      .sub { color: var(--tz-color-text-muted); font-size: var(--tz-text-sm); }
      form { margin-top: var(--tz-space-4); }
    `,
  ]
  static properties = {
    booking: { attribute: false },
    resources: { attribute: false },
    bookings: { attribute: false },
    names: { attribute: false },
    timezone: { type: String },
    mode: { state: true },
    quote: { state: true },
    busy: { state: true },
    problem: { state: true },
    reason: { state: true },
    moveResource: { state: true },
    moveDate: { state: true },
    moveTime: { state: true },
    extendTo: { state: true },
  }
  declare booking: Booking | null
  /** The location's resources (where a booking may move to). */
  declare resources: Resource[]
  /** The active bookings shown around it (what an extension must not run into). */
  declare bookings: Booking[]
  declare names: Record<string, string>
  declare timezone: string
  declare mode: Mode
  declare quote: Quote | null
  declare busy: boolean
  declare problem: Problem | null
  declare reason: string
  declare moveResource: string
  declare moveDate: string
  declare moveTime: string
  declare extendTo: string

  constructor() {
    super()
    this.booking = null
    this.resources = []
    this.bookings = []
    this.names = {}
    this.timezone = 'UTC'
    this.mode = 'view'
    this.quote = null
    this.busy = false
    this.problem = null
    this.reason = ''
    this.moveResource = ''
    this.moveDate = ''
    this.moveTime = ''
    this.extendTo = ''
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('booking') && this.booking && (changed.get('booking') as Booking | null)?.id !== this.booking.id) {
      this.mode = 'view'
      this.problem = null
      this.quote = null
      void this.loadPrice(this.booking)
    }
  }

  private async loadPrice(b: Booking): Promise<void> {
    try {
      const quote = await fetchQuote({ resourceId: b.resourceId, startsAt: b.startsAt, endsAt: b.endsAt, personId: b.personId, bookingId: b.id })
      if (this.booking?.id === b.id) this.quote = quote
    } catch {
      // no price shown
    }
  }

  private get resource(): Resource | undefined {
    return this.resources.find((r) => r.id === this.booking?.resourceId)
  }

  private label(b: Booking): string {
    return this.names[b.personId] || b.title || 'this'
  }

  private close(): void {
    this.booking = null
    this.dispatchEvent(new CustomEvent('tz-close', { bubbles: true, composed: true }))
  }

  private changed(booking: Booking): void {
    this.dispatchEvent(new CustomEvent('bookings-changed', { detail: booking, bubbles: true, composed: true }))
  }

  private propose(startsAt: string, endsAt: string, resourceId: string): void {
    const b = this.booking
    const from = this.resource
    const to = this.resources.find((r) => r.id === resourceId)
    if (!b || !from || !to) return
    const change: BookingChange = {
      booking: b, label: this.label(b), fromResource: { id: from.id, name: from.name }, toResource: { id: to.id, name: to.name }, startsAt, endsAt, timezone: this.timezone,
    }
    this.close()
    this.dispatchEvent(new CustomEvent('bookings-propose', { detail: change, bubbles: true, composed: true }))
  }

  private async act(path: 'check-in' | 'cancel', body: Record<string, unknown>): Promise<void> {
    const b = this.booking
    if (!b || this.busy) return
    this.busy = true
    this.problem = null
    try {
      const after = await api<Booking>(`/api/v1/bookings/bookings/${b.id}/${path}`, { method: 'POST', body })
      this.booking = after
      this.mode = 'view'
      this.changed(after)
      if (path === 'cancel') this.close()
    } catch (error) {
      this.problem = splitProblem(error, []).problem
    } finally {
      this.busy = false
    }
  }

  private startMove(b: Booking): void {
    this.moveResource = b.resourceId
    this.moveDate = localDate(b.startsAt, this.timezone)
    this.moveTime = localTime(b.startsAt, this.timezone)
    this.mode = 'move'
  }

  /** Ends an extension may choose: every 30 minutes after the current end, within the rules, before the next booking. */
  private extensionEnds(b: Booking): number[] {
    const r = this.resource
    if (!r) return []
    const start = Date.parse(b.startsAt)
    const end = Date.parse(b.endsAt)
    const next = this.bookings
      .filter((o) => o.id !== b.id && o.resourceId === b.resourceId && Date.parse(o.startsAt) >= end)
      .map((o) => Date.parse(o.startsAt))
    // a hot-desk area has other seats: only a single-seat resource is blocked by the next booking
    const limit = Math.min(start + r.rules.maxMinutes * 60_000, r.kind === 'hot_desk_area' || !next.length ? Infinity : Math.min(...next))
    const out: number[] = []
    for (let t = end + 30 * 60_000; t <= limit && out.length < 16; t += 30 * 60_000) out.push(t)
    return out
  }

  private renderForm(b: Booking) {
    if (this.mode === 'cancel') {
      return html`<form @submit=${(e: Event) => { e.preventDefault(); void this.act('cancel', this.reason.trim() ? { reason: this.reason.trim() } : {}) }}>
        <tz-text-field label="Reason (optional)" maxlength="500" .value=${this.reason} @input=${(e: Event) => (this.reason = valueOf(e))}></tz-text-field>
        <div class="actions">
          <tz-button variant="danger" ?loading=${this.busy} @click=${() => void this.act('cancel', this.reason.trim() ? { reason: this.reason.trim() } : {})}>Cancel booking</tz-button>
          <tz-button @click=${() => (this.mode = 'view')}>Keep booking</tz-button>
        </div></form>`
    }
    if (this.mode === 'move') {
      const length = Date.parse(b.endsAt) - Date.parse(b.startsAt)
      const times = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`)
      const review = () => {
        const start = zonedInstant(this.moveDate, this.moveTime, this.timezone).getTime()
        this.propose(new Date(start).toISOString(), new Date(start + length).toISOString(), this.moveResource)
      }
      return html`<form @submit=${(e: Event) => { e.preventDefault(); review() }}>
        <tz-select label="Resource" .value=${this.moveResource} .options=${this.resources.map((r) => ({ value: r.id, label: r.name }))}
          @change=${(e: Event) => (this.moveResource = valueOf(e))}></tz-select>
        <div class="row">
          <tz-text-field label="Day" type="date" .value=${this.moveDate} @change=${(e: Event) => (this.moveDate = valueOf(e))}></tz-text-field>
          <tz-select label="Start" .value=${this.moveTime} .options=${times.map((t) => ({ value: t, label: t }))} @change=${(e: Event) => (this.moveTime = valueOf(e))}></tz-select>
        </div>
        <div class="actions">
          <tz-button variant="primary" ?disabled=${!/^\d{4}-\d{2}-\d{2}$/.test(this.moveDate)} @click=${review}>Review move</tz-button>
          <tz-button @click=${() => (this.mode = 'view')}>Back</tz-button>
        </div></form>`
    }
    if (this.mode === 'extend') {
      const ends = this.extensionEnds(b)
      const start = Date.parse(b.startsAt)
      const review = () => this.propose(b.startsAt, this.extendTo || new Date(ends[0]).toISOString(), b.resourceId)
      return ends.length
        ? html`<form @submit=${(e: Event) => { e.preventDefault(); review() }}>
            <tz-select label="New end" .value=${this.extendTo || new Date(ends[0]).toISOString()}
              .options=${ends.map((t) => ({ value: new Date(t).toISOString(), label: `${localTime(t, this.timezone)} (${minutesText((t - start) / 60_000)} in all)` }))}
              @change=${(e: Event) => (this.extendTo = valueOf(e))}></tz-select>
            <div class="actions">
              <tz-button variant="primary" @click=${review}>Review extension</tz-button>
              <tz-button @click=${() => (this.mode = 'view')}>Back</tz-button>
            </div></form>`
        : html`<tz-alert variant="warning">It cannot be extended: the resource is booked right after it, or it is already as long as its rules allow.</tz-alert>
            <div class="actions"><tz-button @click=${() => (this.mode = 'view')}>Back</tz-button></div>`
    }
    return nothing
  }

  render() {
    const b = this.booking
    const r = this.resource
    if (!b) return html`<tz-dialog .open=${false}></tz-dialog>`
    const name = this.names[b.personId]
    const open = b.status === 'confirmed' || b.status === 'checked_in'
    const ended = Date.parse(b.endsAt) <= Date.now()
    const checkIn = b.status === 'checked_in' && b.checkedInAt
      ? `Checked in at ${localTime(b.checkedInAt, this.timezone)}`
      : b.status === 'confirmed' && b.checkInOpensAt && b.checkInClosesAt
        ? `Check-in ${b.checkInOpen ? 'is open' : Date.parse(b.checkInOpensAt) > Date.now() ? 'opens at' : 'closed at'} ${b.checkInOpen ? `until ${localTime(b.checkInClosesAt, this.timezone)}` : localTime(Date.parse(b.checkInOpensAt) > Date.now() ? b.checkInOpensAt : b.checkInClosesAt, this.timezone)}`
        : ''
    const price = this.quote?.previous
      ? costText(this.quote.previous.creditsUsed, this.quote.previous.amount, this.quote.currency)
      : this.quote ? `${costText(this.quote.creditsUsed, this.quote.amount, this.quote.currency)} (not charged yet)` : ''
    return html`<tz-dialog .open=${true} heading=${name || b.title || 'Booking'} description=${`${r?.name ?? 'Resource'} · ${formatRange(b.startsAt, b.endsAt, this.timezone)}`}
      @tz-close=${(e: Event) => { e.stopPropagation(); if (this.booking) this.close() }}>
      <dl class="facts">
        <dt>Who</dt><dd>${name ? html`${name} · <a class="strong" href=${`/members/${b.personId}`}>Open member</a>` : 'Someone no longer in Members'}</dd>
        <dt>What</dt><dd>${r?.name ?? 'Resource'}${b.title ? html`<div class="sub">${b.title}</div>` : nothing}</dd>
        <dt>When</dt><dd>${formatRange(b.startsAt, b.endsAt, this.timezone)}<div class="sub">${this.timezone}</div></dd>
        <dt>Status</dt><dd><tz-badge variant=${STATUS_VARIANTS[b.status]} dot>${STATUS_LABELS[b.status]}</tz-badge>${checkIn ? html`<div class="sub">${checkIn}</div>` : nothing}</dd>
        ${price ? html`<dt>Price</dt><dd>${price}</dd>` : nothing}
      </dl>
      ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
      ${this.mode === 'view'
        ? html`<div class="actions">
            ${b.checkInOpen ? html`<tz-button variant="primary" ?loading=${this.busy} @click=${() => void this.act('check-in', {})}>Check in</tz-button>` : nothing}
            ${b.status === 'confirmed' ? html`<tz-button @click=${() => this.startMove(b)}>Move…</tz-button>` : nothing}
            ${open && !ended ? html`<tz-button @click=${() => { this.extendTo = ''; this.mode = 'extend' }}>Extend…</tz-button>` : nothing}
            ${b.status === 'confirmed' ? html`<tz-button variant="danger" @click=${() => { this.reason = ''; this.mode = 'cancel' }}>Cancel…</tz-button>` : nothing}
          </div>`
        : this.renderForm(b)}
    </tz-dialog>`
  }
}

customElements.define('bookings-booking-panel', BookingsBookingPanel)
