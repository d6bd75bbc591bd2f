/**
 * `<visitors-register-dialog>`: pre-register a visitor — name, company, e-mail, the day and time they are expected,
 * and (front desk only, `staff`) the host, picked from the tenant's users (`GET /visitors/hosts`, searchable). A member
 * registers their own guest: no host field. API errors appear under their fields. Fires `visitors-registered` with the
 * visitor.
 */
import { LitElement, html, nothing } from 'lit'
import { api, screenStyles, splitProblem, valueOf } from '@tessera/ui-kit'
import type { Problem } from '@tessera/ui-kit'
import type { Host, RegisterVisitor, Visitor } from '../src/contract/index.ts'

const FIELDS = ['name', 'company', 'email', 'expectedAt', 'hostUserId'] as const
const pad = (n: number) => String(n).padStart(2, '0')
const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`

interface Draft { name: string; company: string; email: string; day: string; time: string; hostUserId: string; hostQuery: string }

export class VisitorsRegisterDialog extends LitElement {
  static styles = [screenStyles]
  static properties = {
    open: { type: Boolean },
    staff: { type: Boolean },
    userId: { attribute: false },
    draft: { state: true },
    hosts: { state: true },
    busy: { state: true },
    problem: { state: true },
    fieldErrors: { state: true },
  }
  declare open: boolean
  declare staff: boolean
  declare userId: string
  declare draft: Draft
  declare hosts: Host[]
  declare busy: boolean
  declare problem: Problem | null
  declare fieldErrors: Record<string, string>
  private searchTimer: ReturnType<typeof setTimeout> | undefined

  constructor() {
    super()
    this.open = false
    this.staff = false
    this.userId = ''
    this.draft = this.blank()
    this.hosts = []
    this.busy = false
    this.problem = null
    this.fieldErrors = {}
  }

  private blank(): Draft {
    // a quarter of an hour ahead, but today: near midnight that would be tomorrow's list, not the one the desk looks at
    const soon = new Date(Date.now() + 15 * 60_000)
    const lastMinute = new Date()
    lastMinute.setHours(23, 59, 0, 0)
    if (soon > lastMinute) soon.setTime(Math.max(lastMinute.getTime(), Date.now()))
    return { name: '', company: '', email: '', day: localDay(soon), time: `${pad(soon.getHours())}:${pad(soon.getMinutes())}`, hostUserId: this.userId, hostQuery: '' }
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('open') && this.open) {
      this.draft = this.blank()
      this.problem = null
      this.fieldErrors = {}
      if (this.staff) void this.searchHosts('')
    }
  }

  private async searchHosts(q: string): Promise<void> {
    try {
      this.hosts = (await api<{ items: Host[] }>('/api/v1/visitors/visitors/hosts', { query: { q, limit: 50 } })).items
      if (this.hosts.length && !this.hosts.some((h) => h.id === this.draft.hostUserId)) this.draft = { ...this.draft, hostUserId: this.hosts[0].id }
    } catch {
      this.hosts = []
    }
  }

  private set(key: keyof Draft, value: string): void {
    this.draft = { ...this.draft, [key]: value }
    this.fieldErrors = { ...this.fieldErrors, [key === 'day' || key === 'time' ? 'expectedAt' : key]: '' }
    if (key === 'hostQuery') {
      clearTimeout(this.searchTimer)
      this.searchTimer = setTimeout(() => void this.searchHosts(value.trim()), 200)
    }
  }

  private async submit(event?: Event): Promise<void> {
    event?.preventDefault()
    if (this.busy) return
    const d = this.draft
    const errors: Record<string, string> = {}
    if (!d.name.trim()) errors.name = 'Enter the visitor\'s name.'
    if (d.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(d.email.trim())) errors.email = 'Enter an e-mail address like name@example.com.'
    const expected = new Date(`${d.day}T${d.time}`)
    if (!d.day || !d.time || Number.isNaN(expected.getTime())) errors.expectedAt = 'Enter the day and time the visitor is expected.'
    if (this.staff && !d.hostUserId) errors.hostUserId = 'Pick the host.'
    this.fieldErrors = errors
    if (Object.keys(errors).length) return
    const body: RegisterVisitor = {
      name: d.name.trim(), company: d.company.trim() || null, email: d.email.trim() || null, expectedAt: expected.toISOString(),
      ...(this.staff ? { hostUserId: d.hostUserId } : {}),
    }
    this.busy = true
    this.problem = null
    try {
      const saved = await api<Visitor>('/api/v1/visitors/visitors', { method: 'POST', body })
      this.dispatchEvent(new CustomEvent('visitors-registered', { detail: saved, bubbles: true, composed: true }))
      this.close()
    } catch (error) {
      const { problem, fieldErrors } = splitProblem(error, FIELDS)
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
    return html`<tz-dialog .open=${this.open} heading=${this.staff ? 'Register a visitor' : 'Register a guest'}
      description=${this.staff ? 'Pre-register a visitor for a host. The host is told when they arrive.' : 'You are the host: you will be told when your guest arrives.'}
      @tz-close=${(ev: Event) => { ev.stopPropagation(); if (this.open) this.close() }}>
      <form novalidate @submit=${this.submit}>
        ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
        <tz-text-field label="Visitor's name" required autofocus maxlength="120" .value=${d.name} .error=${e.name ?? ''} @input=${(ev: Event) => this.set('name', valueOf(ev))}></tz-text-field>
        <div class="row">
          <tz-text-field label="Company" maxlength="120" .value=${d.company} .error=${e.company ?? ''} @input=${(ev: Event) => this.set('company', valueOf(ev))}></tz-text-field>
          <tz-text-field label="E-mail" type="email" maxlength="254" autocomplete="off" .value=${d.email} .error=${e.email ?? ''} @input=${(ev: Event) => this.set('email', valueOf(ev))}></tz-text-field>
        </div>
        <div class="row">
          <tz-text-field label="Expected on" type="date" required .value=${d.day} .error=${e.expectedAt ?? ''} @input=${(ev: Event) => this.set('day', valueOf(ev))}></tz-text-field>
          <tz-text-field label="At" type="time" required .value=${d.time} @input=${(ev: Event) => this.set('time', valueOf(ev))}></tz-text-field>
        </div>
        ${this.staff ? html`<div class="row">
          <tz-text-field label="Find host" type="search" placeholder="Name or e-mail" .value=${d.hostQuery} @input=${(ev: Event) => this.set('hostQuery', valueOf(ev))}></tz-text-field>
          <tz-select label="Host" required .value=${d.hostUserId} .error=${e.hostUserId ?? ''}
            .options=${this.hosts.map((h) => ({ value: h.id, label: `${h.name} (${h.email})` }))}
            placeholder=${this.hosts.length ? '' : 'No user matches'}
            @change=${(ev: Event) => this.set('hostUserId', valueOf(ev))}></tz-select>
        </div>` : nothing}
      </form>
      <tz-button slot="footer" @click=${this.close}>Cancel</tz-button>
      <tz-button slot="footer" variant="primary" ?loading=${this.busy} @click=${() => this.submit()}>Register</tz-button>
    </tz-dialog>`
  }
}

customElements.define('visitors-register-dialog', VisitorsRegisterDialog)
