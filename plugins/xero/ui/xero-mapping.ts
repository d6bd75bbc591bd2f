/**
 * `<xero-mapping>` (`/xero/mapping`): the account/tax mapping as a schema form generated from the plugin's mapping
 * schema (the `mapping` part of its config schema): sales and bank account codes, default tax types. Saving retries
 * the documents Xero refused for an account or tax code. Needs `xero.manage` to save.
 */
import { LitElement, html } from 'lit'
import { api, can, toast, screenStyles } from '@tessera/ui-kit'
import type { JsonSchema, ProblemFieldError, Tenant } from '@tessera/ui-kit'
import { ProblemError } from '@tessera/ui-kit'
import type { Mapping } from '@tessera/plugin-xero/contract'
import { xeroPermissions } from '@tessera/plugin-xero/contract'
import { xeroTabs } from './xero-tabs.ts'

/** The fields the form shows (the lists by rate and source are kept as they are). */
const FORM_FIELDS = ['salesAccountCode', 'bankAccountCode', 'defaultTaxType', 'zeroTaxType'] as const

export class XeroMapping extends LitElement {
  static styles = [screenStyles]
  static properties = { tenant: { attribute: false }, mapping: { state: true }, schema: { state: true }, busy: { state: true }, errors: { state: true } }
  declare tenant: Tenant | null
  declare mapping: Mapping | null
  declare schema: JsonSchema | null
  declare busy: boolean
  declare errors: ProblemFieldError[]

  constructor() {
    super()
    this.tenant = null
    this.mapping = null
    this.schema = null
    this.busy = false
    this.errors = []
  }

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  private async load(): Promise<void> {
    try {
      const r = await api<{ mapping: Mapping; schema: JsonSchema }>('/api/v1/xero/mapping')
      const props = (r.schema as { properties: Record<string, unknown> }).properties
      this.schema = { ...r.schema, properties: Object.fromEntries(FORM_FIELDS.map((f) => [f, props[f]])) } as JsonSchema
      this.mapping = r.mapping
    } catch (error) {
      toast(error)
    }
  }

  private async save(ev: CustomEvent<{ value: Partial<Mapping> }>): Promise<void> {
    this.busy = true
    this.errors = []
    try {
      this.mapping = await api<Mapping>('/api/v1/xero/mapping', { method: 'PUT', body: { ...this.mapping, ...ev.detail.value } })
      toast({ variant: 'success', title: 'Mapping saved', message: 'New documents use it; refused ones are retried.' })
    } catch (error) {
      if (error instanceof ProblemError) this.errors = error.problem.errors ?? []
      toast(error)
    } finally {
      this.busy = false
    }
  }

  render() {
    return html`<tz-page-header heading="Xero" description="Which Xero accounts and tax types Tessera's invoices and payments use."></tz-page-header>
      ${xeroTabs('/xero/mapping')}
      ${this.schema && this.mapping ? html`<tz-schema-form .schema=${this.schema} .value=${this.mapping} .errors=${this.errors} .pointerBase=${'/body'}
        .submitLabel=${'Save mapping'} ?busy=${this.busy} ?disabled=${!can(xeroPermissions.manage)} @tz-submit=${this.save}></tz-schema-form>` : html`<tz-spinner></tz-spinner>`}`
  }
}

customElements.define('xero-mapping', XeroMapping)
