/**
 * `<tz-tenant-users>` (`/settings/users`): the people who can sign in to this tenant, with their roles — search, invite
 * by e-mail with a role, change a role, remove — and the invitations still waiting for an answer (withdraw). Every
 * change is confirmed in the app's own dialog first. The roles offered are those below the caller's own; the server
 * enforces the rule either way and its 403 is shown in words. Admins and owners change; managers only read.
 */
import { LitElement, html, css, nothing } from 'lit'
import { ProblemError, baseStyles, can, confirmAction, formatDate, toast } from '@tessera/ui-kit'
import type { Problem, TableColumn } from '@tessera/ui-kit'
import { pageStyles } from '../page-styles.ts'
import { changeRole, inviteMember, listMembers, removeMember, withdrawInvitation } from './settings-api.ts'
import type { PendingInvitation, TenantMember } from './settings-api.ts'
import { PagedList } from './paged-list.ts'
import { roleLabel, rolesBelow } from './tenant-roles.ts'
import type { TenantRole } from './tenant-roles.ts'

export class TzTenantUsers extends LitElement {
  static styles = [
    baseStyles,
    pageStyles,
    css`
      form {
        display: flex;
        flex-direction: column;
        gap: var(--tz-space-4);
      }
      .search {
        max-width: 360px;
        margin-bottom: var(--tz-space-4);
      }
      h2 {
        font-size: var(--tz-text-lg);
        margin: 0 0 var(--tz-space-3);
      }
    `,
  ]
  static properties = {
    role: { type: String, attribute: 'caller-role' },
    userId: { type: String, attribute: 'user-id' },
    operator: { type: Boolean },
    q: { state: true },
    inviting: { state: true },
    busy: { state: true },
    problem: { state: true },
    form: { state: true },
    editing: { state: true },
  }

  /** The caller's role here: roles below it are offered. */
  declare role: string
  declare userId: string
  declare operator: boolean
  declare q: string
  declare inviting: boolean
  declare busy: boolean
  declare problem: Problem | null
  declare form: { email: string; name: string; role: TenantRole }
  /** The member whose role is being changed, and the role chosen. */
  declare editing: { member: TenantMember; role: TenantRole } | null
  #search: ReturnType<typeof setTimeout> | undefined
  /** The users (with the pending invitations each page carries). */
  private readonly list = new PagedList<TenantMember, Awaited<ReturnType<typeof listMembers>>>(this, {
    limit: 50, load: (limit, offset) => listMembers(limit, offset, this.q.trim()),
  })

  constructor() {
    super()
    this.role = ''
    this.userId = ''
    this.operator = false
    this.q = ''
    this.inviting = false
    this.busy = false
    this.problem = null
    this.form = { email: '', name: '', role: 'member' }
    this.editing = null
  }

