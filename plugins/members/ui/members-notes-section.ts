/**
 * `<members-notes-section person-id>`: the profile's notes — newest first, ten at a time ("Show more"), each with its
 * author and date; writers add one (Ctrl/Cmd+Enter or the button) and delete one. Contributed as members' own
 * profile section (`ui.profileSections`).
 */
import { LitElement, html, nothing } from 'lit'
import { api, can, formatDateTime, toast, valueOf, widgetStyles } from '@tessera/ui-kit'
import { membersPermissions } from '../src/contract/members-permissions.ts'
import type { PersonNote } from '../src/contract/note-schemas.ts'

const PAGE = 10

export class MembersNotesSection extends LitElement {
  static styles = [widgetStyles]
  static properties = { personId: { attribute: 'person-id' }, notes: { state: true }, total: { state: true }, draft: { state: true }, busy: { state: true } }
  declare personId: string
  declare notes: PersonNote[] | null
  declare total: number
  declare draft: string
  declare busy: boolean

  constructor() {
    super()
    this.personId = ''
    this.notes = null
    this.total = 0
    this.draft = ''
    this.busy = false
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('personId') && this.personId) void this.load(0)
  }

  private async load(offset: number): Promise<void> {
    try {
      const page = await api<{ items: PersonNote[]; total: number }>(`/api/v1/members/people/${this.personId}/notes?limit=${PAGE}&offset=${offset}`)
      this.notes = offset ? [...(this.notes ?? []), ...page.items] : page.items
      this.total = page.total
    } catch (error) {
      toast(error)
    }
  }

  private async add(): Promise<void> {
    if (!this.draft.trim() || this.busy) return
    this.busy = true
    try {
      await api(`/api/v1/members/people/${this.personId}/notes`, { method: 'POST', body: { body: this.draft } })
      this.draft = ''
      await this.load(0)
    } catch (error) {
      toast(error)
    } finally {
      this.busy = false
    }
  }

  private async deleteNote(note: PersonNote): Promise<void> {
    try {
      await api(`/api/v1/members/people/${this.personId}/notes/${note.id}`, { method: 'DELETE' })
      await this.load(0)
    } catch (error) {
      toast(error)
    }
  }

  render() {
    if (!this.notes) return html`<tz-spinner label="Loading notes"></tz-spinner>`
    const writable = can(membersPermissions.write)
    return html`
      ${writable ? html`<form @submit=${(e: Event) => { e.preventDefault(); void this.add() }}>
        <tz-text-field label="New note" maxlength="4000" .value=${this.draft} @input=${(e: Event) => (this.draft = valueOf(e))}
          @keydown=${(e: KeyboardEvent) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void this.add() }}></tz-text-field>
        <tz-button size="sm" variant="primary" ?loading=${this.busy} ?disabled=${!this.draft.trim()} @click=${() => this.add()}>Add note</tz-button>
      </form>` : nothing}
      ${this.notes.length === 0 ? html`<p class="quiet">No notes yet.</p>` : html`<ul class="items">${this.notes.map((n) => html`<li>
        <div class="item-main"><div style="white-space: pre-wrap">${n.body}</div>
          <div class="item-sub">${n.authorLabel ?? 'Someone'} · ${formatDateTime(n.createdAt)}</div></div>
        ${writable ? html`<div class="item-side"><tz-button size="sm" variant="ghost" @click=${() => this.deleteNote(n)}>Delete</tz-button></div>` : nothing}
      </li>`)}</ul>`}
      ${this.notes.length < this.total ? html`<tz-button size="sm" variant="ghost" @click=${() => this.load(this.notes!.length)}>Show more</tz-button>` : nothing}`
  }
}

customElements.define('members-notes-section', MembersNotesSection)
