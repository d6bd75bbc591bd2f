/**
 * `<tz-icon>`: one icon from the kit's set (see `icons.ts`), decorative by default.
 *
 * Properties: `name` (unknown names render `dot`), `size` (px, default 16), `label` (when set, the icon is
 * exposed as an image with that name; otherwise it is hidden from assistive technology). Colour follows
 * `currentColor`.
 */
import { LitElement, css, html } from 'lit'
import { unsafeSVG } from 'lit/directives/unsafe-svg.js'
import { icons } from './icons.ts'

export class TzIcon extends LitElement {
  static styles = css`
    :host {
      display: inline-flex;
      flex: none;
      line-height: 0;
    }
  `
  static properties = { name: { type: String }, size: { type: Number }, label: { type: String } }

  declare name: string
  declare size: number
  declare label: string

  constructor() {
    super()
    this.name = 'dot'
    this.size = 16
    this.label = ''
  }

  render() {
    const body = icons[this.name] ?? icons.dot
    const a11y = this.label ? { role: 'img', hidden: 'false' } : { role: 'presentation', hidden: 'true' }
    return html`<svg
      width=${this.size}
      height=${this.size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.75"
      stroke-linecap="round"
      stroke-linejoin="round"
      role=${a11y.role}
      aria-hidden=${a11y.hidden}
      aria-label=${this.label || ''}
    >
      ${unsafeSVG(body)}
    </svg>`
  }
}

customElements.define('tz-icon', TzIcon)

declare global {
  interface HTMLElementTagNameMap {
    'tz-icon': TzIcon
  }
}
