/**
 * `<billing-memberships>` (`/billing/memberships`, staff): memberships with payer, plan, dates and status; "New
 * membership" for a person (bills the first, prorated month) and "End" (with proration corrections).
 */
import { LitElement, html, nothing } from 'lit'
import { api, toast, realtime, screenStyles, splitProblem, valueOf, Subscriptions } from '@tessera/ui-kit'
import type { Problem, TableColumn, Tenant } from '@tessera/ui-kit'
import { billingCurrency, canManage, money, peopleOptions } from './shared.ts'
import type { Membership, Plan } from './shared.ts'

const today = () => new Date().toISOString().slice(0, 10)
const STATUS_VARIANTS: Record<string, string> = { active: 'success', ended: 'neutral', suspended: 'danger' }

export class BillingMemberships extends LitElement {
  static styles = [screenStyles]
  static properties = {
    tenant: { attribute: false },
    rows: { state: true },
    plans: { state: true },
    currency: { state: true },
    loading: { state: true },
    dialog: { state: true },
    ending: { state: true },
    people: { state: true },
    draft: { state: true },
    busy: { state: true },
    problem: { state: true },
    fieldErrors: { state: true },
  }
  declare tenant: Tenant | null
  declare rows: Membership[]
  declare plans: Plan[]
  declare currency: string
  declare loading: boolean
  declare dialog: '' | 'create' | 'end'
  declare ending: Membership | null
  declare people: { value: string; label: string }[]
  declare draft: { payerId: string; planId: string; startsOn: string; endsOn: string }
  declare busy: boolean
  declare problem: Problem | null
  declare fieldErrors: Record<string, string>
  private readonly subscriptions = new Subscriptions(this)

