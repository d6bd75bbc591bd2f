/**
 * `<spaces-resource-dialog>`: create or edit a bookable resource of a location — name, kind, capacity, amenities,
 * booking rules (minimum/maximum length, how far ahead, who may book) and prices (entered in major units, sent in
 * minor units). Fires `spaces-saved` with the resource.
 */
import { LitElement, html, nothing } from 'lit'
import { api, screenStyles, splitProblem, valueOf, checkedOf } from '@tessera/ui-kit'
import type { Problem } from '@tessera/ui-kit'
import { KIND_LABELS, RESOURCE_KINDS } from './spaces-labels.ts'
import type { Resource, ResourceKind } from '../src/contract/index.ts'

const FIELDS = ['name', 'kind', 'capacity', 'amenities', 'description', 'rules/minMinutes', 'rules/maxMinutes', 'rules/maxDaysAhead',
  'rules/bookableBy', 'rules', 'prices/perHour', 'prices/perDay', 'prices/creditsPerHour', 'prices/currency', 'prices', 'locationId'] as const

interface Draft {
  name: string
  kind: ResourceKind
  capacity: number | null
  amenities: string[]
  description: string
  minMinutes: number | null
  maxMinutes: number | null
  maxDaysAhead: number | null
  bookableBy: 'members' | 'staff'
  currency: string
  perHour: number | null
  perDay: number | null
  creditsPerHour: number | null
  active: boolean
}

const toMajor = (minor: number | null | undefined) => (minor === null || minor === undefined ? null : minor / 100)
const toMinor = (major: number | null) => (major === null ? null : Math.round(major * 100))

export class SpacesResourceDialog extends LitElement {
  static styles = [screenStyles]
  static properties = {
    open: { type: Boolean },
    locationId: { type: String },
    resource: { attribute: false },
    draft: { state: true },
    busy: { state: true },
    problem: { state: true },
    fieldErrors: { state: true },
  }
  declare open: boolean
  declare locationId: string
  declare resource: Resource | null
  declare draft: Draft
  declare busy: boolean
  declare problem: Problem | null
  declare fieldErrors: Record<string, string>

  constructor() {
    super()
    this.open = false
    this.locationId = ''
    this.resource = null
    this.busy = false
    this.problem = null
    this.fieldErrors = {}
    this.draft = this.initial()
  }

