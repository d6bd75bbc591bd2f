/**
 * `<members-organisations>` (`/organisations`): organisations with search, people count and pagination; create,
 * edit and delete (the API refuses with 409 while people belong to one — shown as it words it).
 */
import { LitElement, html, nothing } from 'lit'
import { api, can, confirmAction, toast, ProblemError, realtime, screenStyles, splitProblem, valueOf, Subscriptions } from '@tessera/ui-kit'
import type { Problem, TableColumn, Tenant } from '@tessera/ui-kit'
import { membersPermissions } from '../src/contract/members-permissions.ts'
import type { Organisation, OrganisationPage } from '../src/contract/index.ts'

const LIMIT = 20
const FIELDS = ['name', 'email', 'phone', 'notes'] as const

export class MembersOrganisations extends LitElement {
  static styles = [screenStyles]
  static properties = {
    tenant: { attribute: false },
    page: { state: true },
    loading: { state: true },
    q: { state: true },
    offset: { state: true },
    editing: { state: true },
    draft: { state: true },
    busy: { state: true },
    problem: { state: true },
    fieldErrors: { state: true },
  }
  declare tenant: Tenant | null
  declare page: OrganisationPage | null
  declare loading: boolean
  declare q: string
  declare offset: number
  /** The organisation being edited, `'new'` while creating, null when the dialog is closed. */
  declare editing: Organisation | 'new' | null
  declare draft: { name: string; email: string; phone: string; notes: string }
  declare busy: boolean
  declare problem: Problem | null
  declare fieldErrors: Record<string, string>
  private readonly subscriptions = new Subscriptions(this)
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor() {
    super()
    this.tenant = null
    this.page = null
    this.loading = true
    this.q = ''
    this.offset = 0
    this.editing = null
    this.draft = { name: '', email: '', phone: '', notes: '' }
    this.busy = false
    this.problem = null
    this.fieldErrors = {}
  }

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
    this.subscriptions.stops = ['created', 'updated', 'deleted'].map((n) => realtime().subscribe(`members.organisation.${n}`, () => void this.load()))
  }


  private async load(): Promise<void> {
    this.loading = true
    try {
      this.page = await api<OrganisationPage>('/api/v1/members/organisations', { query: { q: this.q.trim() || undefined, limit: LIMIT, offset: this.offset } })
    } catch (error) {
      toast(error)
    } finally {
      this.loading = false
    }
  }

  private edit(o: Organisation | 'new'): void {
    this.editing = o
    const src = o === 'new' ? null : o
    this.draft = { name: src?.name ?? '', email: src?.email ?? '', phone: src?.phone ?? '', notes: src?.notes ?? '' }
    this.problem = null
    this.fieldErrors = {}
  }

  private async save(): Promise<void> {
    if (this.busy || !this.editing) return
    if (!this.draft.name.trim()) {
      this.fieldErrors = { name: 'Enter a name.' }
      return
    }
    const body = { name: this.draft.name.trim(), email: this.draft.email.trim() || null, phone: this.draft.phone.trim() || null, notes: this.draft.notes.trim() || null }
    this.busy = true
    this.problem = null
    try {
      const saved = this.editing === 'new'
        ? await api<Organisation>('/api/v1/members/organisations', { method: 'POST', body })
        : await api<Organisation>(`/api/v1/members/organisations/${this.editing.id}`, { method: 'PATCH', body })
      toast({ variant: 'success', message: `${saved.name} saved.` })
      this.editing = null
      await this.load()
    } catch (error) {
      const { problem, fieldErrors } = splitProblem(error, FIELDS)
      if (error instanceof ProblemError && error.status === 409 && !Object.keys(fieldErrors).length) fieldErrors.name = error.problem.detail ?? error.problem.title
      this.fieldErrors = fieldErrors
      this.problem = Object.keys(fieldErrors).length && !problem.errors?.length ? null : problem
    } finally {
      this.busy = false
    }
  }

  private async deleteOrganisation(o: Organisation): Promise<void> {
    // the app's own confirmation, not the browser's
    if (!(await confirmAction({ heading: `Delete ${o.name}?`, message: 'This cannot be undone. An organisation that still has people cannot be deleted: move them first.', confirmLabel: 'Delete organisation', danger: true }))) return
    try {
      await api(`/api/v1/members/organisations/${o.id}`, { method: 'DELETE' })
      toast({ variant: 'success', message: `${o.name} deleted.` })
      await this.load()
    } catch (error) {
      toast(error)
    }
  }

  private columns: TableColumn<Organisation>[] = [
    { key: 'name', label: 'Organisation', render: (o) => html`<a class="cell-title" href=${`/members?q=${encodeURIComponent(o.name)}`}>${o.name}</a>` },
    { key: 'email', label: 'E-mail', render: (o) => o.email ?? '—' },
    { key: 'phone', label: 'Phone', render: (o) => o.phone ?? '—' },
    { key: 'peopleCount', label: 'People', align: 'right', render: (o) => String(o.peopleCount ?? '—') },
    { key: 'actions', label: 'Actions', align: 'right', render: (o) => can(membersPermissions.write)
        ? html`<div class="cell-actions">
            <tz-button size="sm" variant="ghost" label=${`Edit ${o.name}`} @click=${() => this.edit(o)}>Edit</tz-button>
            <tz-button size="sm" variant="ghost" label=${`Delete ${o.name}`} @click=${() => this.deleteOrganisation(o)}>Delete</tz-button></div>`
        : '' },
  ]

  render() {
    const writable = can(membersPermissions.write)
    const d = this.draft
    const e = this.fieldErrors
    const set = (key: keyof MembersOrganisations['draft']) => (ev: Event) => {
      this.draft = { ...this.draft, [key]: valueOf(ev) }
      this.fieldErrors = { ...this.fieldErrors, [key]: '' }
    }
    return html`<tz-page-header heading="Organisations" description="Companies and teams your members belong to">
        <a slot="breadcrumbs" href="/members">Members</a>
        ${writable ? html`<tz-button slot="actions" variant="primary" @click=${() => this.edit('new')}>New organisation</tz-button>` : nothing}
      </tz-page-header>
      <div class="row" style="margin-bottom: var(--tz-space-4); max-width: 420px">
        <tz-text-field label="Search organisations" type="search" .value=${this.q} @input=${(ev: Event) => {
          this.q = valueOf(ev)
          this.offset = 0
          clearTimeout(this.timer)
          this.timer = setTimeout(() => void this.load(), 250)
        }}></tz-text-field>
      </div>
      <tz-table caption="Organisations" .columns=${this.columns} .rows=${this.page?.items ?? []} ?loading=${this.loading && !this.page}
        empty-heading=${this.q ? 'No matching organisations' : 'No organisations yet'} .total=${this.page?.total ?? 0} .limit=${LIMIT} .offset=${this.offset}
        @tz-page=${(ev: CustomEvent<{ offset: number }>) => { this.offset = ev.detail.offset; void this.load() }}></tz-table>
      <tz-dialog .open=${!!this.editing} heading=${this.editing === 'new' ? 'New organisation' : `Edit ${this.editing?.name ?? ''}`}
        @tz-close=${() => (this.editing = null)}>
        <form novalidate @submit=${(ev: Event) => { ev.preventDefault(); void this.save() }}>
          ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
          <tz-text-field label="Name" required autofocus .value=${d.name} .error=${e.name ?? ''} @input=${set('name')}></tz-text-field>
          <tz-text-field label="E-mail" type="email" .value=${d.email} .error=${e.email ?? ''} @input=${set('email')}></tz-text-field>
          <tz-text-field label="Phone" type="tel" .value=${d.phone} .error=${e.phone ?? ''} @input=${set('phone')}></tz-text-field>
          <tz-text-field label="Notes" multiline .value=${d.notes} .error=${e.notes ?? ''} @input=${set('notes')}></tz-text-field>
        </form>
        <tz-button slot="footer" @click=${() => (this.editing = null)}>Cancel</tz-button>
        <tz-button slot="footer" variant="primary" ?loading=${this.busy} @click=${() => this.save()}>${this.editing === 'new' ? 'Create organisation' : 'Save changes'}</tz-button>
      </tz-dialog>`
  }
}

customElements.define('members-organisations', MembersOrganisations)
