/**
 * `<spaces-location-dialog>`: create or edit a location — name, address, IANA timezone and opening hours (one field
 * per weekday: "08:00-18:00", several intervals separated by commas, empty for closed). Validation errors of the
 * API appear under their fields; anything else in an alert above the form. Fires `spaces-saved` with the location.
 */
import { LitElement, html, nothing } from 'lit'
import { api, screenStyles, splitProblem, valueOf, checkedOf } from '@tessera/ui-kit'
import type { Problem } from '@tessera/ui-kit'
import { WEEKDAYS, WEEKDAY_NAMES } from './spaces-labels.ts'
import type { Location, OpeningHours, Weekday } from '../src/contract/index.ts'
import { formatClosures, formatDayInput, parseClosures, parseDay } from './opening-hours.ts'

const FIELDS = ['name', 'timezone', 'openingHours', 'closures', 'address', 'active'] as const

function timezones(): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  return all.includes('UTC') ? all : ['UTC', ...all]
}

function browserTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

const DEFAULT_HOURS: Record<Weekday, string> = {
  mon: '08:00-18:00', tue: '08:00-18:00', wed: '08:00-18:00', thu: '08:00-18:00', fri: '08:00-18:00', sat: '', sun: '',
}

export class SpacesLocationDialog extends LitElement {
  static styles = [screenStyles]
  static properties = {
    open: { type: Boolean },
    location: { attribute: false },
    draft: { state: true },
    hours: { state: true },
    closures: { state: true },
    busy: { state: true },
    problem: { state: true },
    fieldErrors: { state: true },
  }
  declare open: boolean
  declare location: Location | null
  declare draft: { name: string; timezone: string; line1: string; city: string; postcode: string; country: string; active: boolean }
  declare hours: Record<Weekday, string>
  declare closures: string
  declare busy: boolean
  declare problem: Problem | null
  declare fieldErrors: Record<string, string>

