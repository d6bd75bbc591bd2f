/**
 * `<tz-widget-frame>`: one dashboard widget — the card with its title, and inside it the plugin's widget element,
 * created once its module has loaded (`loadPluginModule`, shared with plugin screens). The element gets the attribute
 * `location-id` (the dashboard's location, empty without one) and the properties `session` and `tenant`, set again
 * whenever they change. A module that fails to load shows which plugin failed and "Try again"; other widgets carry on.
 */
import { LitElement, css, html } from 'lit'
import type { PropertyValues } from 'lit'
import { baseStyles } from '@tessera/ui-kit'
import { loadPluginModule } from './plugin-loader.ts'
import type { DashboardWidget } from './manifest.ts'
import type { Session } from './session.ts'
import { currentTenant } from './session.ts'

export class TzWidgetFrame extends LitElement {
  static styles = [
    baseStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-width: 0;
        background: var(--tz-color-surface);
        border: 1px solid var(--tz-color-border);
        border-radius: var(--tz-radius-lg);
        box-shadow: var(--tz-shadow-xs);
        padding: var(--tz-space-4) var(--tz-space-5) var(--tz-space-5);
      }
      section {
        display: flex;
        flex-direction: column;
        height: 100%;
      }
      h2 {
        margin: 0 0 var(--tz-space-3);
        font-size: var(--tz-text-md);
        font-weight: var(--tz-weight-semibold);
      }
      .body {
        flex: 1;
        min-width: 0;
      }
      .state {
        display: flex;
        align-items: center;
        gap: var(--tz-space-2);
        color: var(--tz-color-text-muted);
        font-size: var(--tz-text-sm);
      }
    `,
  ]
  static properties = {
    widget: { attribute: false },
    pluginId: { attribute: 'plugin-id' },
    module: { type: String },
    locationId: { attribute: 'location-id' },
    session: { attribute: false },
    status: { state: true },
  }

  declare widget: DashboardWidget | null
  declare pluginId: string
  declare module: string
  declare locationId: string
  declare session: Session | null
  declare status: 'loading' | 'ready' | 'failed'

  private element: HTMLElement | null = null
  private elementKey = ''

  constructor() {
    super()
    this.widget = null
    this.pluginId = ''
    this.module = ''
    this.locationId = ''
    this.session = null
    this.status = 'loading'
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    const key = this.widget ? `${this.module}#${this.widget.element}` : ''
    if (key !== this.elementKey) {
      this.elementKey = key
      this.element = null
      if (key) void this.load()
    } else if (this.element && (changed.has('locationId') || changed.has('session'))) {
      this.applyContext(this.element)
    }
  }

  private async load(): Promise<void> {
    const widget = this.widget
    if (!widget) return
    const key = this.elementKey
    this.status = 'loading'
    try {
      await loadPluginModule(this.module, widget.element)
      if (key !== this.elementKey) return
      const element = document.createElement(widget.element)
      element.dataset.plugin = this.pluginId
      this.applyContext(element)
      this.element = element
      this.status = 'ready'
    } catch {
      if (key === this.elementKey) this.status = 'failed'
    }
  }

  private applyContext(element: HTMLElement): void {
    element.setAttribute('location-id', this.locationId)
    if (this.session) Object.assign(element, { session: this.session, tenant: currentTenant(this.session) })
  }

  render() {
    const title = this.widget?.title ?? ''
    const body =
      this.status === 'failed'
        ? html`<div class="state" role="alert">
            ${title ? `“${title}”` : 'This widget'} could not be loaded.
            <tz-button size="sm" @click=${() => void this.load()}>Try again</tz-button>
          </div>`
        : this.status === 'loading' || !this.element
          ? html`<div class="state"><tz-spinner size="16"></tz-spinner> Loading…</div>`
          : this.element
    return html`<section aria-label=${title}><h2>${title}</h2><div class="body">${body}</div></section>`
  }
}

customElements.define('tz-widget-frame', TzWidgetFrame)
