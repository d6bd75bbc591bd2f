/**
 * `<members-person-dialog>`: create or edit a person — name, e-mail, phone, organisation, notes. API validation
 * errors appear under their fields (a duplicate e-mail's 409 under "E-mail"). Fires `members-saved` with the person.
 */
import { LitElement, html, nothing } from 'lit'
import { api, ProblemError, screenStyles, splitProblem, valueOf } from '@tessera/ui-kit'
import type { Problem } from '@tessera/ui-kit'
import type { OrganisationPage, Person } from '../src/contract/index.ts'

const FIELDS = ['name', 'email', 'phone', 'organisationId', 'notes'] as const

export class MembersPersonDialog extends LitElement {
  static styles = [screenStyles]
  static properties = {
    open: { type: Boolean },
    person: { attribute: false },
    draft: { state: true },
    organisations: { state: true },
    busy: { state: true },
    problem: { state: true },
    fieldErrors: { state: true },
  }
  declare open: boolean
  declare person: Person | null
  declare draft: { name: string; email: string; phone: string; organisationId: string; notes: string }
  declare organisations: OrganisationPage['items']
  declare busy: boolean
  declare problem: Problem | null
  declare fieldErrors: Record<string, string>

  constructor() {
    super()
    this.open = false
    this.person = null
    this.draft = { name: '', email: '', phone: '', organisationId: '', notes: '' }
    this.organisations = []
    this.busy = false
    this.problem = null
    this.fieldErrors = {}
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('open') && this.open) {
      const p = this.person
      this.draft = { name: p?.name ?? '', email: p?.email ?? '', phone: p?.phone ?? '', organisationId: p?.organisationId ?? '', notes: p?.notes ?? '' }
      this.problem = null
      this.fieldErrors = {}
      void api<OrganisationPage>('/api/v1/members/organisations', { query: { limit: 200 } }).then((o) => (this.organisations = o.items), () => {})
    }
  }

  private set(key: keyof MembersPersonDialog['draft'], value: string): void {
    this.draft = { ...this.draft, [key]: value }
    this.fieldErrors = { ...this.fieldErrors, [key]: '' }
  }

  private async submit(event?: Event): Promise<void> {
    event?.preventDefault()
    if (this.busy) return
    const d = this.draft
    const errors: Record<string, string> = {}
    if (!d.name.trim()) errors.name = 'Enter a name.'
    if (d.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(d.email.trim())) errors.email = 'Enter an e-mail address like name@example.com.'
    this.fieldErrors = errors
    if (Object.keys(errors).length) return
    const body = {
      name: d.name.trim(), email: d.email.trim() || null, phone: d.phone.trim() || null,
      organisationId: d.organisationId || null, notes: d.notes.trim() || null,
    }
    this.busy = true
    this.problem = null
    try {
      const saved = this.person
        ? await api<Person>(`/api/v1/members/people/${this.person.id}`, { method: 'PATCH', body })
        : await api<Person>('/api/v1/members/people', { method: 'POST', body })
      this.dispatchEvent(new CustomEvent('members-saved', { detail: saved, bubbles: true, composed: true }))
      this.close()
    } catch (error) {
      const { problem, fieldErrors } = splitProblem(error, FIELDS)
      if (error instanceof ProblemError && error.status === 409 && !Object.keys(fieldErrors).length && /e-?mail/i.test(error.problem.detail ?? error.problem.title)) {
        fieldErrors.email = 'Another person already has this e-mail address.'
      }
      this.fieldErrors = fieldErrors
      this.problem = Object.keys(fieldErrors).length && !problem.errors?.length ? null : problem
    } finally {
      this.busy = false
    }
  }

  private close(): void {
    this.open = false
    this.dispatchEvent(new CustomEvent('tz-close', { bubbles: true, composed: true }))
  }

  render() {
    const d = this.draft
    const e = this.fieldErrors
    return html`<tz-dialog
      .open=${this.open}
      heading=${this.person ? `Edit ${this.person.name}` : 'New person'}
      description=${this.person ? '' : 'Add a member or contact. Invite them afterwards to give them a login.'}
      @tz-close=${(ev: Event) => {
        ev.stopPropagation()
        if (this.open) this.close()
      }}
    >
      <form novalidate @submit=${this.submit}>
        ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
        <tz-text-field label="Name" required autofocus .value=${d.name} .error=${e.name ?? ''} @input=${(ev: Event) => this.set('name', valueOf(ev))}></tz-text-field>
        <tz-text-field label="E-mail" type="email" autocomplete="off" .value=${d.email} .error=${e.email ?? ''}
          help="Needed to invite them." @input=${(ev: Event) => this.set('email', valueOf(ev))}></tz-text-field>
        <tz-text-field label="Phone" type="tel" .value=${d.phone} .error=${e.phone ?? ''} @input=${(ev: Event) => this.set('phone', valueOf(ev))}></tz-text-field>
        <tz-select label="Organisation" .value=${d.organisationId} .error=${e.organisationId ?? ''}
          .options=${[{ value: '', label: 'None' }, ...this.organisations.map((o) => ({ value: o.id, label: o.name }))]}
          @change=${(ev: Event) => this.set('organisationId', valueOf(ev))}></tz-select>
        <tz-text-field label="Notes" multiline .value=${d.notes} .error=${e.notes ?? ''} @input=${(ev: Event) => this.set('notes', valueOf(ev))}></tz-text-field>
      </form>
      <tz-button slot="footer" @click=${this.close}>Cancel</tz-button>
      <tz-button slot="footer" variant="primary" ?loading=${this.busy} @click=${() => this.submit()}>${this.person ? 'Save changes' : 'Create person'}</tz-button>
    </tz-dialog>`
  }
}

customElements.define('members-person-dialog', MembersPersonDialog)
