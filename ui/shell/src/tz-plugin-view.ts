/**
 * `<tz-plugin-view>`: shows one plugin route. It imports the plugin's module on demand, creates the route's
 * custom element once, and hands it the context every plugin screen receives (see the shell README):
 * `session`, `tenant`, `path`, `params`, `query`. While the module loads it shows a spinner; if the module
 * fails to load it says which plugin failed and offers "Try again".
 */
import { LitElement, css, html } from 'lit'
import type { PropertyValues } from 'lit'
import { baseStyles } from '@tessera/ui-kit'
import { loadPluginModule } from './plugin-loader.ts'
import type { ManifestPlugin, PluginRoute } from './manifest.ts'
import type { Session } from './session.ts'
import { currentTenant } from './session.ts'

/** The properties the shell sets on every plugin route element. */
export interface PluginElementContext {
  session: Session
  tenant: Session['tenants'][number] | null
  path: string
  params: Record<string, string>
  query: URLSearchParams
}

export class TzPluginView extends LitElement {
  static styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .loading {
        display: flex;
        align-items: center;
        gap: var(--tz-space-2);
        color: var(--tz-color-text-subtle);
        padding: var(--tz-space-10) 0;
        justify-content: center;
      }
      pre {
        font-family: var(--tz-font-mono);
        font-size: var(--tz-text-sm);
        white-space: pre-wrap;
        margin: var(--tz-space-2) 0 0;
      }
    `,
  ]
  static properties = {
    plugin: { attribute: false },
    route: { attribute: false },
    params: { attribute: false },
    session: { attribute: false },
    path: { type: String },
    search: { type: String },
    status: { state: true },
    failure: { state: true },
  }

  declare plugin: ManifestPlugin | null
  declare route: PluginRoute | null
  declare params: Record<string, string>
  declare session: Session | null
  declare path: string
  declare search: string
  declare status: 'loading' | 'ready' | 'failed'
  declare failure: string

  private element: HTMLElement | null = null
  private elementKey = ''

  constructor() {
    super()
    this.plugin = null
    this.route = null
    this.params = {}
    this.session = null
    this.path = '/'
    this.search = ''
    this.status = 'loading'
    this.failure = ''
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    const key = this.plugin && this.route ? `${this.plugin.module}#${this.route.tag}` : ''
    if (key !== this.elementKey) {
      this.elementKey = key
      this.element = null
      if (key) void this.load()
    } else if (this.element && (changed.has('path') || changed.has('search') || changed.has('params') || changed.has('session'))) {
      this.applyContext(this.element)
    }
  }

  private async load(): Promise<void> {
    const plugin = this.plugin
    const route = this.route
    if (!plugin || !route) return
    const key = this.elementKey
    this.status = 'loading'
    try {
      await loadPluginModule(plugin.module, route.tag)
      if (key !== this.elementKey) return
      const element = document.createElement(route.tag)
      element.dataset.plugin = plugin.id
      this.applyContext(element)
      this.element = element
      this.status = 'ready'
    } catch (error) {
      if (key !== this.elementKey) return
      this.failure = (error as Error).message
      this.status = 'failed'
    }
  }

  private applyContext(element: HTMLElement): void {
    if (!this.session) return
    const context: PluginElementContext = {
      session: this.session,
      tenant: currentTenant(this.session),
      path: this.path,
      params: this.params,
      query: new URLSearchParams(this.search),
    }
    Object.assign(element, context)
  }

  render() {
    if (this.status === 'failed') {
      return html`<tz-empty-state
        icon="alert-triangle"
        heading=${`The ${this.plugin?.id ?? ''} screen could not be loaded`}
        description="The plugin's interface did not load. It may have been upgraded a moment ago, or the server may be unavailable."
      >
        <tz-button variant="primary" @click=${() => void this.load()}>Try again</tz-button>
      </tz-empty-state>
      <details>
        <summary>Technical details</summary>
        <pre>${this.failure}</pre>
      </details>`
    }
    if (this.status === 'loading' || !this.element) {
      return html`<div class="loading"><tz-spinner></tz-spinner> Loading ${this.plugin?.id ?? ''}…</div>`
    }
    return html`${this.element}`
  }
}

customElements.define('tz-plugin-view', TzPluginView)
