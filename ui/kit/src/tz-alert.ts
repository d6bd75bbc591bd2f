/**
 * `<tz-alert>`: an inline message box (info, success, warning, danger). Give it a `problem` and it shows the
 * problem's title, detail and one line per field error, so a failed request reads as a sentence and a list.
 *
 * Properties: `variant` (info | success | warning | danger, default info), `heading`, `problem` (a problem+json
 * body; sets heading, text and list), `stripPointer` (pointer prefix hidden in the list, e.g. `/config`),
 * `dismissible` (shows a close button that fires `tz-dismiss`). Extra content goes in the default slot.
 * Danger alerts use `role="alert"` so they are announced; the others use `role="status"`.
 */
import { LitElement, css, html, nothing } from 'lit'
import { baseStyles } from './base-styles.ts'
import { toneStyles } from './tone-styles.ts'
import { describeProblem } from './problem.ts'
import type { Problem } from './problem.ts'
import './tz-icon.ts'

const iconFor = { info: 'info', success: 'check-circle', warning: 'alert-triangle', danger: 'alert-circle' } as const

export class TzAlert extends LitElement {
  static styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .alert {
        display: flex;
        gap: var(--tz-space-3);
        padding: var(--tz-space-3) var(--tz-space-4);
        border: 1px solid;
        border-radius: var(--tz-radius-md);
        font-size: var(--tz-text-md);
        line-height: var(--tz-leading-normal);
      }
      tz-icon {
        margin-top: 2px;
      }
      .body {
        flex: 1;
        min-width: 0;
      }
      .heading {
        font-weight: var(--tz-weight-semibold);
        margin: 0;
      }
      p {
        margin: 0;
      }
      ul {
        margin: var(--tz-space-1) 0 0;
        padding-left: 1.1em;
      }
      .close {
        all: unset;
        cursor: pointer;
        border-radius: var(--tz-radius-sm);
        height: 24px;
        width: 24px;
        display: grid;
        place-items: center;
        margin: -2px -6px 0 0;
      }
      .close:hover {
        background: rgb(0 0 0 / 0.06);
      }
      .close:focus-visible {
        outline: 2px solid var(--tz-color-focus);
      }
    `,
    toneStyles, // last: a tone overrides the element's neutral colours
  ]
  static properties = {
    variant: { type: String, reflect: true },
    heading: { type: String },
    problem: { attribute: false },
    stripPointer: { type: String, attribute: 'strip-pointer' },
    dismissible: { type: Boolean },
  }

  declare variant: 'info' | 'success' | 'warning' | 'danger'
  declare heading: string
  declare problem: Problem | null
  declare stripPointer: string
  declare dismissible: boolean

  constructor() {
    super()
    this.variant = 'info'
    this.heading = ''
    this.problem = null
    this.stripPointer = ''
    this.dismissible = false
  }

  private dismiss(): void {
    this.dispatchEvent(new CustomEvent('tz-dismiss', { bubbles: true, composed: true }))
  }

  render() {
    const message = this.problem ? describeProblem(this.problem, { stripPointer: this.stripPointer }) : null
    const heading = this.heading || message?.title || ''
    return html`<div class="alert ${this.variant}" role=${this.variant === 'danger' ? 'alert' : 'status'}>
      <tz-icon name=${iconFor[this.variant] ?? 'info'} size="18"></tz-icon>
      <div class="body">
        ${heading ? html`<p class="heading">${heading}</p>` : nothing}
        ${message?.detail ? html`<p>${message.detail}</p>` : nothing}
        ${message?.items.length ? html`<ul>${message.items.map((i) => html`<li>${i}</li>`)}</ul>` : nothing}
        <slot></slot>
      </div>
      ${this.dismissible
        ? html`<button class="close" aria-label="Dismiss" @click=${this.dismiss}>
            <tz-icon name="x" size="16"></tz-icon>
          </button>`
        : nothing}
    </div>`
  }
}

customElements.define('tz-alert', TzAlert)

declare global {
  interface HTMLElementTagNameMap {
    'tz-alert': TzAlert
  }
}
