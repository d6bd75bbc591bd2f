/**
 * `<bookings-book-dialog>`: books one resource from a chosen start — length (offered up to `until`: the closing time
 * or the next booking, whichever comes first), for whom (staff pick a person, "Myself" only when their login is linked
 * to a member; members book for themselves) and an optional title — showing what it costs before it is booked
 * (billing's quote, when billing is used). A 409 (the slot was taken meanwhile) says so plainly: "already booked";
 * rule violations (422) and other problems appear as the API words them. Fires `bookings-booked`.
 */
import { LitElement, html, nothing } from 'lit'
import { api, ProblemError, screenStyles, splitProblem, valueOf } from '@tessera/ui-kit'
import type { Problem } from '@tessera/ui-kit'
import { formatRange, localTime } from './time.ts'
import type { Person } from '@tessera/plugin-members/contract'
import type { Resource } from '@tessera/plugin-spaces/contract'
import type { Booking } from '../src/contract/index.ts'
import type { Page } from './page.ts'
import { fetchQuote, quoteText } from './price-quote.ts'
import type { Quote } from './price-quote.ts'

export class BookingsBookDialog extends LitElement {
  static styles = [screenStyles]
  static properties = {
    open: { type: Boolean },
    resource: { attribute: false },
    timezone: { type: String },
    startsAt: { type: String },
    /** Latest possible end (e.g. the closing time); lengths beyond it are not offered. */
    until: { type: String },
    staff: { type: Boolean },
    /** Preferred length in minutes (e.g. the finder's). */
    length: { type: Number },
    minutes: { state: true },
    personId: { state: true },
    title: { state: true },
    people: { state: true },
    busy: { state: true },
    problem: { state: true },
    taken: { state: true },
    self: { state: true },
    quote: { state: true },
  }
  declare open: boolean
  declare resource: Resource | null
  declare timezone: string
  declare startsAt: string
  declare until: string
  declare staff: boolean
  declare length: number
  declare minutes: number
  declare personId: string
  declare title: string
  declare people: Person[] | null
  declare busy: boolean
  declare problem: Problem | null
  declare taken: boolean
  /** Staff: the member record of their own login (undefined: not asked yet; null: none — no "Myself"). */
  declare self: Person | null | undefined
  declare quote: Quote | null
  private quotes = 0

