/**
 * `<members-list>` (`/members`): people with search (name, e-mail, phone, organisation), a status filter,
 * pagination (`?q=&status=&page=` in the URL), "New person" and "Invite" per row. Live: refreshes on
 * `members.person.*` events.
 */
import { LitElement, html, nothing } from 'lit'
import { api, can, toast, navigate, realtime, screenStyles, valueOf, Subscriptions } from '@tessera/ui-kit'
import type { TableColumn, Tenant } from '@tessera/ui-kit'
import { STATUS_LABELS, STATUS_VARIANTS, STATUSES } from './person-labels.ts'
import { membersPermissions } from '../src/contract/members-permissions.ts'
import type { Person, PersonPage } from '../src/contract/index.ts'
import { invitePerson } from './invite.ts'
import { loginView } from './login-state.ts'
import './members-person-dialog.ts'

const LIMIT = 20

export class MembersList extends LitElement {
  static styles = [screenStyles]
  static properties = {
    tenant: { attribute: false },
    query: { attribute: false },
    page: { state: true },
    loading: { state: true },
    q: { state: true },
    status: { state: true },
    offset: { state: true },
    creating: { state: true },
    inviting: { state: true },
  }
  declare tenant: Tenant | null
  declare query: URLSearchParams
  declare page: PersonPage | null
  declare loading: boolean
  declare q: string
  declare status: string
  declare offset: number
  declare creating: boolean
  declare inviting: string
  private readonly subscriptions = new Subscriptions(this)
  private timer: ReturnType<typeof setTimeout> | undefined
  private started = false

  constructor() {
    super()
    this.tenant = null
    this.query = new URLSearchParams()
    this.page = null
    this.loading = true
    this.q = ''
    this.status = ''
    this.offset = 0
    this.creating = false
    this.inviting = ''
  }

  connectedCallback(): void {
    super.connectedCallback()
    const reload = () => {
      clearTimeout(this.timer)
      this.timer = setTimeout(() => void this.load(), 150)
    }
    this.subscriptions.stops = ['created', 'updated', 'status-changed', 'anonymised'].map((n) => realtime().subscribe(`members.person.${n}`, reload))
  }

  disconnectedCallback(): void {
    super.disconnectedCallback()
    clearTimeout(this.timer)
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (!this.started || changed.has('query')) {
      this.started = true
      this.q = this.query.get('q') ?? ''
      this.status = this.query.get('status') ?? ''
      this.offset = Math.max(0, (Number(this.query.get('page') ?? 1) - 1) * LIMIT) || 0
      void this.load()
    }
  }

  private syncUrl(): void {
    const url = new URL(location.href)
    for (const [k, v] of [['q', this.q], ['status', this.status], ['page', this.offset ? String(this.offset / LIMIT + 1) : '']]) {
      if (v) url.searchParams.set(k, v)
      else url.searchParams.delete(k)
    }
    history.replaceState(history.state, '', url)
  }

  private async load(): Promise<void> {
    this.loading = true
    try {
      this.page = await api<PersonPage>('/api/v1/members/people', {
        query: { q: this.q.trim() || undefined, status: this.status || undefined, limit: LIMIT, offset: this.offset },
      })
    } catch (error) {
      toast(error)
    } finally {
      this.loading = false
    }
  }

  private refilter(): void {
    this.offset = 0
    this.syncUrl()
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.load(), 250)
  }

  private async invite(p: Person): Promise<void> {
    this.inviting = p.id
    if (await invitePerson(p)) await this.load()
    this.inviting = ''
  }

  private columns: TableColumn<Person>[] = [
    { key: 'name', label: 'Name', render: (p) => html`<a class="cell-title" href=${`/members/${p.id}`}>${p.name}</a>
        ${p.phone ? html`<div class="cell-sub">${p.phone}</div>` : ''}` },
    { key: 'email', label: 'E-mail', render: (p) => p.email ?? '—' },
    { key: 'organisationName', label: 'Organisation', render: (p) => p.organisationName ?? '—' },
    { key: 'status', label: 'Status', render: (p) => html`<tz-badge variant=${STATUS_VARIANTS[p.status]} dot>${STATUS_LABELS[p.status]}</tz-badge>` },
    { key: 'login', label: 'Login', render: (p) => {
        const view = loginView(p, can(membersPermissions.write))
        if (view === 'anonymised') return html`<span class="cell-muted">Anonymised</span>`
        if (view === 'linked') return html`<tz-badge variant="accent">Invited</tz-badge>`
        if (view === 'pending') return html`<tz-badge variant="warning">Invitation pending</tz-badge>`
        if (view === 'none') return html`<span class="cell-muted">None</span>`
        return html`<tz-button size="sm" ?disabled=${view === 'no-email'} ?loading=${this.inviting === p.id} label=${`Invite ${p.name}`}
          @click=${() => this.invite(p)}>${view === 'invite' ? 'Invite' : 'No e-mail'}</tz-button>`
      } },
  ]

  render() {
    const writable = can(membersPermissions.write)
    const empty = !this.loading && this.page?.total === 0 && !this.q && !this.status
    return html`<tz-page-header heading="Members" description=${`People${this.tenant ? ` at ${this.tenant.name}` : ''}: contact details, status and logins`}>
        <tz-button slot="actions" href="/organisations">Organisations</tz-button>
        ${writable ? html`<tz-button slot="actions" variant="primary" @click=${() => (this.creating = true)}>New person</tz-button>` : nothing}
      </tz-page-header>
      ${empty
        ? html`<tz-empty-state icon="people" heading="No people yet" description="Add your members and contacts, then invite them so they can book.">
            ${writable ? html`<tz-button variant="primary" @click=${() => (this.creating = true)}>Add a person</tz-button>` : nothing}
          </tz-empty-state>`
        : html`<div class="row" style="margin-bottom: var(--tz-space-4); max-width: 640px">
              <tz-text-field label="Search" type="search" placeholder="Name, e-mail, phone or organisation" .value=${this.q}
                @input=${(e: Event) => { this.q = valueOf(e); this.refilter() }}></tz-text-field>
              <tz-select label="Status" .value=${this.status}
                .options=${[{ value: '', label: 'Any status' }, ...STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))]}
                @change=${(e: Event) => { this.status = valueOf(e); this.refilter() }}></tz-select>
            </div>
            <tz-table caption="People" .columns=${this.columns} .rows=${this.page?.items ?? []} ?loading=${this.loading && !this.page}
              empty-heading="No matching people" empty-description="Try another search or status." .total=${this.page?.total ?? 0}
              .limit=${LIMIT} .offset=${this.offset}
              @tz-page=${(e: CustomEvent<{ offset: number }>) => {
                this.offset = e.detail.offset
                this.syncUrl()
                void this.load()
              }}></tz-table>`}
      <members-person-dialog .open=${this.creating} @tz-close=${() => (this.creating = false)}
        @members-saved=${(e: CustomEvent<Person>) => {
          toast({ variant: 'success', message: `${e.detail.name} added.` })
          navigate(`/members/${e.detail.id}`)
        }}></members-person-dialog>`
  }
}

customElements.define('members-list', MembersList)
