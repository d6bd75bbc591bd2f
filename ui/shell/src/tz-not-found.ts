/**
 * `<tz-not-found>`: what a path with no screen shows. For operators it checks the installed plugins: when the
 * first path segment names an installed plugin this tenant has not enabled, it says so and links to that
 * tenant's plugin screen. Everyone else gets a page that names both likely causes (no such page, or a plugin
 * not enabled / not allowed for their role) and a way home.
 */
import { LitElement, css, html, nothing } from 'lit'
import { baseStyles } from '@tessera/ui-kit'
import type { PropertyValues } from 'lit'
import { installedPluginsCached } from './operator/admin-api.ts'
import type { InstalledPlugin } from './operator/admin-api.ts'

export class TzNotFound extends LitElement {
  static styles = [
    baseStyles,
    css`
      :host {
        display: block;
        padding-top: var(--tz-space-10);
      }
      code {
        font-family: var(--tz-font-mono);
        font-size: 0.92em;
      }
    `,
  ]
  static properties = {
    path: { type: String },
    segment: { type: String },
    operator: { type: Boolean },
    tenantId: { type: String, attribute: 'tenant-id' },
    tenantName: { type: String, attribute: 'tenant-name' },
    plugin: { state: true },
  }

  declare path: string
  declare segment: string
  declare operator: boolean
  declare tenantId: string
  declare tenantName: string
  declare plugin: InstalledPlugin | null

  constructor() {
    super()
    this.path = ''
    this.segment = ''
    this.operator = false
    this.tenantId = ''
    this.tenantName = ''
    this.plugin = null
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('segment') || changed.has('operator')) && this.operator && this.segment) {
      const segment = this.segment
      this.plugin = null
      installedPluginsCached()
        .then((plugins) => {
          if (this.segment === segment) this.plugin = plugins.find((p) => p.id === segment) ?? null
        })
        .catch(() => undefined)
    }
  }

  render() {
    if (this.plugin) {
      const where = this.tenantName ? `for ${this.tenantName}` : 'for this tenant'
      return html`<tz-empty-state
        icon="plug"
        heading=${`${this.plugin.name} is not enabled ${where}`}
        description="This page belongs to a plugin that is installed but not enabled for the current tenant. Enable it to use its screens."
      >
        ${this.tenantId
          ? html`<tz-button variant="primary" href=${`/operator/tenants/${encodeURIComponent(this.tenantId)}`}
              >Manage plugins</tz-button
            >`
          : nothing}
        <tz-button href="/">Go home</tz-button>
      </tz-empty-state>`
    }
    return html`<tz-empty-state
      icon="compass"
      heading="Page not found"
      description="Nothing lives at this address for you. The page may not exist, or the plugin that provides it is not enabled for this tenant or not available to your role. Ask an administrator if you expected to see something here."
    >
      <tz-button variant="primary" href="/">Go home</tz-button>
    </tz-empty-state>`
  }
}

customElements.define('tz-not-found', TzNotFound)
