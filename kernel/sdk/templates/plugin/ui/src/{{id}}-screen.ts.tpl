/**
 * `<{{id}}-notes>` (`/{{id}}`): the tenant's notes, newest first, 20 a page; staff with `{{id}}.manage` write and
 * delete notes. An empty tenant sees an empty state; the list refreshes live on `{{id}}.note.created`. This file is the
 * UI bundle's entry (`ui.entry` in `src/index.ts`): the shell loads it when the route is first opened, with `lit` and
 * `@tessera/ui-kit` from its import map.
 */
import { LitElement, html, nothing } from 'lit'
import { api, can, realtime, screenStyles, splitProblem, Subscriptions, toast, valueOf } from '@tessera/ui-kit'
import type { Problem, TableColumn } from '@tessera/ui-kit'
import { {{camel}}Permissions } from '../../src/contract/{{id}}-permissions.ts'
import type { Note, NotePage } from '../../src/contract/index.ts'

const LIMIT = 20

export class {{Pascal}}Notes extends LitElement {
  static styles = [screenStyles]
  static properties = {
    page: { state: true },
    offset: { state: true },
    draft: { state: true },
    busy: { state: true },
    problem: { state: true },
    fieldErrors: { state: true },
  }
  declare page: NotePage | null
  declare offset: number
  declare draft: string
  declare busy: boolean
  declare problem: Problem | null
  declare fieldErrors: Record<string, string>
  private readonly live = new Subscriptions(this)

  constructor() {
    super()
    this.page = null
    this.offset = 0
    this.draft = ''
    this.busy = false
    this.problem = null
    this.fieldErrors = {}
  }

  connectedCallback(): void {
    super.connectedCallback()
    void this.load()
    this.live.stops = [realtime().subscribe('{{id}}.note.created', () => void this.load())]
  }

  private async load(): Promise<void> {
    try {
      this.page = await api<NotePage>('/api/v1/{{id}}/notes', { query: { limit: LIMIT, offset: this.offset } })
    } catch (error) {
      toast(error)
    }
  }

  private async add(): Promise<void> {
    this.busy = true
    try {
      await api('/api/v1/{{id}}/notes', { method: 'POST', body: { title: this.draft } })
      this.draft = ''
      this.problem = null
      this.fieldErrors = {}
      this.offset = 0
      await this.load()
    } catch (error) {
      ;({ problem: this.problem, fieldErrors: this.fieldErrors } = splitProblem(error, ['title']))
    } finally {
      this.busy = false
    }
  }

  private async deleteNote(note: Note): Promise<void> {
    try {
      await api(`/api/v1/{{id}}/notes/${note.id}`, { method: 'DELETE' })
      toast({ variant: 'success', message: `Deleted “${note.title}”.` })
      await this.load()
    } catch (error) {
      toast(error)
    }
  }

  private columns: TableColumn<Note>[] = [
    { key: 'title', label: 'Note', render: (n) => html`<span class="cell-title">${n.title}</span>${n.body ? html`<div class="cell-sub">${n.body}</div>` : nothing}` },
    { key: 'createdAt', label: 'Written', render: (n) => html`<span class="cell-muted">${new Date(n.createdAt).toLocaleString()}</span>` },
    { key: 'actions', label: 'Actions', align: 'right', render: (n) => can({{camel}}Permissions.manage)
      ? html`<div class="cell-actions"><tz-button size="sm" variant="ghost" label=${`Delete ${n.title}`} @click=${() => this.deleteNote(n)}>Delete</tz-button></div>`
      : nothing },
  ]

  render() {
    const empty = this.page?.total === 0
    return html`<tz-page-header heading="{{title}}" description="Notes of this space, newest first."></tz-page-header>
      ${can({{camel}}Permissions.manage) ? html`<form novalidate @submit=${(e: Event) => { e.preventDefault(); void this.add() }}>
          ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
          <tz-text-field label="New note" name="title" maxlength="200" required .value=${this.draft} .error=${this.fieldErrors.title ?? ''}
            @input=${(e: Event) => (this.draft = valueOf(e))}></tz-text-field>
          <div class="actions"><tz-button type="submit" variant="primary" ?loading=${this.busy}>Add note</tz-button></div>
        </form>` : nothing}
      <div class="section">
        ${empty
          ? html`<tz-empty-state icon="inbox" heading="No notes yet" description="Notes you add appear here, newest first."></tz-empty-state>`
          : html`<tz-table caption="Notes" .columns=${this.columns} .rows=${this.page?.items ?? []} .rowKey=${(n: Note) => n.id}
              ?loading=${this.page === null} .total=${this.page?.total ?? 0} .limit=${LIMIT} .offset=${this.offset}
              @tz-page=${(e: CustomEvent<{ offset: number }>) => { this.offset = e.detail.offset; void this.load() }}></tz-table>`}
      </div>`
  }
}

customElements.define('{{id}}-notes', {{Pascal}}Notes)
