/**
 * `<tz-set-password>` (`/set-password?token=…`, the link of an invitation or password-reset e-mail): a new password
 * twice, checked here (at least 8 characters, both the same) and by the server — an unknown link, or one used,
 * replaced or expired, is explained with the server's words and a way on ("Forgot password?"). On success the user is
 * signed in: fires `tz-signed-in` with the `Session`.
 */
import { LitElement, html, nothing } from 'lit'
import { ProblemError, baseStyles } from '@tessera/ui-kit'
import type { Problem } from '@tessera/ui-kit'
import { authCardStyles } from './auth-card-styles.ts'
import { brandMark } from './brand-mark.ts'
import { MIN_PASSWORD_LENGTH, setPassword } from './password-api.ts'

export class TzSetPassword extends LitElement {
  static styles = [baseStyles, authCardStyles]
  static properties = {
    search: { type: String },
    password: { state: true },
    confirm: { state: true },
    errors: { state: true },
    busy: { state: true },
    problem: { state: true },
  }

  /** The location's query string (`?token=…`). */
  declare search: string
  declare password: string
  declare confirm: string
  declare errors: { password?: string; confirm?: string }
  declare busy: boolean
  declare problem: Problem | null

  constructor() {
    super()
    this.search = ''
    this.password = ''
    this.confirm = ''
    this.errors = {}
    this.busy = false
    this.problem = null
  }

  private get token(): string {
    return new URLSearchParams(this.search).get('token') ?? ''
  }

  private validate(): boolean {
    const errors: { password?: string; confirm?: string } = {}
    if ([...this.password].length < MIN_PASSWORD_LENGTH) errors.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`
    if (this.confirm !== this.password) errors.confirm = 'The two passwords are not the same.'
    this.errors = errors
    return !errors.password && !errors.confirm
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    if (!this.validate()) return
    this.busy = true
    this.problem = null
    try {
      const session = await setPassword(this.token, this.password)
      this.password = ''
      this.confirm = ''
      this.dispatchEvent(new CustomEvent('tz-signed-in', { detail: session, bubbles: true, composed: true }))
    } catch (error) {
      const p = error instanceof ProblemError ? error.problem : { title: 'The password could not be set', status: 0, detail: String(error) }
      const title = p.status === 410 ? 'This link no longer works' : p.status === 400 ? 'This link or password does not work' : p.title
      this.problem = { ...p, title }
    } finally {
      this.busy = false
    }
  }

  render() {
    const missing = !this.token
    return html`<main class="wrap">
      <div class="brand">${brandMark(28)} Tessera</div>
      <div class="card">
        <h1>Set your password</h1>
        <p class="lead">Choose a password of at least ${MIN_PASSWORD_LENGTH} characters. You will be signed in.</p>
        ${missing
          ? html`<tz-alert variant="danger" heading="This link is incomplete">Open the whole link from the e-mail, or ask for a new one with "Forgot password?" on the sign-in page.</tz-alert>`
          : html`<form novalidate @submit=${this.onSubmit} aria-label="Set password">
              ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
              <tz-text-field label="New password" name="password" type="password" autocomplete="new-password" required
                .value=${this.password} .error=${this.errors.password ?? ''}
                @input=${(e: Event) => (this.password = (e.target as HTMLInputElement).value)}></tz-text-field>
              <tz-text-field label="Repeat the password" name="confirm" type="password" autocomplete="new-password" required
                .value=${this.confirm} .error=${this.errors.confirm ?? ''}
                @input=${(e: Event) => (this.confirm = (e.target as HTMLInputElement).value)}></tz-text-field>
              <tz-button type="submit" variant="primary" full ?loading=${this.busy}>Set password and sign in</tz-button>
            </form>`}
        <p class="foot"><a href="/">Back to sign-in</a></p>
      </div>
    </main>`
  }
}

customElements.define('tz-set-password', TzSetPassword)
