/**
 * `<tz-empty-state>`: what a screen shows when there is nothing to show yet (no rows, no plugins, no access),
 * with an icon, a heading, a sentence that says what to do, and room for an action.
 *
 * Properties: `heading`, `description`, `icon` (a kit icon name, default `inbox`). Slot: actions.
 */
import { LitElement, css, html, nothing } from 'lit'
import { baseStyles } from './base-styles.ts'
import './tz-icon.ts'

export class TzEmptyState extends LitElement {
  static styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .empty {
        display: flex;
        flex-direction: column;
        align-items: center;
        text-align: center;
        padding: var(--tz-space-12) var(--tz-space-6);
      }
      .icon {
        display: grid;
        place-items: center;
        width: 44px;
        height: 44px;
        border-radius: var(--tz-radius-md);
        background: var(--tz-color-surface);
        border: 1px solid var(--tz-color-border);
        box-shadow: var(--tz-shadow-xs);
        color: var(--tz-color-text-muted);
        margin-bottom: var(--tz-space-4);
      }
      h2 {
        margin: 0;
        font-size: var(--tz-text-lg);
        font-weight: var(--tz-weight-semibold);
      }
      p {
        margin: var(--tz-space-1) 0 0;
        color: var(--tz-color-text-muted);
        max-width: 46ch;
      }
      .actions {
        display: flex;
        gap: var(--tz-space-2);
      }
      .actions ::slotted(*) {
        margin-top: var(--tz-space-5);
      }
    `,
  ]
  static properties = { heading: { type: String }, description: { type: String }, icon: { type: String } }

  declare heading: string
  declare description: string
  declare icon: string

  constructor() {
    super()
    this.heading = ''
    this.description = ''
    this.icon = 'inbox'
  }

  render() {
    return html`<div class="empty">
      <div class="icon"><tz-icon name=${this.icon} size="20"></tz-icon></div>
      <h2>${this.heading}</h2>
      ${this.description ? html`<p>${this.description}</p>` : nothing}
      <div class="actions"><slot></slot></div>
    </div>`
  }
}

customElements.define('tz-empty-state', TzEmptyState)

declare global {
  interface HTMLElementTagNameMap {
    'tz-empty-state': TzEmptyState
  }
}
