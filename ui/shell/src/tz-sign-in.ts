/**
 * `<tz-sign-in>`: the sign-in screen. Email and password (labelled, autocomplete hints for password
 * managers), a primary button that shows progress, and a clear message for wrong credentials (401), rate
 * limiting (429, with the wait from `Retry-After`) or an unreachable server. Fires `tz-signed-in` with the
 * `Session` on success.
 */
import { LitElement, css, html, nothing } from 'lit'
import { ProblemError, baseStyles } from '@tessera/ui-kit'
import type { Problem } from '@tessera/ui-kit'
import { signIn } from './session.ts'
import { brandMark } from './brand-mark.ts'

export class TzSignIn extends LitElement {
  static styles = [
    baseStyles,
    css`
      :host {
        display: grid;
        place-items: center;
        min-height: 100vh;
        padding: var(--tz-space-6);
        background:
          radial-gradient(1200px 500px at 50% -10%, #e8eafe 0%, transparent 60%),
          var(--tz-color-bg);
      }
      .wrap {
        width: min(400px, 100%);
      }
      .brand {
        display: flex;
        align-items: center;
        gap: var(--tz-space-2);
        justify-content: center;
        font-weight: var(--tz-weight-semibold);
        font-size: var(--tz-text-lg);
        margin-bottom: var(--tz-space-6);
        letter-spacing: -0.01em;
      }
      .card {
        background: var(--tz-color-surface);
        border: 1px solid var(--tz-color-border);
        border-radius: var(--tz-radius-lg);
        box-shadow: var(--tz-shadow-sm);
        padding: var(--tz-space-8);
      }
      h1 {
        margin: 0;
        font-size: var(--tz-text-xl);
        font-weight: var(--tz-weight-semibold);
        letter-spacing: -0.01em;
      }
      .lead {
        margin: var(--tz-space-1) 0 var(--tz-space-6);
        color: var(--tz-color-text-muted);
      }
      form {
        display: flex;
        flex-direction: column;
        gap: var(--tz-space-4);
      }
      tz-button {
        margin-top: var(--tz-space-2);
      }
      .foot {
        text-align: center;
        margin-top: var(--tz-space-6);
        font-size: var(--tz-text-sm);
        color: var(--tz-color-text-subtle);
      }
    `,
  ]
  static properties = {
    notice: { type: String },
    email: { state: true },
    password: { state: true },
    busy: { state: true },
    problem: { state: true },
  }

  /** A message shown above the form (e.g. "Your session has ended"). */
  declare notice: string
  declare email: string
  declare password: string
  declare busy: boolean
  declare problem: Problem | null

  constructor() {
    super()
    this.notice = ''
    this.email = ''
    this.password = ''
    this.busy = false
    this.problem = null
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    if (!form.checkValidity()) {
      form.reportValidity()
      return
    }
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
          <tz-button type="submit" variant="primary" full ?loading=${this.busy}>Sign in</tz-button>
        </form>
      </div>
      <p class="foot">Trouble signing in? Ask your space's administrator.</p>
    </main>`
  }
}

customElements.define('tz-sign-in', TzSignIn)
