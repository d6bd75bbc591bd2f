/**
 * `<members-detail>` (`/members/:id`): one person's profile — contact details, organisation, status, login, then the
 * history sections the enabled plugins contribute (`members-profile-sections`) — with Edit
 * (`members-person-dialog`), Change status (with a reason, audited by the API), Invite, marketing consent (shown with
 * when and by whom; writers grant or withdraw it), and the GDPR export for admins.
 */
import { LitElement, html, nothing } from 'lit'
import { api, can, toast, realtime, ProblemError, screenStyles, valueOf, Subscriptions, formatDate } from '@tessera/ui-kit'
import type { Problem, RealtimeEvent, Tenant } from '@tessera/ui-kit'
import { CONSENT_SOURCE_LABELS, LOGIN_LABELS, STATUS_LABELS, STATUS_VARIANTS, STATUSES } from './person-labels.ts'
import { membersPermissions } from '../src/contract/members-permissions.ts'
import type { Person, PersonStatus } from '../src/contract/index.ts'
import { invitePerson } from './invite.ts'
import { loginView } from './login-state.ts'
import './members-person-dialog.ts'
import './members-profile-sections.ts'

export class MembersDetail extends LitElement {
  static styles = [screenStyles]
  static properties = {
    tenant: { attribute: false },
    params: { attribute: false },
    person: { state: true },
    problem: { state: true },
    editing: { state: true },
    statusOpen: { state: true },
    nextStatus: { state: true },
    reason: { state: true },
    statusProblem: { state: true },
    busy: { state: true },
  }
  declare tenant: Tenant | null
  declare params: Record<string, string>
  declare person: Person | null
  declare problem: Problem | null
  declare editing: boolean
  declare statusOpen: boolean
  declare nextStatus: PersonStatus
  declare reason: string
  declare statusProblem: Problem | null
  declare busy: boolean
  private readonly subscriptions = new Subscriptions(this)
  private loadedId = ''

  constructor() {
    super()
    this.tenant = null
    this.params = {}
    this.person = null
    this.problem = null
    this.editing = false
    this.statusOpen = false
    this.nextStatus = 'active'
    this.reason = ''
    this.statusProblem = null
    this.busy = false
  }

  connectedCallback(): void {
    super.connectedCallback()
    const onEvent = (e: RealtimeEvent<{ id: string }>) => {
      if (e.data?.id === this.params.id) void this.load()
    }
    this.subscriptions.stops = ['updated', 'status-changed', 'consent-changed', 'anonymised'].map((n) => realtime().subscribe(`members.person.${n}`, onEvent))
  }


  protected willUpdate(): void {
    if (this.params.id && this.params.id !== this.loadedId) {
      this.loadedId = this.params.id
      this.person = null
      void this.load()
    }
  }

  private async load(): Promise<void> {
    try {
      this.person = await api<Person>(`/api/v1/members/people/${this.params.id}`)
      this.problem = null
    } catch (error) {
      if (error instanceof ProblemError) this.problem = error.problem
      else toast(error)
    }
  }

  private async changeStatus(): Promise<void> {
    const p = this.person
    if (!p || this.busy) return
    this.busy = true
    this.statusProblem = null
    try {
      const body: Record<string, string> = { status: this.nextStatus }
      if (this.reason.trim()) body.reason = this.reason.trim()
      this.person = await api<Person>(`/api/v1/members/people/${p.id}/status`, { method: 'POST', body })
      toast({ variant: 'success', message: `${p.name} is now ${STATUS_LABELS[this.nextStatus].toLowerCase()}.` })
      this.statusOpen = false
    } catch (error) {
      if (error instanceof ProblemError) this.statusProblem = error.problem
      else toast(error)
    } finally {
      this.busy = false
    }
  }

  private async setConsent(granted: boolean): Promise<void> {
    const p = this.person
    if (!p) return
    try {
      this.person = await api<Person>(`/api/v1/members/people/${p.id}/consent`, { method: 'PUT', body: { granted } })
    } catch (error) {
      toast(error)
    }
  }

