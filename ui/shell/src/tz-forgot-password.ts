/**
 * `<tz-forgot-password>`: "Forgot password?" — the e-mail address, then "Check your inbox" with the same words
 * whether or not an account exists for it (the server answers the same too). Fires `tz-back` to return to sign-in.
 */
import { LitElement, html, nothing } from 'lit'
import { ProblemError, baseStyles } from '@tessera/ui-kit'
import type { Problem } from '@tessera/ui-kit'
import { authCardStyles } from './auth-card-styles.ts'
import { validSubmit } from './valid-submit.ts'
import { brandMark } from './brand-mark.ts'
import { requestPasswordReset } from './password-api.ts'

export class TzForgotPassword extends LitElement {
  static styles = [baseStyles, authCardStyles]
  static properties = { email: { type: String }, busy: { state: true }, sent: { state: true }, problem: { state: true } }

  /** The address typed on the sign-in form, to start from. */
  declare email: string
  declare busy: boolean
  declare sent: boolean
  declare problem: Problem | null

  constructor() {
    super()
    this.email = ''
    this.busy = false
    this.sent = false
    this.problem = null
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    if (!validSubmit(event)) return
    this.busy = true
    this.problem = null
    try {
      await requestPasswordReset(this.email.trim())
      this.sent = true
    } catch (error) {
      const p = error instanceof ProblemError ? error.problem : { title: 'The request failed', status: 0, detail: String(error) }
      this.problem = p.status === 429 ? { ...p, title: 'Too many requests', detail: 'Wait a minute and try again.' } : p
    } finally {
      this.busy = false
    }
  }

  private back(): void {
    this.dispatchEvent(new CustomEvent('tz-back', { bubbles: true, composed: true }))
  }

  render() {
    const body = this.sent
      ? html`<h1>Check your inbox</h1>
          <p class="lead" role="status">If an account exists for <strong>${this.email.trim()}</strong>, we have sent it a link to set a new password. The link works for one hour.</p>
          <tz-button variant="primary" full @click=${this.back}>Back to sign-in</tz-button>`
      : html`<h1>Forgot password?</h1>
          <p class="lead">Enter your e-mail address and we will send you a link to set a new password.</p>
          <form novalidate @submit=${this.onSubmit} aria-label="Reset password">
            ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
            <tz-text-field label="Email" name="email" type="email" autocomplete="username" required .value=${this.email}
              @input=${(e: Event) => (this.email = (e.target as HTMLInputElement).value)}></tz-text-field>
            <tz-button type="submit" variant="primary" full ?loading=${this.busy}>Send reset link</tz-button>
            <button type="button" class="link" @click=${this.back}>Back to sign-in</button>
          </form>`
    return html`<main class="wrap">
      <div class="brand">${brandMark(28)} Tessera</div>
      <div class="card">${body}</div>
    </main>`
  }
}

customElements.define('tz-forgot-password', TzForgotPassword)
