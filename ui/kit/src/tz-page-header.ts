/**
 * `<tz-page-header>`: the title block at the top of every screen: an optional breadcrumb line, the page
 * heading (an `<h1>`), a one-line description, and actions on the right.
 *
 * Properties: `heading`, `description`. Slots: `breadcrumbs` (links above the heading), `actions` (buttons).
 */
import { LitElement, css, html, nothing } from 'lit'
import { baseStyles } from './base-styles.ts'

export class TzPageHeader extends LitElement {
  static styles = [
    baseStyles,
    css`
      :host {
        display: block;
        margin-bottom: var(--tz-space-6);
      }
      .crumbs {
        font-size: var(--tz-text-sm);
        color: var(--tz-color-text-subtle);
        margin-bottom: var(--tz-space-1);
      }
      .crumbs ::slotted(a) {
        color: inherit;
      }
      .row {
        display: flex;
        align-items: flex-end;
        justify-content: space-between;
        gap: var(--tz-space-4);
        flex-wrap: wrap;
      }
      h1 {
        margin: 0;
        font-size: var(--tz-text-2xl);
        line-height: 1.25;
        font-weight: var(--tz-weight-semibold);
        letter-spacing: -0.015em;
      }
      p {
        margin: var(--tz-space-1) 0 0;
        color: var(--tz-color-text-muted);
        font-size: var(--tz-text-md);
        max-width: 70ch;
      }
      .actions {
        display: flex;
        gap: var(--tz-space-2);
        align-items: center;
      }
    `,
  ]
  static properties = { heading: { type: String }, description: { type: String } }

  declare heading: string
  declare description: string

  constructor() {
    super()
    this.heading = ''
    this.description = ''
  }

  render() {
    return html`<div class="crumbs"><slot name="breadcrumbs"></slot></div>
      <div class="row">
        <div>
          <h1>${this.heading}</h1>
          ${this.description ? html`<p>${this.description}</p>` : nothing}
        </div>
        <div class="actions"><slot name="actions"></slot></div>
      </div>`
  }
}

customElements.define('tz-page-header', TzPageHeader)

declare global {
  interface HTMLElementTagNameMap {
    'tz-page-header': TzPageHeader
  }
}
