/**
 * `<billing-plans>` (`/billing/plans`, staff): membership plans with price, included credits, tax and features, and
 * "New plan". Features are what other plugins read (door access groups, print quota, Wi-Fi).
 */
import { LitElement, html, nothing } from 'lit'
import { api, toast, screenStyles, splitProblem, valueOf, checkedOf } from '@tessera/ui-kit'
import type { Problem, TableColumn, Tenant } from '@tessera/ui-kit'
import { billingCurrency, canManage, money, toMinor } from './shared.ts'
import type { Plan } from './shared.ts'

const FIELDS = ['code', 'name', 'monthlyPrice', 'includedCredits', 'taxRateBp', 'features'] as const
interface Draft { code: string; name: string; monthlyPrice: number | null; includedCredits: number | null; taxRate: number | null; accessGroups: string[]; printQuota: number | null; wifi: boolean }
const EMPTY: Draft = { code: '', name: '', monthlyPrice: null, includedCredits: 0, taxRate: 0, accessGroups: [], printQuota: null, wifi: true }

export class BillingPlans extends LitElement {
  static styles = [screenStyles]
  static properties = {
    tenant: { attribute: false },
    plans: { state: true },
    currency: { state: true },
    loading: { state: true },
    creating: { state: true },
    draft: { state: true },
    busy: { state: true },
    problem: { state: true },
    fieldErrors: { state: true },
  }
  declare tenant: Tenant | null
  declare plans: Plan[]
  declare currency: string
  declare loading: boolean
  declare creating: boolean
  declare draft: Draft
  declare busy: boolean
  declare problem: Problem | null
  declare fieldErrors: Record<string, string>

  constructor() {
    super()
    this.tenant = null
    this.plans = []
    this.currency = 'EUR'
    this.loading = true
    this.creating = false
    this.draft = { ...EMPTY }
    this.busy = false
    this.problem = null
    this.fieldErrors = {}
  }

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  private async load(): Promise<void> {
    this.loading = true
    try {
      ;[this.plans, this.currency] = await Promise.all([api<Plan[]>('/api/v1/billing/plans'), billingCurrency(this.tenant?.id ?? '')])
    } catch (error) {
      toast(error)
    } finally {
      this.loading = false
    }
  }

  private set<K extends keyof Draft>(key: K, value: Draft[K], field: string = key): void {
    this.draft = { ...this.draft, [key]: value }
    this.fieldErrors = { ...this.fieldErrors, [field]: '' }
  }

  private async create(event?: Event): Promise<void> {
    event?.preventDefault()
    if (this.busy) return
    const d = this.draft
    const errors: Record<string, string> = {}
    if (!d.code.trim()) errors.code = 'Enter a short code, e.g. hot-desk.'
    if (!d.name.trim()) errors.name = 'Enter a name.'
    if (d.monthlyPrice === null || d.monthlyPrice < 0) errors.monthlyPrice = 'Enter the monthly price.'
    this.fieldErrors = errors
    if (Object.keys(errors).length) return
    const features: Record<string, unknown> = { wifi: d.wifi }
    if (d.accessGroups.length) features.accessGroups = d.accessGroups
    if (d.printQuota !== null) features.printQuota = d.printQuota
    this.busy = true
    this.problem = null
    try {
      const plan = await api<Plan>('/api/v1/billing/plans', {
        method: 'POST',
        body: { code: d.code.trim(), name: d.name.trim(), monthlyPrice: toMinor(d.monthlyPrice), includedCredits: d.includedCredits ?? 0, taxRateBp: Math.round((d.taxRate ?? 0) * 100), features },
      })
      this.creating = false
      toast({ variant: 'success', title: `Plan ${plan.name} created.` })
      await this.load()
    } catch (error) {
      const { problem, fieldErrors } = splitProblem(error, FIELDS)
      if (fieldErrors.taxRateBp) fieldErrors.taxRate = fieldErrors.taxRateBp
      this.fieldErrors = fieldErrors
      this.problem = Object.keys(fieldErrors).length && !problem.errors?.length ? null : problem
    } finally {
      this.busy = false
    }
  }

