/**
 * `<xero-mapping>` (`/xero/mapping`): the account/tax mapping as a schema form generated from the plugin's mapping
 * schema (the `mapping` part of its config schema): sales and bank account codes, default tax types; and the tracking
 * by location — the Xero tracking category whose options stand for locations and, for each of the tenant's
 * locations, its option (both picked from what Xero holds, `GET /tracking`; typed in when Xero cannot be asked now,
 * and asked again a few times when only a running sync was in the way).
 * Saving retries the documents refused for an account, a tax code or a location's tracking. Needs `xero.manage` to save.
 */
import { LitElement, html, nothing } from 'lit'
import { api, can, toast, screenStyles } from '@tessera/ui-kit'
import type { JsonSchema, ProblemFieldError, SelectOption, Tenant } from '@tessera/ui-kit'
import { ProblemError } from '@tessera/ui-kit'
import type { Mapping, Tracking } from '@tessera/plugin-xero/contract'
import { xeroPermissions } from '@tessera/plugin-xero/contract'
import { xeroTabs } from './xero-tabs.ts'

/** The fields the form shows (the lists by rate and source are kept as they are; tracking has its own section). */
const FORM_FIELDS = ['salesAccountCode', 'bankAccountCode', 'defaultTaxType', 'zeroTaxType'] as const

export class XeroMapping extends LitElement {
  static styles = [screenStyles]
  static properties = {
    tenant: { attribute: false }, mapping: { state: true }, schema: { state: true }, busy: { state: true }, errors: { state: true },
    tracking: { state: true }, category: { state: true }, options: { state: true },
  }
  declare tenant: Tenant | null
  declare mapping: Mapping | null
  declare schema: JsonSchema | null
  declare busy: boolean
  declare errors: ProblemFieldError[]
  declare tracking: Tracking | null
  /** The tracking category being edited. */
  declare category: string
  /** Location id → option being edited. */
  declare options: Record<string, string>

  constructor() {
    super()
    this.tenant = null
    this.mapping = null
    this.schema = null
    this.busy = false
    this.errors = []
    this.tracking = null
    this.category = ''
    this.options = {}
  }

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  private async load(): Promise<void> {
    try {
      const [r, tracking] = await Promise.all([
        api<{ mapping: Mapping; schema: JsonSchema }>('/api/v1/xero/mapping'),
        api<Tracking>('/api/v1/xero/tracking'),
      ])
      const props = (r.schema as { properties: Record<string, unknown> }).properties
      this.schema = { ...r.schema, properties: Object.fromEntries(FORM_FIELDS.map((f) => [f, props[f]])) } as JsonSchema
      this.show(r.mapping)
      this.tracking = tracking
      if (tracking.categoriesRetryable) this.retryTracking(1)
    } catch (error) {
      toast(error)
    }
  }

  /**
   * Asks for Xero's tracking categories again while a sync holds the conversation (a freshly connected organisation's
   * first sync, say): after 1, 2, 4, 8 s, then the typed-in field stays, with its reason. What was typed is kept.
   */
  private retryTracking(attempt: number): void {
    if (attempt > 4) return
    setTimeout(async () => {
      if (!this.isConnected) return
      try {
        const tracking = await api<Tracking>('/api/v1/xero/tracking')
        this.tracking = tracking
        if (tracking.categoriesRetryable) this.retryTracking(attempt + 1)
      } catch (error) {
        toast(error)
      }
    }, 1000 * 2 ** (attempt - 1))
  }

  private show(mapping: Mapping): void {
    this.mapping = mapping
    this.category = mapping.trackingCategory ?? ''
    this.options = Object.fromEntries((mapping.locationOptions ?? []).map((o) => [o.locationId, o.option]))
  }

  private async put(body: Partial<Mapping>, saved: string): Promise<void> {
    this.busy = true
    this.errors = []
    try {
      this.show(await api<Mapping>('/api/v1/xero/mapping', { method: 'PUT', body }))
      toast({ variant: 'success', title: saved, message: 'New documents use it; refused ones are retried.' })
    } catch (error) {
      if (error instanceof ProblemError) this.errors = error.problem.errors ?? []
      toast(error)
    } finally {
      this.busy = false
    }
  }

