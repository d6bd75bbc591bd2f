/**
 * `<tz-badge>`: a small status label (e.g. a plugin's `enabled` / `failed` state, a role).
 *
 * Properties: `variant` (neutral | accent | success | warning | danger, default neutral), `dot` (a leading
 * status dot). Text goes in the default slot.
 */
import { LitElement, css, html, nothing } from 'lit'
import { baseStyles } from './base-styles.ts'
import { toneStyles } from './tone-styles.ts'

export class TzBadge extends LitElement {
  static styles = [
    baseStyles,
    css`
      :host {
        display: inline-flex;
        vertical-align: middle;
      }
      .badge {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        height: 22px;
        padding: 0 8px;
        border-radius: var(--tz-radius-full);
        border: 1px solid var(--tz-color-neutral-border);
        background: var(--tz-color-neutral-subtle);
        color: var(--tz-color-neutral-text);
        font-size: var(--tz-text-xs);
        font-weight: var(--tz-weight-medium);
        white-space: nowrap;
      }
      .dot {
        width: 6px;
        height: 6px;
        border-radius: 50%;
        background: currentColor;
      }
    `,
    toneStyles, // last: a tone overrides the element's neutral colours
  ]
  static properties = { variant: { type: String }, dot: { type: Boolean } }

  declare variant: 'neutral' | 'accent' | 'success' | 'warning' | 'danger'
  declare dot: boolean

  constructor() {
    super()
    this.variant = 'neutral'
    this.dot = false
  }

  render() {
    return html`<span class="badge ${this.variant}"
      >${this.dot ? html`<span class="dot" aria-hidden="true"></span>` : nothing}<slot></slot
    ></span>`
  }
}

customElements.define('tz-badge', TzBadge)

declare global {
  interface HTMLElementTagNameMap {
    'tz-badge': TzBadge
  }
}
