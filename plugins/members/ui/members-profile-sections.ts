/**
 * `<members-profile-sections person-id>`: the history part of a person's profile — every section the enabled plugins
 * contribute through `ui.profileSections` (the UI manifest, filtered by permission and enablement like dashboard
 * widgets: members' own notes and activity, billing's memberships/invoices/open charges/credits, bookings, door
 * credentials, Wi-Fi, printing), sorted by `order`, each in a card titled by the section and named by its plugin. A
 * section's module is imported on demand (the same URL the shell uses, so it is loaded once) and its element gets the
 * attribute `person-id`; a module that fails to load says so in its card and the others carry on.
 */
import { LitElement, css, html } from 'lit'
import { api, baseStyles, realtime } from '@tessera/ui-kit'

interface Section { id: string; title: string; element: string; size?: 's' | 'm' | 'l'; order?: number }
interface ManifestPlugin { id: string; name?: string; module: string; profileSections?: Section[] }
interface PlacedSection extends Section { pluginId: string; pluginName: string; module: string }

const loads = new Map<string, Promise<unknown>>()
async function defineFrom(module: string, tag: string): Promise<void> {
  if (customElements.get(tag)) return
  let load = loads.get(module)
  if (!load) loads.set(module, (load = import(/* @vite-ignore */ module)))
  try {
    await load
  } catch (error) {
    loads.delete(module)
    throw error
  }
  await customElements.whenDefined(tag)
}

export class MembersProfileSections extends LitElement {
  static styles = [baseStyles, css`
    :host { display: block; margin-top: var(--tz-space-8); }
    .grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: var(--tz-space-4); }
    @media (max-width: 900px) { .grid { grid-template-columns: minmax(0, 1fr); } }
    section { grid-column: span 2; min-width: 0; background: var(--tz-color-surface); border: 1px solid var(--tz-color-border);
      border-radius: var(--tz-radius-lg); padding: var(--tz-space-4) var(--tz-space-5) var(--tz-space-5); }
    section.s, section.m { grid-column: span 1; }
    @media (max-width: 900px) { section, section.s, section.m { grid-column: span 1; } }
    header { display: flex; align-items: baseline; justify-content: space-between; gap: var(--tz-space-3); margin-bottom: var(--tz-space-3); }
    h2 { margin: 0; font-size: var(--tz-text-md); font-weight: var(--tz-weight-semibold); }
    .plugin, .state { color: var(--tz-color-text-muted); font-size: var(--tz-text-sm); }
  `]
  static properties = { personId: { attribute: 'person-id' }, sections: { state: true }, failed: { state: true } }
  declare personId: string
  declare sections: PlacedSection[] | null
  declare failed: Set<string>
  private readonly elements = new Map<string, HTMLElement>()

  constructor() {
    super()
    this.personId = ''
    this.sections = null
    this.failed = new Set()
  }

  private stopWatch: (() => void) | undefined

  connectedCallback(): void {
    super.connectedCallback()
    void this.loadManifest()
    // a plugin turned off (or on) for the tenant takes its section with it without a reload, as the shell's nav does
    this.stopWatch = realtime().subscribe('tessera.plugins.changed', () => void this.loadManifest())
  }

  disconnectedCallback(): void {
    super.disconnectedCallback()
    this.stopWatch?.()
    this.stopWatch = undefined
  }

  private async loadManifest(): Promise<void> {
    const manifest = await api<{ plugins: ManifestPlugin[] }>('/api/v1/ui/manifest')
    this.sections = manifest.plugins
      .flatMap((p) => (p.profileSections ?? []).map((s) => ({ ...s, pluginId: p.id, pluginName: p.name ?? p.id, module: p.module })))
      .sort((a, b) => (a.order ?? 1e9) - (b.order ?? 1e9) || a.title.localeCompare(b.title))
    const keep = new Set(this.sections.map((s) => `${s.pluginId}/${s.id}`))
    for (const key of [...this.elements.keys()]) if (!keep.has(key)) this.elements.delete(key)
    for (const s of this.sections) if (!this.elements.has(`${s.pluginId}/${s.id}`)) void this.mount(s)
  }

  private async mount(s: PlacedSection): Promise<void> {
    const key = `${s.pluginId}/${s.id}`
    try {
      await defineFrom(s.module, s.element)
      const el = document.createElement(s.element)
      el.dataset.plugin = s.pluginId
      el.setAttribute('person-id', this.personId)
      this.elements.set(key, el)
    } catch {
      this.failed = new Set([...this.failed, key])
    }
    this.requestUpdate()
  }

  protected updated(changed: Map<string, unknown>): void {
    if (changed.has('personId')) for (const el of this.elements.values()) el.setAttribute('person-id', this.personId)
  }

  render() {
    if (!this.sections) return html`<tz-spinner label="Loading the profile"></tz-spinner>`
    return html`<div class="grid">${this.sections.map((s) => {
      const key = `${s.pluginId}/${s.id}`
      const body = this.failed.has(key) ? html`<p class="state" role="alert">This section could not be loaded.</p>` : this.elements.get(key) ?? html`<tz-spinner label=${`Loading ${s.title}`}></tz-spinner>`
      return html`<section class=${s.size ?? 'l'} data-section=${key} aria-label=${s.title}><header><h2>${s.title}</h2><span class="plugin">${s.pluginName}</span></header>${body}</section>`
    })}</div>`
  }
}

customElements.define('members-profile-sections', MembersProfileSections)