  constructor() {
    super()
    this.open = false
    this.location = null
    this.busy = false
    this.problem = null
    this.fieldErrors = {}
    this.draft = { name: '', timezone: browserTimezone(), line1: '', city: '', postcode: '', country: '', active: true }
    this.hours = { ...DEFAULT_HOURS }
    this.closures = ''
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('open') && this.open) this.reset()
  }

  private reset(): void {
    const l = this.location
    this.problem = null
    this.fieldErrors = {}
    this.draft = {
      name: l?.name ?? '', timezone: l?.timezone ?? browserTimezone(), line1: l?.address?.line1 ?? '', city: l?.address?.city ?? '',
      postcode: l?.address?.postcode ?? '', country: l?.address?.country ?? '', active: l?.active ?? true,
    }
    this.hours = l
      ? (Object.fromEntries(WEEKDAYS.map((d) => [d, formatDayInput(l.openingHours[d])])) as Record<Weekday, string>)
      : { ...DEFAULT_HOURS }
    this.closures = formatClosures(l?.closures)
  }

  private set(key: keyof SpacesLocationDialog['draft'], value: string | boolean): void {
    this.draft = { ...this.draft, [key]: value }
    this.fieldErrors = { ...this.fieldErrors, [key]: '' }
  }

  private async submit(event?: Event): Promise<void> {
    event?.preventDefault()
    if (this.busy) return
    const errors: Record<string, string> = {}
    if (!this.draft.name.trim()) errors.name = 'Enter a name.'
    if (this.draft.country && !/^[A-Za-z]{2}$/.test(this.draft.country)) errors.country = 'Use the two-letter country code, e.g. GB.'
    const openingHours: OpeningHours = {}
    for (const day of WEEKDAYS) {
      const parsed = parseDay(this.hours[day])
      if (typeof parsed === 'string') errors[`hours-${day}`] = parsed
      else if (parsed.length) openingHours[day] = parsed
    }
    const closures = parseClosures(this.closures)
    if (!Array.isArray(closures)) errors.closures = closures.error
    this.fieldErrors = errors
    if (Object.keys(errors).length || !Array.isArray(closures)) return
    const address = Object.fromEntries(
      Object.entries({ line1: this.draft.line1.trim(), city: this.draft.city.trim(), postcode: this.draft.postcode.trim(), country: this.draft.country.trim().toUpperCase() })
        .filter(([, v]) => v),
    )
    const body: Record<string, unknown> = { name: this.draft.name.trim(), timezone: this.draft.timezone, openingHours, closures, address }
    if (this.location) body.active = this.draft.active
    this.busy = true
    this.problem = null
    try {
      const saved = this.location
        ? await api<Location>(`/api/v1/spaces/locations/${this.location.id}`, { method: 'PATCH', body })
        : await api<Location>('/api/v1/spaces/locations', { method: 'POST', body })
      this.dispatchEvent(new CustomEvent('spaces-saved', { detail: saved, bubbles: true, composed: true }))
      this.close()
    } catch (error) {
      const { problem, fieldErrors } = splitProblem(error, FIELDS)
      if (fieldErrors.openingHours) {
        const day = WEEKDAYS.find((d) => (error as { problem?: Problem }).problem?.errors?.some((e) => e.pointer.includes(`openingHours/${d}`)))
        if (day) fieldErrors[`hours-${day}`] = fieldErrors.openingHours
        else problem.errors = [...(problem.errors ?? []), { pointer: '/openingHours', detail: fieldErrors.openingHours }]
      }
      this.fieldErrors = fieldErrors
      this.problem = problem
    } finally {
      this.busy = false
    }
  }

  private close(): void {
    this.open = false
    this.dispatchEvent(new CustomEvent('tz-close', { bubbles: true, composed: true }))
  }

  render() {
    const zones = timezones().map((z) => ({ value: z, label: z }))
    return html`<tz-dialog
      size="lg"
      .open=${this.open}
      heading=${this.location ? `Edit ${this.location.name}` : 'New location'}
      description="Opening hours are local times in the location's timezone; a day left empty is closed."
      @tz-close=${(e: Event) => {
        e.stopPropagation()
        if (this.open) this.close()
      }}
    >
      <form novalidate @submit=${this.submit}>
        ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
        <tz-text-field label="Name" required autofocus placeholder="Harbour Works Central" .value=${this.draft.name}
          .error=${this.fieldErrors.name ?? ''} @input=${(e: Event) => this.set('name', valueOf(e))}></tz-text-field>
        <tz-select label="Timezone" required .options=${zones} .value=${this.draft.timezone}
          help="IANA timezone; bookings and opening hours use its local time."
          .error=${this.fieldErrors.timezone ?? ''} @change=${(e: Event) => this.set('timezone', valueOf(e))}></tz-select>
        <fieldset>
          <legend>Opening hours</legend>
          <div class="row">
            ${WEEKDAYS.map(
              (d) => html`<tz-text-field label=${WEEKDAY_NAMES[d]} placeholder="Closed" .value=${this.hours[d]}
                .error=${this.fieldErrors[`hours-${d}`] ?? ''}
                @input=${(e: Event) => {
                  this.hours = { ...this.hours, [d]: valueOf(e) }
                  this.fieldErrors = { ...this.fieldErrors, [`hours-${d}`]: '' }
                }}></tz-text-field>`,
            )}
          </div>
        </fieldset>
        <tz-text-field label="Closures" multiline placeholder="2030-12-24 to 2030-12-26 Christmas"
          help="One per line: a local date or a range, then an optional reason. Nothing can be booked on these days."
          .value=${this.closures} .error=${this.fieldErrors.closures ?? ''}
          @input=${(e: Event) => {
            this.closures = valueOf(e)
            this.fieldErrors = { ...this.fieldErrors, closures: '' }
          }}></tz-text-field>
        <fieldset>
          <legend>Address</legend>
          <tz-text-field label="Street" .value=${this.draft.line1} .error=${this.fieldErrors.address ?? ''}
            @input=${(e: Event) => this.set('line1', valueOf(e))}></tz-text-field>
          <div class="row">
            <tz-text-field label="City" .value=${this.draft.city} @input=${(e: Event) => this.set('city', valueOf(e))}></tz-text-field>
            <tz-text-field label="Postcode" .value=${this.draft.postcode} @input=${(e: Event) => this.set('postcode', valueOf(e))}></tz-text-field>
            <tz-text-field label="Country" placeholder="GB" maxlength="2" .value=${this.draft.country} .error=${this.fieldErrors.country ?? ''}
              @input=${(e: Event) => this.set('country', valueOf(e))}></tz-text-field>
          </div>
        </fieldset>
        ${this.location
          ? html`<tz-checkbox label="Active" help="Inactive locations are hidden from booking." .checked=${this.draft.active}
              @change=${(e: Event) => this.set('active', checkedOf(e))}></tz-checkbox>`
          : nothing}
      </form>
      <tz-button slot="footer" @click=${this.close}>Cancel</tz-button>
      <tz-button slot="footer" variant="primary" ?loading=${this.busy} @click=${() => this.submit()}
        >${this.location ? 'Save changes' : 'Create location'}</tz-button>
    </tz-dialog>`
  }
}

customElements.define('spaces-location-dialog', SpacesLocationDialog)