  private initial(): Draft {
    const r = this.resource
    return {
      name: r?.name ?? '', kind: r?.kind ?? 'meeting_room', capacity: r?.capacity ?? 6, amenities: r?.amenities ?? [],
      description: r?.description ?? '', minMinutes: r?.rules.minMinutes ?? 30, maxMinutes: r?.rules.maxMinutes ?? 600,
      maxDaysAhead: r?.rules.maxDaysAhead ?? 90, bookableBy: r?.rules.bookableBy ?? 'members', currency: r?.prices.currency ?? '',
      perHour: toMajor(r?.prices.perHour), perDay: toMajor(r?.prices.perDay), creditsPerHour: r?.prices.creditsPerHour ?? null,
      active: r?.active ?? true,
    }
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('open') && this.open) {
      this.draft = this.initial()
      this.problem = null
      this.fieldErrors = {}
    }
  }

  private set<K extends keyof Draft>(key: K, value: Draft[K], field: string = key): void {
    this.draft = { ...this.draft, [key]: value }
    this.fieldErrors = { ...this.fieldErrors, [field]: '' }
  }

  private async submit(event?: Event): Promise<void> {
    event?.preventDefault()
    if (this.busy) return
    const d = this.draft
    const errors: Record<string, string> = {}
    if (!d.name.trim()) errors.name = 'Enter a name.'
    if (!d.capacity || d.capacity < 1) errors.capacity = 'At least 1.'
    if (d.currency && !/^[A-Za-z]{3}$/.test(d.currency)) errors['prices/currency'] = 'Use the three-letter code, e.g. EUR.'
    if (d.minMinutes !== null && d.maxMinutes !== null && d.minMinutes > d.maxMinutes) errors['rules/maxMinutes'] = 'Must be at least the minimum length.'
    this.fieldErrors = errors
    if (Object.keys(errors).length) return
    const rules: Record<string, unknown> = { bookableBy: d.bookableBy }
    if (d.minMinutes !== null) rules.minMinutes = d.minMinutes
    if (d.maxMinutes !== null) rules.maxMinutes = d.maxMinutes
    if (d.maxDaysAhead !== null) rules.maxDaysAhead = d.maxDaysAhead
    const prices: Record<string, unknown> = { perHour: toMinor(d.perHour), perDay: toMinor(d.perDay), creditsPerHour: d.creditsPerHour }
    if (d.currency) prices.currency = d.currency.toUpperCase()
    const body: Record<string, unknown> = {
      name: d.name.trim(), kind: d.kind, capacity: d.capacity, amenities: d.amenities.map((a) => a.trim()).filter(Boolean),
      description: d.description.trim() || null, rules, prices,
    }
    if (this.resource) body.active = d.active
    else body.locationId = this.locationId
    this.busy = true
    this.problem = null
    try {
      const saved = this.resource
        ? await api<Resource>(`/api/v1/spaces/resources/${this.resource.id}`, { method: 'PATCH', body })
        : await api<Resource>('/api/v1/spaces/resources', { method: 'POST', body })
      this.dispatchEvent(new CustomEvent('spaces-saved', { detail: saved, bubbles: true, composed: true }))
      this.close()
    } catch (error) {
      const { problem, fieldErrors } = splitProblem(error, FIELDS)
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
    const d = this.draft
    const e = this.fieldErrors
    const num = (key: keyof Draft, field: string = key) => (ev: Event) => this.set(key, valueOf<number | null>(ev) as never, field)
    return html`<tz-dialog
      size="lg"
      .open=${this.open}
      heading=${this.resource ? `Edit ${this.resource.name}` : 'New resource'}
      @tz-close=${(ev: Event) => {
        ev.stopPropagation()
        if (this.open) this.close()
      }}
    >
      <form novalidate @submit=${this.submit}>
        ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
        <tz-text-field label="Name" required autofocus placeholder="Boardroom" .value=${d.name} .error=${e.name ?? ''}
          @input=${(ev: Event) => this.set('name', valueOf(ev))}></tz-text-field>
        <div class="row">
          <tz-select label="Kind" required .value=${d.kind} .error=${e.kind ?? ''}
            .options=${RESOURCE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
            @change=${(ev: Event) => this.set('kind', valueOf<ResourceKind>(ev))}></tz-select>
          <tz-number-field label="Capacity" required integer min="1" max="10000" .value=${d.capacity} .error=${e.capacity ?? ''}
            help=${d.kind === 'hot_desk_area' ? 'Number of desks that can be booked at once.' : 'People it seats.'}
            @input=${num('capacity')}></tz-number-field>
        </div>
        <tz-text-field label="Description" multiline .value=${d.description} .error=${e.description ?? ''}
          @input=${(ev: Event) => this.set('description', valueOf(ev))}></tz-text-field>
        <tz-string-list label="Amenities" placeholder="Screen" .value=${d.amenities} .error=${e.amenities ?? ''}
          @change=${(ev: Event) => this.set('amenities', valueOf<string[]>(ev))}></tz-string-list>
        <fieldset>
          <legend>Booking rules</legend>
          <div class="row">
            <tz-number-field label="Minimum length (minutes)" integer min="5" .value=${d.minMinutes} .error=${e['rules/minMinutes'] ?? ''}
              @input=${num('minMinutes', 'rules/minMinutes')}></tz-number-field>
            <tz-number-field label="Maximum length (minutes)" integer min="5" .value=${d.maxMinutes} .error=${e['rules/maxMinutes'] ?? ''}
              @input=${num('maxMinutes', 'rules/maxMinutes')}></tz-number-field>
            <tz-number-field label="Bookable days ahead" integer min="0" .value=${d.maxDaysAhead} .error=${e['rules/maxDaysAhead'] ?? ''}
              @input=${num('maxDaysAhead', 'rules/maxDaysAhead')}></tz-number-field>
            <tz-select label="Who can book" .value=${d.bookableBy} .error=${e['rules/bookableBy'] ?? e.rules ?? ''}
              .options=${[{ value: 'members', label: 'Members and staff' }, { value: 'staff', label: 'Staff only' }]}
              @change=${(ev: Event) => this.set('bookableBy', valueOf<'members' | 'staff'>(ev), 'rules/bookableBy')}></tz-select>
          </div>
        </fieldset>
        <fieldset>
          <legend>Prices</legend>
          <div class="row">
            <tz-text-field label="Currency" placeholder="EUR" maxlength="3" .value=${d.currency} .error=${e['prices/currency'] ?? ''}
              @input=${(ev: Event) => this.set('currency', valueOf(ev), 'prices/currency')}></tz-text-field>
            <tz-number-field label="Price per hour" min="0" step="0.01" .value=${d.perHour} .error=${e['prices/perHour'] ?? ''}
              @input=${num('perHour', 'prices/perHour')}></tz-number-field>
            <tz-number-field label="Price per day" min="0" step="0.01" .value=${d.perDay} .error=${e['prices/perDay'] ?? ''}
              @input=${num('perDay', 'prices/perDay')}></tz-number-field>
            <tz-number-field label="Credits per hour" min="0" step="0.5" .value=${d.creditsPerHour} .error=${e['prices/creditsPerHour'] ?? e.prices ?? ''}
              @input=${num('creditsPerHour', 'prices/creditsPerHour')}></tz-number-field>
          </div>
        </fieldset>
        ${this.resource
          ? html`<tz-checkbox label="Active" help="Inactive resources cannot be booked; existing bookings stay." .checked=${d.active}
              @change=${(ev: Event) => this.set('active', checkedOf(ev))}></tz-checkbox>`
          : nothing}
      </form>
      <tz-button slot="footer" @click=${this.close}>Cancel</tz-button>
      <tz-button slot="footer" variant="primary" ?loading=${this.busy} @click=${() => this.submit()}
        >${this.resource ? 'Save changes' : 'Create resource'}</tz-button>
    </tz-dialog>`
  }
}

customElements.define('spaces-resource-dialog', SpacesResourceDialog)
