/**
 * `<tz-home>`: the landing page after sign-in. When the enabled plugins contribute dashboard widgets it is the
 * dashboard of today (`tz-dashboard`) with the user's screens as shortcuts below; otherwise a greeting and a card per
 * screen (the manifest's nav items). With no plugins enabled it says so, and points operators at the plugin screen
 * for this tenant.
 */
import { LitElement, css, html, nothing } from 'lit'
import { baseStyles } from '@tessera/ui-kit'
import { dashboardWidgets, emptyManifest } from './manifest.ts'
import type { NavItem, UiManifest } from './manifest.ts'
import type { Session } from './session.ts'
import { currentTenant } from './session.ts'
import { pageStyles } from './page-styles.ts'
import './tz-dashboard.ts'

export class TzHome extends LitElement {
  static styles = [
    baseStyles,
    pageStyles,
    css`
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
        gap: var(--tz-space-4);
      }
      a.card {
        display: flex;
        flex-direction: column;
        gap: var(--tz-space-3);
        padding: var(--tz-space-5);
        background: var(--tz-color-surface);
        border: 1px solid var(--tz-color-border);
        border-radius: var(--tz-radius-lg);
        box-shadow: var(--tz-shadow-xs);
        color: var(--tz-color-text);
        text-decoration: none;
        transition:
          border-color var(--tz-duration),
          box-shadow var(--tz-duration);
      }
      a.card:hover {
        border-color: var(--tz-color-accent-border);
        box-shadow: var(--tz-shadow-sm);
      }
      .icon {
        display: grid;
        place-items: center;
        width: 36px;
        height: 36px;
        border-radius: var(--tz-radius-md);
        background: var(--tz-color-accent-subtle);
        color: var(--tz-color-accent);
      }
      .label {
        font-weight: var(--tz-weight-semibold);
      }
      h2 {
        font-size: var(--tz-text-md);
        margin: var(--tz-space-8) 0 var(--tz-space-3);
      }
      .shortcuts {
        grid-template-columns: repeat(auto-fill, minmax(180px, 1fr));
        gap: var(--tz-space-3);
      }
      .shortcuts a.card {
        flex-direction: row;
        align-items: center;
        padding: var(--tz-space-3) var(--tz-space-4);
      }
      .panel {
        background: var(--tz-color-surface);
        border: 1px solid var(--tz-color-border);
        border-radius: var(--tz-radius-lg);
      }
    `,
  ]
  static properties = { session: { attribute: false }, items: { attribute: false }, manifest: { attribute: false } }

  declare session: Session | null
  declare items: NavItem[]
  declare manifest: UiManifest

  constructor() {
    super()
    this.session = null
    this.items = []
    this.manifest = emptyManifest
  }

  private cards(shortcuts: boolean) {
    return html`<div class=${shortcuts ? 'grid shortcuts' : 'grid'}>
      ${this.items.map(
        (item) => html`<a class="card" href=${item.path}>
          <span class="icon"><tz-icon name=${item.icon ?? 'grid'} size="18"></tz-icon></span>
          <span class="label">${item.label}</span>
        </a>`,
      )}
    </div>`
  }

  render() {
    const session = this.session
    if (!session) return nothing
    const tenant = currentTenant(session)
    if (tenant && dashboardWidgets(this.manifest).length) {
      return html`<tz-dashboard .session=${session} .manifest=${this.manifest}></tz-dashboard>
        ${this.items.length ? html`<h2>Your screens</h2>${this.cards(true)}` : nothing}`
    }
    const first = session.user.name.split(/\s+/)[0] || session.user.email
    const description = tenant
      ? `You are working in ${tenant.name}.`
      : session.user.isOperator
        ? 'You are not a member of any tenant. Use the Operator section to manage tenants and plugins.'
        : 'You are not a member of any tenant yet.'
    return html`<tz-page-header heading=${`Welcome, ${first}`} description=${description}></tz-page-header>
      ${!tenant
        ? session.user.isOperator
          ? html`<div class="panel">
              <tz-empty-state icon="building" heading="Manage tenants" description="Create tenants and choose which plugins each one runs.">
                <tz-button variant="primary" href="/operator/tenants">Open tenants</tz-button>
              </tz-empty-state>
            </div>`
          : nothing
        : this.items.length
          ? this.cards(false)
          : html`<div class="panel">
              <tz-empty-state
                icon="plug"
                heading="No plugins enabled"
                description=${session.user.isOperator
                  ? `${tenant.name} has no plugins enabled yet. Enable plugins to add bookings, members, billing and more.`
                  : `${tenant.name} has no screens available to you yet. Ask an administrator to enable plugins.`}
              >
                ${session.user.isOperator
                  ? html`<tz-button variant="primary" href=${`/operator/tenants/${encodeURIComponent(tenant.id)}`}
                      >Enable plugins</tz-button
                    >`
                  : nothing}
              </tz-empty-state>
            </div>`}`
  }
}

customElements.define('tz-home', TzHome)