  private async exportData(): Promise<void> {
    const p = this.person
    if (!p) return
    try {
      const data = await api<unknown>(`/api/v1/members/people/${p.id}/export`)
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }))
      const a = document.createElement('a')
      a.href = url
      a.download = `person-${p.id}.json`
      a.click()
      setTimeout(() => URL.revokeObjectURL(url), 1000)
    } catch (error) {
      toast(error)
    }
  }

  render() {
    if (this.problem) {
      return html`<tz-page-header heading="Person"><a slot="breadcrumbs" href="/members">Members</a></tz-page-header>
        <tz-alert variant="danger" .problem=${this.problem}></tz-alert>`
    }
    const p = this.person
    if (!p) return html`<tz-spinner label="Loading person"></tz-spinner>`
    const writable = can(membersPermissions.write) && !p.anonymised
    return html`<tz-page-header heading=${p.name} description=${p.organisationName ?? 'No organisation'}>
        <a slot="breadcrumbs" href="/members">Members</a>
        ${can(membersPermissions.gdpr)
          ? html`<tz-button slot="actions" variant="ghost" @click=${() => this.exportData()}>Export data</tz-button>` : nothing}
        ${writable && loginView(p, writable) === 'pending'
          ? html`<tz-badge slot="actions" variant="warning">Invitation pending</tz-badge>`
          : writable && loginView(p, writable) === 'invite'
            ? html`<tz-button slot="actions" @click=${async () => { const u = await invitePerson(p); if (u) this.person = u }}>Invite</tz-button>` : nothing}
        ${writable ? html`<tz-button slot="actions" @click=${() => { this.nextStatus = p.status === 'active' ? 'suspended' : 'active'; this.reason = ''; this.statusProblem = null; this.statusOpen = true }}>Change status</tz-button>` : nothing}
        ${writable ? html`<tz-button slot="actions" variant="primary" @click=${() => (this.editing = true)}>Edit</tz-button>` : nothing}
      </tz-page-header>
      ${p.anonymised ? html`<tz-alert variant="warning" heading="Anonymised">This person's personal data was erased; the record cannot be changed.</tz-alert>` : nothing}
      <div class="section">
        <dl class="facts">
          <dt>Status</dt><dd><tz-badge variant=${STATUS_VARIANTS[p.status]} dot>${STATUS_LABELS[p.status]}</tz-badge></dd>
          <dt>E-mail</dt><dd>${p.email ? html`<a href=${`mailto:${p.email}`}>${p.email}</a>` : '—'}</dd>
          <dt>Phone</dt><dd>${p.phone ?? '—'}</dd>
          <dt>Organisation</dt><dd>${p.organisationName ?? '—'}</dd>
          <dt>Login</dt><dd>${LOGIN_LABELS[p.login]}</dd>
          <dt>Marketing</dt><dd>${p.marketingConsent.granted ? 'Consented' : 'No consent'}${p.marketingConsent.at
            ? ` (${CONSENT_SOURCE_LABELS[p.marketingConsent.source ?? 'staff']}, ${formatDate(p.marketingConsent.at)})` : ''}
            ${writable ? html` <tz-button size="sm" variant="secondary" @click=${() => this.setConsent(!p.marketingConsent.granted)}>${p.marketingConsent.granted ? 'Withdraw consent' : 'Record consent'}</tz-button>` : nothing}</dd>
          <dt>Notes</dt><dd style="white-space: pre-wrap">${p.notes || '—'}</dd>
          <dt>Added</dt><dd>${formatDate(p.createdAt)}</dd>
        </dl>
      </div>
      <members-profile-sections person-id=${p.id}></members-profile-sections>
      <members-person-dialog .open=${this.editing} .person=${p} @tz-close=${() => (this.editing = false)}
        @members-saved=${(e: CustomEvent<Person>) => {
          this.person = e.detail
          toast({ variant: 'success', message: `${e.detail.name} saved.` })
        }}></members-person-dialog>
      <tz-dialog size="sm" .open=${this.statusOpen} heading="Change status" description=${`${p.name} is ${STATUS_LABELS[p.status].toLowerCase()}.`}
        @tz-close=${() => (this.statusOpen = false)}>
        ${this.statusProblem ? html`<tz-alert variant="danger" .problem=${this.statusProblem}></tz-alert>` : nothing}
        <form novalidate @submit=${(e: Event) => { e.preventDefault(); void this.changeStatus() }}>
          <tz-select label="New status" .value=${this.nextStatus}
            .options=${STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s], disabled: s === p.status }))}
            help="Suspended and departed people cannot book." @change=${(e: Event) => (this.nextStatus = valueOf(e) as PersonStatus)}></tz-select>
          <tz-text-field label="Reason" maxlength="500" help="Kept in the audit log." .value=${this.reason} @input=${(e: Event) => (this.reason = valueOf(e))}></tz-text-field>
        </form>
        <tz-button slot="footer" @click=${() => (this.statusOpen = false)}>Cancel</tz-button>
        <tz-button slot="footer" variant="primary" ?loading=${this.busy} ?disabled=${this.nextStatus === p.status} @click=${() => this.changeStatus()}>Change status</tz-button>
      </tz-dialog>`
  }
}

customElements.define('members-detail', MembersDetail)
