/**
 * `<billing-stripe-settings>` (`/billing/stripe-settings`, `billing.manage`): the tenant's Stripe keys. The publishable
 * key is shown; the secret key and the webhook signing secret are write-only — shown as "set, ends in …" and replaced by
 * typing a new one (stored sealed by the server). A switch takes card payments online or not, "Test connection" asks
 * Stripe with the stored keys, and the webhook URL to register at Stripe is shown.
 */
import { LitElement, html, nothing, css } from 'lit'
import { api, toast, screenStyles, splitProblem, valueOf, checkedOf } from '@tessera/ui-kit'
import type { Problem } from '@tessera/ui-kit'

interface SecretView { set: boolean; last4: string | null; source: 'settings' | 'config' | null }
interface StripeSettingsView {
  publishableKey: string | null
  secretKey: SecretView
  webhookSecret: SecretView
  onlinePayments: boolean
  onlinePaymentsAllowed: boolean
  onlinePaymentsActive: boolean
  webhookUrl: string
  updatedAt: string | null
}

const FIELDS = ['publishableKey', 'secretKey', 'webhookSecret'] as const
const secretState = (s: SecretView | undefined): string => (s?.set ? `Set${s.last4 ? `, ends in …${s.last4}` : ''}${s.source === 'config' ? ' (from the operator\'s config)' : ''}. Type a new one to replace it.` : 'Not set.')

export class BillingStripeSettings extends LitElement {
  static styles = [screenStyles, css`form { display: grid; gap: var(--tz-space-4, 16px); max-width: 36rem; } code { word-break: break-all; } .actions { display: flex; gap: 8px; }`]
  static properties = {
    view: { state: true }, publishableKey: { state: true }, secretKey: { state: true }, webhookSecret: { state: true },
    onlinePayments: { state: true }, busy: { state: true }, testing: { state: true }, problem: { state: true }, errors: { state: true }, testResult: { state: true },
  }
  declare view: StripeSettingsView | null
  declare publishableKey: string
  declare secretKey: string
  declare webhookSecret: string
  declare onlinePayments: boolean
  declare busy: boolean
  declare testing: boolean
  declare problem: Problem | null
  declare errors: Record<string, string>
  declare testResult: { ok: boolean; message: string } | null

  constructor() {
    super()
    this.view = null
    this.publishableKey = ''
    this.secretKey = ''
    this.webhookSecret = ''
    this.onlinePayments = true
    this.busy = false
    this.testing = false
    this.problem = null
    this.errors = {}
    this.testResult = null
  }

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  private show(v: StripeSettingsView): void {
    this.view = v
    this.publishableKey = v.publishableKey ?? ''
    this.secretKey = ''
    this.webhookSecret = ''
    this.onlinePayments = v.onlinePayments
  }

  private async load(): Promise<void> {
    try {
      this.show(await api<StripeSettingsView>('/api/v1/billing/stripe-settings'))
    } catch (error) {
      toast(error)
    }
  }

  private async save(event?: Event): Promise<void> {
    event?.preventDefault()
    if (this.busy || !this.view) return
    const body: Record<string, unknown> = {}
    if (this.publishableKey.trim() !== (this.view.publishableKey ?? '')) body.publishableKey = this.publishableKey.trim() || null
    if (this.secretKey.trim()) body.secretKey = this.secretKey.trim()
    if (this.webhookSecret.trim()) body.webhookSecret = this.webhookSecret.trim()
    if (this.onlinePayments !== this.view.onlinePayments) body.onlinePayments = this.onlinePayments
    if (Object.keys(body).length === 0) { toast({ variant: 'info', title: 'Nothing changed.' }); return }
    this.busy = true
    this.problem = null
    this.errors = {}
    try {
      this.show(await api<StripeSettingsView>('/api/v1/billing/stripe-settings', { method: 'PUT', body }))
      this.testResult = null
      toast({ variant: 'success', title: 'Stripe settings saved.' })
    } catch (error) {
      const { problem, fieldErrors } = splitProblem(error, [...FIELDS])
      this.errors = fieldErrors
      this.problem = Object.keys(fieldErrors).length && !problem.errors?.length ? null : problem
    } finally {
      this.busy = false
    }
  }

  private async test(): Promise<void> {
    this.testing = true
    try {
      this.testResult = await api<{ ok: boolean; message: string }>('/api/v1/billing/stripe-settings/test', { method: 'POST', body: {} })
    } catch (error) {
      this.testResult = { ok: false, message: (error as Problem).detail ?? (error as Problem).title ?? 'The test failed.' }
    } finally {
      this.testing = false
    }
  }

  render() {
    const v = this.view
    const status = !v ? '' : v.onlinePaymentsActive ? 'Members can pay their invoices by card.' : !v.onlinePaymentsAllowed
      ? 'The operator has switched online payment off for this workspace.' : 'Online card payment is off: set both keys and switch it on.'
    return html`<tz-page-header heading="Stripe settings" description="Card payments through your Stripe account."></tz-page-header>
      ${v ? html`<tz-alert variant=${v.onlinePaymentsActive ? 'success' : 'info'} heading=${v.onlinePaymentsActive ? 'Online payment is on' : 'Online payment is off'}>${status}</tz-alert>` : nothing}
      <form novalidate @submit=${this.save}>
        ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
        <tz-text-field label="Publishable key" placeholder="pk_live_…" autocomplete="off" .value=${this.publishableKey} .error=${this.errors.publishableKey ?? ''}
          help="Starts with pk_; the browser loads Stripe.js with it." @input=${(e: Event) => { this.publishableKey = valueOf(e) }}></tz-text-field>
        <tz-text-field label="Secret key" type="password" placeholder=${v?.secretKey.set ? '••••••••' : 'sk_live_…'} autocomplete="new-password" .value=${this.secretKey}
          .error=${this.errors.secretKey ?? ''} help=${secretState(v?.secretKey)} @input=${(e: Event) => { this.secretKey = valueOf(e) }}></tz-text-field>
        <tz-text-field label="Webhook signing secret" type="password" placeholder=${v?.webhookSecret.set ? '••••••••' : 'whsec_…'} autocomplete="new-password" .value=${this.webhookSecret}
          .error=${this.errors.webhookSecret ?? ''} help=${secretState(v?.webhookSecret)} @input=${(e: Event) => { this.webhookSecret = valueOf(e) }}></tz-text-field>
        <tz-checkbox label="Take card payments online" .checked=${this.onlinePayments} help="Members see Pay now on their invoices while this is on and both keys are set."
          @change=${(e: Event) => { this.onlinePayments = checkedOf(e) }}></tz-checkbox>
        ${v ? html`<p>Webhook endpoint to register at Stripe: <code>${location.origin}${v.webhookUrl}</code></p>` : nothing}
        <div class="actions">
          <tz-button variant="primary" ?loading=${this.busy} @click=${() => this.save()}>Save</tz-button>
          <tz-button ?loading=${this.testing} ?disabled=${!v?.secretKey.set} @click=${() => this.test()}>Test connection</tz-button>
        </div>
        ${this.testResult ? html`<tz-alert variant=${this.testResult.ok ? 'success' : 'danger'} heading=${this.testResult.ok ? 'Connected' : 'Not connected'}>${this.testResult.message}</tz-alert>` : nothing}
      </form>`
  }
}

customElements.define('billing-stripe-settings', BillingStripeSettings)
