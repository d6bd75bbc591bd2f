/**
 * `<tz-sign-in>`: the sign-in screen. Email and password (labelled, autocomplete hints for password
 * managers), a primary button that shows progress, and a clear message for wrong credentials (401), rate
 * limiting (429, with the wait from `Retry-After`) or an unreachable server. Fires `tz-signed-in` with the
 * `Session` on success. "Forgot password?" switches to `<tz-forgot-password>` (a reset link by e-mail).
 */
import { LitElement, html, nothing } from 'lit'
import { ProblemError, baseStyles } from '@tessera/ui-kit'
import type { Problem } from '@tessera/ui-kit'
import { signIn } from './session.ts'
import { brandMark } from './brand-mark.ts'
import { authCardStyles } from './auth-card-styles.ts'
import { validSubmit } from './valid-submit.ts'
import './tz-forgot-password.ts'

export class TzSignIn extends LitElement {
  static styles = [baseStyles, authCardStyles]
  static properties = {
    notice: { type: String },
    email: { state: true },
    password: { state: true },
    busy: { state: true },
    problem: { state: true },
    forgot: { state: true },
  }

  /** A message shown above the form (e.g. "Your session has ended"). */
  declare notice: string
  declare email: string
  declare password: string
  declare busy: boolean
  declare problem: Problem | null
  /** Showing "Forgot password?" instead of the sign-in form. */
  declare forgot: boolean

  constructor() {
    super()
    this.notice = ''
    this.email = ''
    this.password = ''
    this.busy = false
    this.problem = null
    this.forgot = false
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    if (!validSubmit(event)) return
    this.busy = true
    this.problem = null
    try {
      const session = await signIn(this.email.trim(), this.password)
      this.password = ''
      this.dispatchEvent(new CustomEvent('tz-signed-in', { detail: session, bubbles: true, composed: true }))
    } catch (error) {
      this.problem = this.explain(error)
      if (this.problem.status === 401) this.password = ''
    } finally {
      this.busy = false
    }
  }

  private explain(error: unknown): Problem {
    if (!(error instanceof ProblemError)) return { title: 'Sign-in failed', status: 0, detail: String(error) }
    const p = error.problem
    if (p.status === 401) return { ...p, title: 'Incorrect email or password', detail: 'Check both and try again.' }
    if (p.status === 429) {
      const wait = p.retryAfter ? `in ${p.retryAfter} seconds` : 'in a minute'
      return { ...p, title: 'Too many sign-in attempts', detail: `For your security, wait and try again ${wait}.` }
    }
    return p
  }

  render() {
    if (this.forgot) return html`<tz-forgot-password .email=${this.email} @tz-back=${() => (this.forgot = false)}></tz-forgot-password>`
    return html`<main class="wrap">
      <div class="brand">${brandMark(28)} Tessera</div>
      <div class="card">
        <h1>Sign in</h1>
        <p class="lead">Use your Tessera staff account.</p>
        <form novalidate @submit=${this.onSubmit} aria-label="Sign in">
          ${this.notice && !this.problem ? html`<tz-alert variant="info">${this.notice}</tz-alert>` : nothing}
          ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
          <tz-text-field
            label="Email"
            name="email"
            type="email"
            autocomplete="username"
            required
            .value=${this.email}
            @input=${(e: Event) => (this.email = (e.target as HTMLInputElement).value)}
          ></tz-text-field>
          <tz-text-field
            label="Password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            .value=${this.password}
            @input=${(e: Event) => (this.password = (e.target as HTMLInputElement).value)}
          ></tz-text-field>
          <button type="button" class="link" @click=${() => (this.forgot = true)}>Forgot password?</button>
          <tz-button type="submit" variant="primary" full ?loading=${this.busy}>Sign in</tz-button>
        </form>
      </div>
      <p class="foot">Trouble signing in? Ask your space's administrator.</p>
    </main>`
  }
}

customElements.define('tz-sign-in', TzSignIn)