  constructor() {
    super()
    this.tenant = null
    this.rows = []
    this.plans = []
    this.currency = 'EUR'
    this.loading = true
    this.dialog = ''
    this.ending = null
    this.people = []
    this.draft = { payerId: '', planId: '', startsOn: today(), endsOn: today() }
    this.busy = false
    this.problem = null
    this.fieldErrors = {}
  }

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
    this.subscriptions.stops = ['created', 'ended', 'suspended', 'reactivated'].map((n) => realtime().subscribe(`billing.membership.${n}`, () => void this.load()))
  }


  private async load(): Promise<void> {
    try {
      ;[this.rows, this.plans, this.currency] = await Promise.all([
        api<Membership[]>('/api/v1/billing/memberships'), api<Plan[]>('/api/v1/billing/plans'), billingCurrency(this.tenant?.id ?? ''),
      ])
    } catch (error) {
      toast(error)
    } finally {
      this.loading = false
    }
  }

  private async openCreate(): Promise<void> {
    this.draft = { payerId: '', planId: this.plans.find((p) => p.active)?.id ?? '', startsOn: today(), endsOn: today() }
    this.problem = null
    this.fieldErrors = {}
    this.dialog = 'create'
    try { this.people = await peopleOptions() } catch (error) { toast(error) }
  }

  private openEnd(m: Membership): void {
    this.ending = m
    this.draft = { ...this.draft, endsOn: today() }
    this.problem = null
    this.fieldErrors = {}
    this.dialog = 'end'
  }

  private async submit(event?: Event): Promise<void> {
    event?.preventDefault()
    if (this.busy) return
    const d = this.draft
    const errors: Record<string, string> = {}
    if (this.dialog === 'create') {
      if (!d.payerId) errors.payerId = 'Choose a person.'
      if (!d.planId) errors.planId = 'Choose a plan.'
      if (!d.startsOn) errors.startsOn = 'Enter the first day.'
    } else if (!d.endsOn) errors.endsOn = 'Enter the last day.'
    this.fieldErrors = errors
    if (Object.keys(errors).length) return
    this.busy = true
    this.problem = null
    try {
      if (this.dialog === 'create') {
        await api('/api/v1/billing/memberships', { method: 'POST', body: { payerType: 'person', payerId: d.payerId, planId: d.planId, startsOn: d.startsOn } })
        toast({ variant: 'success', title: 'Membership created; its first month is charged.' })
      } else {
        await api(`/api/v1/billing/memberships/${this.ending!.id}/end`, { method: 'POST', body: { endsOn: d.endsOn } })
        toast({ variant: 'success', title: `Membership ends on ${d.endsOn}.` })
      }
      this.dialog = ''
      await this.load()
    } catch (error) {
      const { problem, fieldErrors } = splitProblem(error, ['payerId', 'planId', 'startsOn', 'endsOn'])
      this.fieldErrors = fieldErrors
      this.problem = Object.keys(fieldErrors).length && !problem.errors?.length ? null : problem
    } finally {
      this.busy = false
    }
  }

  private planName(id: string): string {
    return this.plans.find((p) => p.id === id)?.name ?? id
  }

  private columns(): TableColumn<Membership>[] {
    const manage = canManage()
    return [
      { key: 'payerName', label: 'Member', render: (m) => html`<span class="cell-title">${m.payerName ?? m.payerId}</span>${m.payerType === 'organisation' ? html`<div class="cell-sub">Organisation</div>` : nothing}` },
      { key: 'planId', label: 'Plan', render: (m) => this.planName(m.planId) },
      { key: 'startsOn', label: 'From' },
      { key: 'endsOn', label: 'Until', render: (m) => m.endsOn ?? 'Open-ended' },
      { key: 'status', label: 'Status', render: (m) => html`<tz-badge variant=${STATUS_VARIANTS[m.status] ?? 'neutral'} dot>${m.status}</tz-badge>` },
      { key: 'actions', label: 'Actions', render: (m) => manage && !m.endsOn && m.status === 'active'
        ? html`<tz-button size="sm" label=${`End membership of ${m.payerName ?? m.payerId}`} @click=${() => this.openEnd(m)}>End</tz-button>` : nothing },
    ]
  }

  render() {
    const manage = canManage()
    const d = this.draft
    const e = this.fieldErrors
    const plan = this.plans.find((p) => p.id === d.planId)
    return html`<tz-page-header heading="Memberships" description="Who is on which plan. Months are billed in advance; partial months are prorated by day.">
        ${manage ? html`<tz-button slot="actions" variant="primary" @click=${() => this.openCreate()}>New membership</tz-button>` : nothing}
      </tz-page-header>
      <tz-table caption="Memberships" .columns=${this.columns()} .rows=${this.rows} ?loading=${this.loading}
        empty-heading="No memberships yet" empty-description="Give a member a plan to bill them monthly and top up their credits."></tz-table>
      <tz-dialog .open=${this.dialog !== ''} size="sm" heading=${this.dialog === 'end' ? `End membership of ${this.ending?.payerName ?? ''}` : 'New membership'}
        description=${this.dialog === 'end' ? 'Months after the end are corrected to the prorated amount (a credit note if already invoiced).' : 'The first month is prorated from the start day and charged now.'}
        @tz-close=${() => (this.dialog = '')}>
        <form novalidate @submit=${this.submit}>
          ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
          ${this.dialog === 'create' ? html`
            <tz-select label="Member" required placeholder="Choose a person" .value=${d.payerId} .options=${this.people} .error=${e.payerId ?? ''}
              @change=${(ev: Event) => { this.draft = { ...this.draft, payerId: valueOf(ev) } }}></tz-select>
            <tz-select label="Plan" required placeholder="Choose a plan" .value=${d.planId} .error=${e.planId ?? ''}
              .options=${this.plans.filter((p) => p.active).map((p) => ({ value: p.id, label: `${p.name} · ${money(p.monthlyPrice, this.currency)} / month` }))}
              help=${plan ? `${plan.includedCredits} credits a month` : ''}
              @change=${(ev: Event) => { this.draft = { ...this.draft, planId: valueOf(ev) } }}></tz-select>
            <tz-text-field label="Starts on" type="date" required .value=${d.startsOn} .error=${e.startsOn ?? ''}
              @input=${(ev: Event) => { this.draft = { ...this.draft, startsOn: valueOf(ev) } }}></tz-text-field>`
          : html`<tz-text-field label="Last day" type="date" required .value=${d.endsOn} .error=${e.endsOn ?? ''}
              @input=${(ev: Event) => { this.draft = { ...this.draft, endsOn: valueOf(ev) } }}></tz-text-field>`}
        </form>
        <tz-button slot="footer" @click=${() => (this.dialog = '')}>Cancel</tz-button>
        <tz-button slot="footer" variant=${this.dialog === 'end' ? 'danger' : 'primary'} ?loading=${this.busy} @click=${() => this.submit()}>${this.dialog === 'end' ? 'End membership' : 'Create membership'}</tz-button>
      </tz-dialog>`
  }
}

customElements.define('billing-memberships', BillingMemberships)
