/**
 * `<tz-side-nav>`: the left navigation: the brand, Home, one link per manifest nav item (sorted by `order`),
 * and for operators an "Operator" section. Links are real `<a href>`s (middle-click and copy-link work); the
 * router turns plain clicks into client-side navigation. The current page is marked `aria-current="page"`. A
 * "Settings" section links the tenant's users and roles, audit log and API tokens for those whose permissions allow
 * them; the operator section links tenants, health and the platform audit log.
 *
 * On a narrow screen (a phone) the menu is collapsed behind a "Menu" button (`aria-expanded`) so the page's content
 * comes first; it closes again once a link is followed.
 */
import { LitElement, css, html, nothing } from 'lit'
import { baseStyles } from '@tessera/ui-kit'
import type { NavItem } from './manifest.ts'
import { brandMark } from './brand-mark.ts'

export class TzSideNav extends LitElement {
  static styles = [
    baseStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        height: 100%;
        background: var(--tz-color-surface-subtle);
        border-right: 1px solid var(--tz-color-border);
      }
      .brand {
        display: flex;
        align-items: center;
        gap: 10px;
        height: 56px;
        padding: 0 var(--tz-space-4);
        font-weight: var(--tz-weight-semibold);
        font-size: 15px;
        letter-spacing: -0.01em;
        color: var(--tz-color-text);
        text-decoration: none;
        flex: none;
      }
      nav {
        flex: 1;
        overflow-y: auto;
        padding: var(--tz-space-2) var(--tz-space-3) var(--tz-space-4);
      }
      h2 {
        margin: var(--tz-space-5) 0 var(--tz-space-1);
        padding: 0 var(--tz-space-2);
        font-size: var(--tz-text-xs);
        font-weight: var(--tz-weight-medium);
        color: var(--tz-color-text-subtle);
        text-transform: uppercase;
        letter-spacing: 0.05em;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: 1px;
      }
      a.item {
        display: flex;
        align-items: center;
        gap: 10px;
        height: 32px;
        padding: 0 var(--tz-space-2);
        border-radius: var(--tz-radius-sm);
        color: var(--tz-color-text-muted);
        text-decoration: none;
        font-weight: var(--tz-weight-medium);
        font-size: var(--tz-text-md);
      }
      a.item:hover {
        background: var(--tz-color-surface-hover);
        color: var(--tz-color-text);
      }
      a.item[aria-current='page'] {
        background: var(--tz-color-surface);
        color: var(--tz-color-text);
        box-shadow:
          var(--tz-shadow-xs),
          0 0 0 1px var(--tz-color-border);
      }
      a.item[aria-current='page'] tz-icon {
        color: var(--tz-color-accent);
      }
      .top {
        display: flex;
        align-items: center;
        justify-content: space-between;
        flex: none;
      }
      .menu-toggle {
        display: none;
        align-items: center;
        gap: var(--tz-space-2);
        margin-right: var(--tz-space-3);
        padding: 6px var(--tz-space-3);
        border: 1px solid var(--tz-color-border);
        border-radius: var(--tz-radius-sm);
        background: var(--tz-color-surface);
        color: var(--tz-color-text);
        font: inherit;
        font-weight: var(--tz-weight-medium);
        cursor: pointer;
      }
      .menu-toggle:focus-visible {
        outline: 2px solid var(--tz-color-focus);
        outline-offset: 2px;
      }
      @media (max-width: 820px) {
        :host {
          border-right: none;
          border-bottom: 1px solid var(--tz-color-border);
        }
        .menu-toggle {
          display: inline-flex;
        }
        nav:not(.open) {
          display: none;
        }
      }
      .muted {
        padding: var(--tz-space-1) var(--tz-space-2);
        font-size: var(--tz-text-sm);
        color: var(--tz-color-text-subtle);
      }
    `,
  ]
  static properties = {
    items: { attribute: false },
    operator: { type: Boolean },
    tokens: { type: Boolean },
    path: { type: String },
    tenantName: { type: String, attribute: 'tenant-name' },
    permissions: { attribute: false },
    open: { state: true },
  }

  declare items: NavItem[]
  declare operator: boolean
  /** Show the tenant's "API tokens" link (owners and admins). */
  declare tokens: boolean
  declare path: string
  declare tenantName: string
  /** The caller's permissions in this tenant (the settings links they may open). */
  declare permissions: string[]
  /** Whether the collapsed (phone) menu is shown. */
  declare open: boolean

  constructor() {
    super()
    this.items = []
    this.operator = false
    this.tokens = false
    this.path = '/'
    this.tenantName = ''
    this.permissions = []
    this.open = false
  }

  protected willUpdate(changed: Map<PropertyKey, unknown>): void {
    // following a link closes the phone menu
    if (changed.has('path') && changed.get('path') !== undefined) this.open = false
  }

  private isCurrent(href: string): boolean {
    if (href === '/') return this.path === '/'
    return this.path === href || this.path.startsWith(`${href}/`)
  }

  private link(href: string, label: string, icon: string) {
    return html`<li>
      <a class="item" href=${href} aria-current=${this.isCurrent(href) ? 'page' : nothing}
        ><tz-icon name=${icon}></tz-icon>${label}</a
      >
    </li>`
  }

  /** The nav item whose path best matches the current path gets `aria-current` (longest prefix wins). */
  private bestMatch(): string | null {
    let best: string | null = null
    for (const item of this.items) {
      if (this.isCurrent(item.path) && (!best || item.path.length > best.length)) best = item.path
    }
    return best
  }

  render() {
    const best = this.bestMatch()
    const can = (p: string) => this.permissions.includes(p)
    const settings = [
      can('tessera.users.read') ? this.link('/settings/users', 'Users and roles', 'users') : nothing,
      can('tessera.audit.read') ? this.link('/settings/audit', 'Audit log', 'list') : nothing,
      this.tokens ? this.link('/settings/tokens', 'API tokens', 'key') : nothing,
    ].filter((l) => l !== nothing)
    return html`<div class="top">
        <a class="brand" href="/">${brandMark(24)} Tessera</a>
        <button class="menu-toggle" type="button" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="main-nav" @click=${() => (this.open = !this.open)}>
          <tz-icon name=${this.open ? 'x' : 'menu'} size="16"></tz-icon>Menu
        </button>
      </div>
      <nav id="main-nav" class=${this.open ? 'open' : ''} aria-label="Main">
        <ul>
          ${this.link('/', 'Home', 'home')}
        </ul>
        ${this.tenantName ? html`<h2>${this.tenantName}</h2>` : nothing}
        ${this.items.length
          ? html`<ul>
              ${this.items.map(
                (item) => html`<li>
                  <a class="item" href=${item.path} aria-current=${item.path === best ? 'page' : nothing}
                    ><tz-icon name=${item.icon ?? 'dot'}></tz-icon>${item.label}</a
                  >
                </li>`,
              )}
            </ul>`
          : this.tenantName
            ? html`<p class="muted">No plugins enabled yet.</p>`
            : nothing}
        ${settings.length ? html`<h2>Settings</h2><ul>${settings}</ul>` : nothing}
        ${this.operator
          ? html`<h2>Operator</h2>
              <ul>
                ${this.link('/operator/tenants', 'Tenants', 'building')}
                ${this.link('/operator/health', 'Health', 'activity')}
                ${this.link('/operator/audit', 'Audit log', 'list')}
              </ul>`
          : nothing}
      </nav>`
  }
}

customElements.define('tz-side-nav', TzSideNav)
