/**
 * `<tz-top-bar>`: the bar above every screen: the tenant switcher (a labelled select, shown when the user
 * belongs to more than one tenant; otherwise the tenant's name), the search box (`search/tz-search.ts`, when a tenant
 * is selected), the signed-in user, and Sign out.
 * Events: `tz-switch-tenant` (`detail.tenantId`), `tz-sign-out`.
 */
import { LitElement, css, html, nothing } from 'lit'
import { baseStyles } from '@tessera/ui-kit'
import type { Session } from './session.ts'
import { currentTenant } from './session.ts'
import './search/tz-search.ts'

export class TzTopBar extends LitElement {
  static styles = [
    baseStyles,
    css`
      :host {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: var(--tz-space-4);
        height: 56px;
        padding: 0 var(--tz-space-6);
        background: var(--tz-color-surface);
        border-bottom: 1px solid var(--tz-color-border);
      }
      .tenant {
        display: flex;
        align-items: center;
        gap: var(--tz-space-2);
        min-width: 0;
      }
      .tenant label,
      .tenant .caption {
        font-size: var(--tz-text-sm);
        color: var(--tz-color-text-subtle);
      }
      .select-wrap {
        position: relative;
      }
      select {
        appearance: none;
        font: inherit;
        font-weight: var(--tz-weight-medium);
        color: var(--tz-color-text);
        background: var(--tz-color-surface);
        border: 1px solid var(--tz-color-border-strong);
        border-radius: var(--tz-radius-sm);
        height: 32px;
        padding: 0 30px 0 10px;
        max-width: 280px;
        cursor: pointer;
        box-shadow: var(--tz-shadow-xs);
      }
      select:hover {
        background: var(--tz-color-surface-hover);
      }
      select:focus-visible {
        outline: none;
        border-color: var(--tz-color-focus);
        box-shadow: var(--tz-focus-ring);
      }
      .select-wrap::after {
        content: '';
        position: absolute;
        right: 12px;
        top: 50%;
        width: 6px;
        height: 6px;
        border-right: 1.5px solid var(--tz-color-text-muted);
        border-bottom: 1.5px solid var(--tz-color-text-muted);
        transform: translateY(-70%) rotate(45deg);
        pointer-events: none;
      }
      .name {
        font-weight: var(--tz-weight-medium);
      }
      .user {
        display: flex;
        align-items: center;
        gap: var(--tz-space-3);
      }
      .avatar {
        display: grid;
        place-items: center;
        width: 30px;
        height: 30px;
        border-radius: 50%;
        background: var(--tz-color-accent-subtle);
        color: var(--tz-color-accent-text);
        font-size: var(--tz-text-xs);
        font-weight: var(--tz-weight-semibold);
        flex: none;
      }
      .who {
        display: flex;
        flex-direction: column;
        line-height: 1.2;
        text-align: right;
      }
      .who span:first-child {
        font-weight: var(--tz-weight-medium);
      }
      .who span:last-child {
        font-size: var(--tz-text-xs);
        color: var(--tz-color-text-subtle);
      }
      @media (max-width: 720px) {
        .who {
          display: none;
        }
      }
    `,
  ]
  static properties = { session: { attribute: false }, switching: { type: Boolean } }

  declare session: Session | null
  declare switching: boolean

  constructor() {
    super()
    this.session = null
    this.switching = false
  }

  private initials(name: string): string {
    const parts = name.trim().split(/\s+/)
    return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase() || '?'
  }

  private onTenantChange(event: Event): void {
    const tenantId = (event.target as HTMLSelectElement).value
    this.dispatchEvent(new CustomEvent('tz-switch-tenant', { detail: { tenantId }, bubbles: true, composed: true }))
  }

  private renderTenant() {
    const session = this.session
    if (!session) return nothing
    const tenant = currentTenant(session)
    if (session.tenants.length > 1) {
      return html`<label for="tenant">Tenant</label>
        <div class="select-wrap">
          <select id="tenant" ?disabled=${this.switching} @change=${this.onTenantChange}>
            ${tenant ? nothing : html`<option value="" selected disabled>Choose a tenant…</option>`}
            ${session.tenants.map(
              (t) => html`<option value=${t.id} ?selected=${t.id === session.tenantId}>${t.name}</option>`,
            )}
          </select>
        </div>
        ${this.switching ? html`<tz-spinner label="Switching tenant"></tz-spinner>` : nothing}
        ${tenant ? html`<tz-badge>${tenant.role}</tz-badge>` : nothing}`
    }
    if (tenant) {
      return html`<span class="caption">Tenant</span><span class="name">${tenant.name}</span>
        <tz-badge>${tenant.role}</tz-badge>`
    }
    return html`<span class="caption">No tenant selected</span>`
  }

  render() {
    const user = this.session?.user
    return html`<div class="tenant">${this.renderTenant()}</div>
      ${this.session?.tenantId ? html`<tz-search></tz-search>` : nothing}
      ${user
        ? html`<div class="user">
            <div class="who">
              <span>${user.name}</span><span>${user.email}${user.isOperator ? ' · Operator' : ''}</span>
            </div>
            <span class="avatar" aria-hidden="true">${this.initials(user.name || user.email)}</span>
            <tz-button
              variant="ghost"
              size="sm"
              @click=${() => this.dispatchEvent(new CustomEvent('tz-sign-out', { bubbles: true, composed: true }))}
              ><tz-icon name="log-out" size="14"></tz-icon>Sign out</tz-button
            >
          </div>`
        : nothing}`
  }
}

customElements.define('tz-top-bar', TzTopBar)
