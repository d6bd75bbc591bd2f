/**
 * `<tz-api-tokens>`: a tenant admin's API tokens (`/settings/tokens`): the list with role, state, expiry and when each
 * was last used; "New token" issues one (name, role up to the caller's own, lifetime) and shows the secret once;
 * "Revoke" ends a token at once (its sockets close too). Owners and admins only — the server enforces it.
 */
import { LitElement, html, nothing, css } from 'lit'
import { ProblemError, baseStyles, confirmAction, formatDate, toast } from '@tessera/ui-kit'
import type { Problem, TableColumn } from '@tessera/ui-kit'
import { issueToken, listTokens, revokeToken } from './tokens-api.ts'
import type { ApiToken, IssuedToken, TokenRole } from './tokens-api.ts'
import { pageStyles } from '../page-styles.ts'

const limit = 50
const roles: TokenRole[] = ['owner', 'admin', 'manager', 'finance', 'support', 'member']
const when = (iso: string | null) => formatDate(iso)
const tone: Record<ApiToken['state'], string> = { active: 'success', expired: 'neutral', revoked: 'neutral', suspended: 'warning' }

export class TzApiTokens extends LitElement {
  static styles = [
    baseStyles,
    pageStyles,
    css`
      form {
        display: flex;
        flex-direction: column;
        gap: var(--tz-space-4);
      }
      .secret {
        font-family: var(--tz-font-mono, monospace);
        word-break: break-all;
        user-select: all;
      }
    `,
  ]
  static properties = {
    role: { type: String, attribute: 'caller-role' },
    tokens: { state: true },
    total: { state: true },
    loading: { state: true },
    failed: { state: true },
    creating: { state: true },
    busy: { state: true },
    problem: { state: true },
    form: { state: true },
    issued: { state: true },
  }

  /** The caller's role in the tenant: a new token's role is offered up to it. */
  declare role: string
  declare tokens: ApiToken[]
  declare total: number
  declare loading: boolean
  declare failed: unknown
  declare creating: boolean
  declare busy: boolean
  declare problem: Problem | null
  declare form: { name: string; role: TokenRole; days: string }
  declare issued: IssuedToken | null

  constructor() {
    super()
    this.role = ''
    this.tokens = []
    this.total = 0
    this.loading = true
    this.failed = null
    this.creating = false
    this.busy = false
    this.problem = null
    this.form = { name: '', role: 'member', days: '90' }
    this.issued = null
  }

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  private async load(): Promise<void> {
    this.loading = true
    this.failed = null
    try {
      const page = await listTokens(limit, 0)
      this.tokens = page.items
      this.total = page.total
    } catch (error) {
      this.failed = error
      toast(error)
    } finally {
      this.loading = false
    }
  }

  private async revoke(token: ApiToken): Promise<void> {
    const ok = await confirmAction({
      heading: `Revoke ${token.name}?`,
      message: 'Integrations using this token stop working at once, and it cannot be used again.',
      confirmLabel: 'Revoke token',
      danger: true,
    })
    if (!ok) return
    try {
      await revokeToken(token.id)
      toast({ variant: 'success', message: `${token.name} is revoked.` })
      await this.load()
    } catch (error) {
      toast(error)
    }
  }

  private async submit(event?: Event): Promise<void> {
    event?.preventDefault()
    if (this.busy) return
    const days = Number(this.form.days)
    if (!this.form.name.trim() || !Number.isInteger(days) || days < 1 || days > 3650) {
      this.problem = { title: 'Check the form', status: 400, detail: 'Give the token a name and a lifetime of 1 to 3650 days.' }
      return
    }
    this.busy = true
    this.problem = null
    try {
      this.issued = await issueToken({ name: this.form.name.trim(), role: this.form.role, expiresInDays: days })
      this.creating = false
      await this.load()
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error
      this.problem = error.problem
    } finally {
      this.busy = false
    }
  }

  private get offeredRoles(): TokenRole[] {
    const own = roles.indexOf(this.role as TokenRole)
    return own < 0 ? ['member'] : roles.slice(own)
  }

  private columns: TableColumn<ApiToken>[] = [
    { key: 'name', label: 'Name', render: (t) => html`${t.name}` },
    { key: 'role', label: 'Role', render: (t) => html`<span class="cell-mono">${t.role}</span>` },
    { key: 'state', label: 'State', render: (t) => html`<tz-badge variant=${tone[t.state]}>${t.state}</tz-badge>` },
    { key: 'createdBy', label: 'Created by', render: (t) => html`<span class="cell-muted">${t.createdBy?.email ?? 'operator'}</span>` },
    { key: 'expiresAt', label: 'Expires', render: (t) => html`<span class="cell-muted">${when(t.expiresAt)}</span>` },
    { key: 'lastUsedAt', label: 'Last used', render: (t) => html`<span class="cell-muted">${when(t.lastUsedAt)}</span>` },
    {
      key: 'actions',
      label: '',
      align: 'right',
      render: (t) =>
        t.state === 'revoked' ? nothing : html`<tz-button size="sm" variant="ghost" @click=${() => this.revoke(t)}>Revoke</tz-button>`,
    },
  ]

  render() {
    return html`<tz-page-header heading="API tokens" description="Tokens let integrations call this tenant's API. A token expires, and stops working when the person who issued it loses their role.">
        <tz-button slot="actions" variant="primary" @click=${() => { this.creating = true; this.problem = null }}
          ><tz-icon name="plus" size="14"></tz-icon>New token</tz-button
        >
      </tz-page-header>
      ${this.issued
        ? html`<tz-alert variant="success" heading="Copy the token now — it is shown only once">
            <div class="secret">${this.issued.token}</div>
            <tz-button size="sm" @click=${() => (this.issued = null)}>Done</tz-button>
          </tz-alert>`
        : nothing}
      <tz-table
        caption="API tokens"
        .columns=${this.columns}
        .rows=${this.tokens}
        ?loading=${this.loading}
        .total=${this.total}
        .limit=${limit}
        .offset=${0}
        empty-heading=${this.failed ? 'Tokens could not be loaded' : 'No API tokens yet'}
        empty-description=${this.failed ? 'Only owners and admins manage tokens.' : 'Issue one for an integration.'}
      ></tz-table>
      <tz-dialog .open=${this.creating} heading="New API token" @tz-close=${(e: Event) => { e.stopPropagation(); this.creating = false }}>
        <form novalidate @submit=${this.submit}>
          ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
          <tz-text-field label="Name" required autofocus placeholder="Door sync" .value=${this.form.name}
            @input=${(e: Event) => (this.form = { ...this.form, name: (e.target as HTMLInputElement).value })}></tz-text-field>
          <tz-select label="Role" required .value=${this.form.role} .options=${this.offeredRoles.map((r) => ({ value: r, label: r }))}
            @change=${(e: Event) => (this.form = { ...this.form, role: (e.target as HTMLSelectElement).value as TokenRole })}></tz-select>
          <tz-text-field label="Lifetime (days)" required .value=${this.form.days} help="1 to 3650 days."
            @input=${(e: Event) => (this.form = { ...this.form, days: (e.target as HTMLInputElement).value })}></tz-text-field>
        </form>
        <tz-button slot="footer" @click=${() => (this.creating = false)}>Cancel</tz-button>
        <tz-button slot="footer" variant="primary" ?loading=${this.busy} @click=${() => this.submit()}>Issue token</tz-button>
      </tz-dialog>`
  }
}

customElements.define('tz-api-tokens', TzApiTokens)
