/**
 * `<tz-spinner>`: an indeterminate progress indicator with an accessible label.
 *
 * Properties: `label` (announced to screen readers, default "Loading"), `size` (px, default 16).
 */
import { LitElement, css, html } from 'lit'
import { baseStyles } from './base-styles.ts'

export class TzSpinner extends LitElement {
  static styles = [
    baseStyles,
    css`
      :host {
        display: inline-flex;
        align-items: center;
        color: inherit;
      }
      svg {
        animation: spin 0.8s linear infinite;
      }
      @keyframes spin {
        to {
          transform: rotate(360deg);
        }
      }
      @media (prefers-reduced-motion: reduce) {
        svg {
          animation-duration: 2.4s;
        }
      }
    `,
  ]
  static properties = { label: { type: String }, size: { type: Number } }

  declare label: string
  declare size: number

  constructor() {
    super()
    this.label = 'Loading'
    this.size = 16
  }

  render() {
    return html`<span role="status" class="sr-only">${this.label}</span>
      <svg width=${this.size} height=${this.size} viewBox="0 0 24 24" fill="none" aria-hidden="true">
        <circle cx="12" cy="12" r="9" stroke="currentColor" stroke-opacity="0.2" stroke-width="3" />
        <path d="M21 12a9 9 0 0 0-9-9" stroke="currentColor" stroke-width="3" stroke-linecap="round" />
      </svg>`
  }
}

customElements.define('tz-spinner', TzSpinner)

declare global {
  interface HTMLElementTagNameMap {
    'tz-spinner': TzSpinner
  }
}
