/**
 * `<tz-pagination>`: "Showing 21–40 of 135" with Previous / Next buttons, for offset/limit APIs such as
 * `GET /api/v1/admin/tenants?limit=&offset=`.
 *
 * Properties: `total`, `limit`, `offset`, `disabled`. Event: `tz-page` with `detail: { offset, limit }` when the
 * person asks for another page; the owner fetches it and sets `offset`.
 */
import { LitElement, css, html } from 'lit'
import { baseStyles } from './base-styles.ts'
import './tz-button.ts'
import './tz-icon.ts'

export class TzPagination extends LitElement {
  static styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      nav {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: var(--tz-space-3);
        font-size: var(--tz-text-sm);
        color: var(--tz-color-text-muted);
      }
      .buttons {
        display: flex;
        gap: var(--tz-space-2);
      }
      strong {
        color: var(--tz-color-text);
        font-weight: var(--tz-weight-medium);
      }
    `,
  ]
  static properties = {
    total: { type: Number },
    limit: { type: Number },
    offset: { type: Number },
    disabled: { type: Boolean },
  }

  declare total: number
  declare limit: number
  declare offset: number
  declare disabled: boolean

  constructor() {
    super()
    this.total = 0
    this.limit = 20
    this.offset = 0
    this.disabled = false
  }

  private go(offset: number): void {
    this.dispatchEvent(
      new CustomEvent('tz-page', { detail: { offset, limit: this.limit }, bubbles: true, composed: true }),
    )
  }

  render() {
    const first = this.total === 0 ? 0 : this.offset + 1
    const last = Math.min(this.offset + this.limit, this.total)
    const hasPrev = this.offset > 0
    const hasNext = this.offset + this.limit < this.total
    return html`<nav aria-label="Pagination">
      <span aria-live="polite"
        >Showing <strong>${first}–${last}</strong> of <strong>${this.total}</strong></span
      >
      <div class="buttons">
        <tz-button
          size="sm"
          ?disabled=${this.disabled || !hasPrev}
          @click=${() => this.go(Math.max(0, this.offset - this.limit))}
          ><tz-icon name="chevron-left" size="14"></tz-icon>Previous</tz-button
        >
        <tz-button size="sm" ?disabled=${this.disabled || !hasNext} @click=${() => this.go(this.offset + this.limit)}
          >Next<tz-icon name="chevron-right" size="14"></tz-icon
        ></tz-button>
      </div>
    </nav>`
  }
}

customElements.define('tz-pagination', TzPagination)

declare global {
  interface HTMLElementTagNameMap {
    'tz-pagination': TzPagination
  }
}