  disconnectedCallback(): void {
    super.disconnectedCallback()
    clearTimeout(this.#search)
  }

  private get manage(): boolean {
    return can('tessera.users.manage')
  }

  private get offered(): TenantRole[] {
    return rolesBelow(this.role, this.operator)
  }

  private onSearch(value: string): void {
    this.q = value
    clearTimeout(this.#search)
    this.#search = setTimeout(() => void this.list.goTo(0), 250)
  }

  private openInvite(): void {
    this.form = { email: '', name: '', role: this.offered.includes('member') ? 'member' : (this.offered[0] ?? 'member') }
    this.problem = null
    this.inviting = true
  }

  private async invite(event?: Event): Promise<void> {
    event?.preventDefault()
    if (this.busy) return
    const input = { email: this.form.email.trim(), name: this.form.name.trim(), role: this.form.role }
    if (!input.email || !input.name) {
      this.problem = { title: 'Check the form', status: 400, detail: 'Give the name and e-mail address of the person to invite.' }
      return
    }
    const ok = await confirmAction({
      heading: `Send an invitation to ${input.email}?`,
      message: `${input.name} will be able to sign in to this space as ${roleLabel(input.role).toLowerCase()}. A new user gets an e-mail with a link to set a password.`,
      confirmLabel: 'Send invitation',
    })
    if (!ok) return
    await this.submit(async () => {
      const result = await inviteMember(input)
      this.inviting = false
      toast({ variant: 'success', message: result.status === 'pending' ? `${input.email} is invited: they join once they accept.` : `${input.name} can now sign in as ${input.role}.` })
    })
  }

  private async setRole(): Promise<void> {
    const editing = this.editing
    if (!editing || this.busy) return
    if (editing.role === editing.member.role) {
      this.editing = null
      return
    }
    await this.submit(async () => {
      await changeRole(editing.member.id, editing.role)
      toast({ variant: 'success', message: `${editing.member.name} is now ${editing.role}.` })
      this.editing = null
    })
  }

  /** Runs a dialog's change, then reloads the list; the server's refusal is shown in the open dialog. */
  private async submit(change: () => Promise<void>): Promise<void> {
    this.busy = true
    this.problem = null
    try {
      await change()
      await this.list.reload()
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error
      this.problem = error.problem
    } finally {
      this.busy = false
    }
  }

  private removeUser(member: TenantMember): Promise<boolean> {
    return this.list.act({
      heading: `Remove ${member.name} from this space?`,
      message: `${member.email} can no longer sign in here; their sessions and API tokens for this space stop working. Their account and other spaces are not affected.`,
      confirmLabel: 'Remove',
      danger: true,
    }, () => removeMember(member.id), `${member.name} was removed.`)
  }

  private withdraw(invitation: PendingInvitation): Promise<boolean> {
    return this.list.act({ heading: `Withdraw the invitation of ${invitation.email}?`, confirmLabel: 'Withdraw', danger: true },
      () => withdrawInvitation(invitation.id), `The invitation of ${invitation.email} was withdrawn.`)
  }

  /** Whether the caller may change this member at all (below their own role, not themselves). */
  private changeable(m: TenantMember): boolean {
    return this.manage && m.id !== this.userId && (this.operator || this.offered.includes(m.role))
  }

  private columns: TableColumn<TenantMember>[] = [
    { key: 'name', label: 'Name', render: (m) => html`<span class="cell-title">${m.name}</span><div class="cell-sub">${m.email}</div>` },
    { key: 'role', label: 'Role', render: (m) => html`<tz-badge variant=${m.role === 'owner' || m.role === 'admin' ? 'accent' : 'neutral'}>${roleLabel(m.role)}</tz-badge>` },
    {
      key: 'state', label: 'Sign-in',
      render: (m) => m.disabled ? html`<tz-badge variant="neutral">Disabled</tz-badge>`
        : m.hasPassword ? html`<tz-badge variant="success">Active</tz-badge>` : html`<tz-badge variant="warning">Password not set yet</tz-badge>`,
    },
    { key: 'since', label: 'Member since', render: (m) => html`<span class="cell-muted">${formatDate(m.since)}</span>` },
    {
      key: 'actions', label: '', align: 'right',
      render: (m) => this.changeable(m)
        ? html`<div class="cell-actions">
            <tz-button size="sm" label=${`Change role of ${m.name}`} @click=${() => { this.problem = null; this.editing = { member: m, role: m.role } }}>Change role</tz-button>
            <tz-button size="sm" variant="ghost" label=${`Remove ${m.name}`} @click=${() => this.removeUser(m)}>Remove</tz-button>
          </div>` : nothing,
    },
  ]

  private invitationColumns: TableColumn<PendingInvitation>[] = [
    { key: 'name', label: 'Invited', render: (i) => html`<span class="cell-title">${i.name}</span><div class="cell-sub">${i.email}</div>` },
    { key: 'role', label: 'Role', render: (i) => roleLabel(i.role) },
    { key: 'invitedAt', label: 'Sent', render: (i) => formatDate(i.invitedAt) },
    { key: 'expiresAt', label: 'Expires', render: (i) => formatDate(i.expiresAt) },
    {
      key: 'actions', label: '', align: 'right',
      render: (i) => this.manage ? html`<tz-button size="sm" variant="ghost" label=${`Withdraw the invitation of ${i.email}`} @click=${() => this.withdraw(i)}>Withdraw</tz-button>` : nothing,
    },
  ]

  render() {
    return html`<tz-page-header heading="Users and roles" description="Who can sign in to this space, and what their role lets them do. Nobody can grant, change or remove a role at or above their own.">
        ${this.manage ? html`<tz-button slot="actions" variant="primary" @click=${() => this.openInvite()}><tz-icon name="plus" size="14"></tz-icon>Invite someone</tz-button>` : nothing}
      </tz-page-header>
      <tz-text-field class="search" label="Search users" type="search" placeholder="Name or e-mail" .value=${this.q}
        @input=${(e: Event) => this.onSearch((e.target as HTMLInputElement).value)}></tz-text-field>
      ${this.list.table({
        caption: 'Users', columns: this.columns, empty: { heading: this.q ? 'Nobody matches' : 'No users yet' },
        failed: { heading: 'Users could not be loaded', description: 'Try again in a moment.' },
      })}
      ${this.list.page?.invitations.length
        ? html`<div class="section"><h2>Waiting for an answer</h2>
            <tz-table caption="Pending invitations" .columns=${this.invitationColumns} .rows=${this.list.page.invitations}></tz-table></div>`
        : nothing}
      <tz-dialog .open=${this.inviting} heading="Invite someone" description="They get a login for this space with the role you choose."
        @tz-close=${(e: Event) => { e.stopPropagation(); this.inviting = false }}>
        <form novalidate @submit=${this.invite}>
          ${this.problem && this.inviting ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
          <tz-text-field label="Name" required autofocus .value=${this.form.name}
            @input=${(e: Event) => (this.form = { ...this.form, name: (e.target as HTMLInputElement).value })}></tz-text-field>
          <tz-text-field label="E-mail" type="email" required .value=${this.form.email}
            @input=${(e: Event) => (this.form = { ...this.form, email: (e.target as HTMLInputElement).value })}></tz-text-field>
          <tz-select label="Role" required .value=${this.form.role} .options=${this.offered.map((r) => ({ value: r, label: roleLabel(r) }))}
            @change=${(e: Event) => (this.form = { ...this.form, role: (e.target as HTMLSelectElement).value as TenantRole })}></tz-select>
        </form>
        <tz-button slot="footer" @click=${() => (this.inviting = false)}>Cancel</tz-button>
        <tz-button slot="footer" variant="primary" ?loading=${this.busy} @click=${() => this.invite()}>Send invitation</tz-button>
      </tz-dialog>
      <tz-dialog .open=${this.editing !== null} size="sm" heading=${this.editing ? `Change the role of ${this.editing.member.name}` : ''}
        description=${this.editing ? `${this.editing.member.name} is ${this.editing.member.role} now. What they may see and do here changes at once.` : ''}
        @tz-close=${(e: Event) => { e.stopPropagation(); this.editing = null }}>
        ${this.problem && this.editing ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
        ${this.editing
          ? html`<tz-select label="New role" .value=${this.editing.role}
              .options=${[...new Set([this.editing.member.role, ...this.offered])].map((r) => ({ value: r, label: roleLabel(r) }))}
              @change=${(e: Event) => (this.editing = { ...this.editing!, role: (e.target as HTMLSelectElement).value as TenantRole })}></tz-select>`
          : nothing}
        <tz-button slot="footer" @click=${() => (this.editing = null)}>Cancel</tz-button>
        <tz-button slot="footer" variant="primary" ?loading=${this.busy} @click=${() => this.setRole()}>Change role</tz-button>
      </tz-dialog>`
  }
}

customElements.define('tz-tenant-users', TzTenantUsers)
