/**
 * `<tz-api-tokens>`: a tenant admin's API tokens (`/settings/tokens`): the list with role, state, expiry and when each
 * was last used; "New token" issues one (name, role up to the caller's own, lifetime) and shows the secret once;
 * "Revoke" ends a token at once (its sockets close too). Owners and admins only — the server enforces it.
 */
import { LitElement, html, nothing, css } from 'lit'
import { ProblemError, baseStyles, formatDate } from '@tessera/ui-kit'
import type { Problem, TableColumn } from '@tessera/ui-kit'
import { issueToken, listTokens, revokeToken } from './tokens-api.ts'
import type { ApiToken, IssuedToken } from './tokens-api.ts'
import { pageStyles } from '../page-styles.ts'
import { PagedList } from '../settings/paged-list.ts'
import { rolesUpTo } from '../settings/tenant-roles.ts'
import type { TenantRole } from '../settings/tenant-roles.ts'

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
    creating: { state: true },
    busy: { state: true },
    problem: { state: true },
    form: { state: true },
    issued: { state: true },
  }

  /** The caller's role in the tenant: a new token's role is offered up to it. */
  declare role: string
  declare creating: boolean
  declare busy: boolean
  declare problem: Problem | null
  declare form: { name: string; role: TenantRole; days: string }
  declare issued: IssuedToken | null
  private readonly list = new PagedList<ApiToken>(this, { limit: 50, load: listTokens })

  constructor() {
    super()
    this.role = ''
    this.creating = false
    this.busy = false
    this.problem = null
    this.form = { name: '', role: 'member', days: '90' }
    this.issued = null
  }

  private revoke(token: ApiToken): Promise<boolean> {
    return this.list.act({
      heading: `Revoke ${token.name}?`,
      message: 'Integrations using this token stop working at once, and it cannot be used again.',
      confirmLabel: 'Revoke token',
      danger: true,
    }, () => revokeToken(token.id), `${token.name} is revoked.`)
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
      await this.list.reload()
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error
      this.problem = error.problem
    } finally {
      this.busy = false
    }
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
      ${this.list.table({
        caption: 'API tokens', columns: this.columns,
        empty: { heading: 'No API tokens yet', description: 'Issue one for an integration.' },
        failed: { heading: 'Tokens could not be loaded', description: 'Only owners and admins manage tokens.' },
      })}
      <tz-dialog .open=${this.creating} heading="New API token" @tz-close=${(e: Event) => { e.stopPropagation(); this.creating = false }}>
        <form novalidate @submit=${this.submit}>
          ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
          <tz-text-field label="Name" required autofocus placeholder="Door sync" .value=${this.form.name}
            @input=${(e: Event) => (this.form = { ...this.form, name: (e.target as HTMLInputElement).value })}></tz-text-field>
          <tz-select label="Role" required .value=${this.form.role} .options=${rolesUpTo(this.role).map((r) => ({ value: r, label: r }))}
            @change=${(e: Event) => (this.form = { ...this.form, role: (e.target as HTMLSelectElement).value as TenantRole })}></tz-select>
          <tz-text-field label="Lifetime (days)" required .value=${this.form.days} help="1 to 3650 days."
            @input=${(e: Event) => (this.form = { ...this.form, days: (e.target as HTMLInputElement).value })}></tz-text-field>
        </form>
        <tz-button slot="footer" @click=${() => (this.creating = false)}>Cancel</tz-button>
        <tz-button slot="footer" variant="primary" ?loading=${this.busy} @click=${() => this.submit()}>Issue token</tz-button>
      </tz-dialog>`
  }
}

customElements.define('tz-api-tokens', TzApiTokens)