  private columns: TableColumn<Plan>[] = [
    { key: 'name', label: 'Plan', render: (p) => html`<span class="cell-title">${p.name}</span><div class="cell-sub cell-mono">${p.code}</div>` },
    { key: 'monthlyPrice', label: 'Per month', align: 'right', render: (p) => money(p.monthlyPrice, this.currency) },
    { key: 'includedCredits', label: 'Credits / month', align: 'right' },
    { key: 'taxRateBp', label: 'Tax', align: 'right', render: (p) => `${p.taxRateBp / 100} %` },
    { key: 'features', label: 'Features', render: (p) => html`<span class="cell-tags">${Object.entries(p.features ?? {}).map(([k, v]) =>
        html`<tz-badge>${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}</tz-badge> `)}</span>` },
    { key: 'active', label: 'Status', render: (p) => html`<tz-badge variant=${p.active ? 'success' : 'neutral'} dot>${p.active ? 'Active' : 'Retired'}</tz-badge>` },
  ]

  render() {
    const manage = canManage()
    const d = this.draft
    const e = this.fieldErrors
    return html`<tz-page-header heading="Plans" description="Membership plans: monthly price, included booking credits and the features other plugins read.">
        ${manage ? html`<tz-button slot="actions" variant="primary" @click=${() => { this.draft = { ...EMPTY }; this.problem = null; this.fieldErrors = {}; this.creating = true }}>New plan</tz-button>` : nothing}
      </tz-page-header>
      <tz-table caption="Plans" .columns=${this.columns} .rows=${this.plans} ?loading=${this.loading && !this.plans.length}
        empty-heading="No plans yet" empty-description="Create a plan, then give members a membership on it."></tz-table>
      <tz-dialog .open=${this.creating} heading="New plan" @tz-close=${() => (this.creating = false)}>
        <form novalidate @submit=${this.create}>
          ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
          <div class="row">
            <tz-text-field label="Name" required .value=${d.name} .error=${e.name ?? ''} @input=${(ev: Event) => this.set('name', valueOf(ev))}></tz-text-field>
            <tz-text-field label="Code" required help="Unique, used in sample data and exports." .value=${d.code} .error=${e.code ?? ''} @input=${(ev: Event) => this.set('code', valueOf(ev))}></tz-text-field>
          </div>
          <div class="row">
            <tz-number-field label=${`Monthly price (${this.currency})`} required min="0" step="0.01" .value=${d.monthlyPrice} .error=${e.monthlyPrice ?? ''}
              @input=${(ev: Event) => this.set('monthlyPrice', valueOf<number | null>(ev))}></tz-number-field>
            <tz-number-field label="Included credits" integer min="0" .value=${d.includedCredits} .error=${e.includedCredits ?? ''}
              @input=${(ev: Event) => this.set('includedCredits', valueOf<number | null>(ev))}></tz-number-field>
            <tz-number-field label="Tax rate (%)" min="0" max="100" step="0.01" .value=${d.taxRate} .error=${e.taxRate ?? ''}
              @input=${(ev: Event) => this.set('taxRate', valueOf<number | null>(ev))}></tz-number-field>
          </div>
          <fieldset>
            <legend>Features</legend>
            <tz-string-list label="Door access groups" .value=${d.accessGroups} @change=${(ev: Event) => this.set('accessGroups', valueOf<string[]>(ev))}></tz-string-list>
            <tz-number-field label="Print quota (pages / month)" integer min="0" .value=${d.printQuota} @input=${(ev: Event) => this.set('printQuota', valueOf<number | null>(ev))}></tz-number-field>
            <tz-checkbox label="Wi-Fi" .checked=${d.wifi} @change=${(ev: Event) => this.set('wifi', checkedOf(ev))}></tz-checkbox>
          </fieldset>
        </form>
        <tz-button slot="footer" @click=${() => (this.creating = false)}>Cancel</tz-button>
        <tz-button slot="footer" variant="primary" ?loading=${this.busy} @click=${() => this.create()}>Create plan</tz-button>
      </tz-dialog>`
  }
}

customElements.define('billing-plans', BillingPlans)