  constructor() {
    super()
    this.open = false
    this.resource = null
    this.timezone = 'UTC'
    this.startsAt = ''
    this.until = ''
    this.staff = false
    this.length = 60
    this.minutes = 60
    this.personId = ''
    this.title = ''
    this.people = null
    this.busy = false
    this.problem = null
    this.taken = false
    this.self = undefined
    this.quote = null
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('open') && this.open) {
      this.problem = null
      this.taken = false
      this.title = ''
      const lengths = this.lengths()
      this.minutes = lengths.includes(this.length) ? this.length : lengths.includes(60) ? 60 : (lengths[0] ?? 60)
      this.personId = this.self ? this.self.id : ''
      if (this.staff && this.people === null) void this.loadPeople()
    }
    if (this.open && (changed.has('open') || changed.has('minutes') || changed.has('personId') || changed.has('self'))) void this.loadQuote()
  }

  private async loadPeople(): Promise<void> {
    const [people, self] = await Promise.all([
      api<Page<Person>>('/api/v1/members/people', { query: { status: 'active', limit: 200 } }).then((p) => p.items, () => [] as Person[]),
      api<Person>('/api/v1/members/me').catch(() => null),
    ])
    this.people = people
    this.self = self
    if (self && !this.personId) this.personId = self.id
  }

  /** The price of the booking as it stands in the form (members: their own; staff: the chosen person's). */
  private async loadQuote(): Promise<void> {
    const r = this.resource
    const seq = ++this.quotes
    this.quote = null
    if (!r || !this.startsAt || (this.staff && !this.personId)) return
    try {
      const quote = await fetchQuote({ resourceId: r.id, startsAt: new Date(this.startsAt).toISOString(), endsAt: this.endsAt(), ...(this.staff ? { personId: this.personId } : {}) })
      if (seq === this.quotes) this.quote = quote
    } catch {
      // no price shown
    }
  }

  /** Offered lengths in minutes: multiples of 30 within the resource's rules and before `until`. */
  private lengths(): number[] {
    const r = this.resource
    if (!r || !this.startsAt) return []
    const start = Date.parse(this.startsAt)
    const limit = this.until ? (Date.parse(this.until) - start) / 60_000 : Infinity
    const out: number[] = []
    for (let m = 30; m <= Math.min(r.rules.maxMinutes, limit, 12 * 60); m += 30) if (m >= r.rules.minMinutes) out.push(m)
    return out
  }

  private endsAt(): string {
    return new Date(Date.parse(this.startsAt) + this.minutes * 60_000).toISOString()
  }

  private async submit(event?: Event): Promise<void> {
    event?.preventDefault()
    if (this.busy || !this.resource) return
    this.busy = true
    this.problem = null
    this.taken = false
    const body: Record<string, unknown> = { resourceId: this.resource.id, startsAt: new Date(this.startsAt).toISOString(), endsAt: this.endsAt() }
    if (this.personId) body.personId = this.personId
    if (this.title.trim()) body.title = this.title.trim()
    try {
      const booking = await api<Booking>('/api/v1/bookings/bookings', { method: 'POST', body })
      this.dispatchEvent(new CustomEvent('bookings-booked', { detail: booking, bubbles: true, composed: true }))
      this.close()
    } catch (error) {
      if (error instanceof ProblemError && error.status === 409) this.taken = true
      else this.problem = splitProblem(error, []).problem
    } finally {
      this.busy = false
    }
  }

  private close(): void {
    this.open = false
    this.dispatchEvent(new CustomEvent('tz-close', { bubbles: true, composed: true }))
  }

  render() {
    const r = this.resource
    if (!r || !this.startsAt) return nothing
    const when = formatRange(this.startsAt, this.endsAt(), this.timezone)
    const options = this.lengths().map((m) => ({ value: String(m), label: m < 60 ? `${m} minutes` : `${m / 60} hour${m === 60 ? '' : 's'} (until ${localTime(Date.parse(this.startsAt) + m * 60_000, this.timezone)})` }))
    return html`<tz-dialog
      .open=${this.open}
      heading=${`Book ${r.name}`}
      description=${`${when} (${this.timezone})`}
      @tz-close=${(e: Event) => {
        e.stopPropagation()
        if (this.open) this.close()
      }}
    >
      <form novalidate @submit=${this.submit}>
        ${this.taken
          ? html`<tz-alert variant="danger" heading="Already booked"
              >${r.name} is already booked at ${when}. Someone booked it a moment ago — choose another time.</tz-alert>`
          : nothing}
        ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
        <tz-select label="Length" .options=${options} .value=${String(this.minutes)}
          @change=${(e: Event) => {
            this.minutes = Number(valueOf(e))
            this.taken = false
          }}></tz-select>
        ${this.staff
          ? html`<tz-select label="Book for" .value=${this.personId} help="Staff book for any active member."
              required placeholder="Choose who the booking is for"
              .options=${(this.people ?? []).map((p) => ({ value: p.id, label: p.id === this.self?.id ? `Myself (${p.name})` : p.email ? `${p.name} (${p.email})` : p.name }))}
              @change=${(e: Event) => (this.personId = valueOf(e))}></tz-select>`
          : nothing}
        <tz-text-field label="Title" placeholder="Team meeting" maxlength="200" .value=${this.title}
          @input=${(e: Event) => (this.title = valueOf(e))}></tz-text-field>
        ${this.quote ? html`<p class="muted" aria-live="polite" data-testid="price">${quoteText(this.quote)}</p>` : nothing}
      </form>
      <tz-button slot="footer" @click=${this.close}>Cancel</tz-button>
      <tz-button slot="footer" variant="primary" ?loading=${this.busy} ?disabled=${options.length === 0 || (this.staff && !this.personId)} @click=${() => this.submit()}>Book</tz-button>
    </tz-dialog>`
  }
}

customElements.define('bookings-book-dialog', BookingsBookDialog)