  private save(ev: CustomEvent<{ value: Partial<Mapping> }>): Promise<void> {
    return this.put({ ...this.mapping, ...ev.detail.value }, 'Mapping saved')
  }

  private saveTracking(): Promise<void> {
    const { trackingCategory: _, locationOptions: __, ...rest } = this.mapping ?? {}
    const locationOptions = Object.entries(this.options).filter(([, option]) => option.trim()).map(([locationId, option]) => ({ locationId, option: option.trim() }))
    return this.put({ ...rest, ...(this.category.trim() ? { trackingCategory: this.category.trim() } : {}), locationOptions }, 'Tracking saved')
  }

  private renderTracking() {
    const t = this.tracking
    if (!t) return nothing
    const disabled = !can(xeroPermissions.manage)
    const categories = t.categories ?? []
    const chosen = categories.find((c) => c.name === this.category)
    const pick = (value: string, values: string[]): SelectOption[] => [...new Set([...values, ...(value ? [value] : [])])].map((v) => ({ value: v, label: v }))
    const categoryField = t.categories
      ? html`<tz-select label="Tracking category of locations" .options=${pick(this.category, categories.map((c) => c.name))} .value=${this.category}
          placeholder="No tracking" ?disabled=${disabled} @change=${(e: Event) => { this.category = (e.target as HTMLSelectElement).value }}></tz-select>`
      : html`<tz-text-field label="Tracking category of locations" .value=${this.category} ?disabled=${disabled}
          help=${`Xero's categories could not be read now (${t.categoriesError}); type the name.`}
          @input=${(e: Event) => { this.category = (e.target as HTMLInputElement).value }}></tz-text-field>`
    const optionField = (loc: { id: string; name: string }) => {
      const value = this.options[loc.id] ?? ''
      const set = (v: string) => { this.options = { ...this.options, [loc.id]: v } }
      return chosen
        ? html`<tz-select label=${loc.name} .options=${pick(value, chosen.options)} .value=${value} placeholder="Not mapped" ?disabled=${disabled}
            @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}></tz-select>`
        : html`<tz-text-field label=${loc.name} .value=${value} ?disabled=${disabled} @input=${(e: Event) => set((e.target as HTMLInputElement).value)}></tz-text-field>`
    }
    return html`<section aria-labelledby="tracking-heading" style="margin-top: var(--tz-space-6); display: grid; gap: var(--tz-space-3); max-width: 40rem">
      <h2 id="tracking-heading" style="margin: 0; font-size: var(--tz-text-lg)">Tracking by location</h2>
      <p style="margin: 0">Each invoice line knows the location it was sold at; it reaches Xero with that location's option. A line at a
        location without an option is held back with a message until the location is mapped.</p>
      ${categoryField}
      ${this.category ? (t.locations.length ? t.locations.map(optionField) : html`<p>No locations in Spaces yet.</p>`) : nothing}
      <div><tz-button ?loading=${this.busy} ?disabled=${disabled} @click=${() => this.saveTracking()}>Save tracking</tz-button></div>
    </section>`
  }

  render() {
    return html`<tz-page-header heading="Xero" description="Which Xero accounts, tax types and tracking options Tessera's invoices and payments use."></tz-page-header>
      ${xeroTabs('/xero/mapping')}
      ${this.schema && this.mapping ? html`<tz-schema-form .schema=${this.schema} .value=${this.mapping} .errors=${this.errors} .pointerBase=${'/body'}
        .submitLabel=${'Save mapping'} ?busy=${this.busy} ?disabled=${!can(xeroPermissions.manage)} @tz-submit=${this.save}></tz-schema-form>
        ${this.renderTracking()}` : html`<tz-spinner></tz-spinner>`}`
  }
}

customElements.define('xero-mapping', XeroMapping)
