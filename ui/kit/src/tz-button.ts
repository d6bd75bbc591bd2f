/**
 * `<tz-button>`: the one button of the UI.
 *
 * Properties: `variant` (primary | secondary | ghost | danger, default secondary), `size` (md | sm), `type`
 * (button | submit | reset), `disabled`, `loading` (shows a spinner, blocks clicks, sets `aria-busy`), `href`
 * (renders a link styled as a button), `label` (an accessible name for icon-only buttons). Content goes in the
 * default slot. A `type="submit"` button submits its enclosing `<form>` with `requestSubmit()`, so the form's
 * `submit` listeners and native validation run as for a native button.
 */
import { LitElement, css, html, nothing } from 'lit'
import { baseStyles } from './base-styles.ts'
import './tz-spinner.ts'

export class TzButton extends LitElement {
  static formAssociated = true
  static shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true }
  static styles = [
    baseStyles,
    css`
      :host {
        display: inline-flex;
        vertical-align: middle;
      }
      :host([full]) {
        display: flex;
      }
      .btn {
        display: inline-flex;
        flex: 1;
        align-items: center;
        justify-content: center;
        gap: var(--tz-space-2);
        height: var(--tz-control-height);
        padding: 0 14px;
        font: inherit;
        font-size: var(--tz-text-md);
        font-weight: var(--tz-weight-medium);
        line-height: 1;
        white-space: nowrap;
        text-decoration: none;
        border-radius: var(--tz-radius-sm);
        border: 1px solid transparent;
        cursor: pointer;
        transition:
          background var(--tz-duration),
          border-color var(--tz-duration),
          box-shadow var(--tz-duration);
      }
      .btn.sm {
        height: var(--tz-control-height-sm);
        padding: 0 10px;
        font-size: var(--tz-text-sm);
      }
      .primary {
        background: var(--tz-color-accent);
        color: var(--tz-color-text-inverse);
        box-shadow: var(--tz-shadow-xs), inset 0 1px 0 rgb(255 255 255 / 0.12);
      }
      .primary:hover:not([disabled]) {
        background: var(--tz-color-accent-hover);
      }
      .secondary {
        background: var(--tz-color-surface);
        color: var(--tz-color-text);
        border-color: var(--tz-color-border-strong);
        box-shadow: var(--tz-shadow-xs);
      }
      .secondary:hover:not([disabled]) {
        background: var(--tz-color-surface-hover);
      }
      .ghost {
        background: transparent;
        color: var(--tz-color-text-muted);
      }
      .ghost:hover:not([disabled]) {
        background: var(--tz-color-surface-hover);
        color: var(--tz-color-text);
      }
      .danger {
        background: var(--tz-color-surface);
        color: var(--tz-color-danger);
        border-color: var(--tz-color-danger-border);
        box-shadow: var(--tz-shadow-xs);
      }
      .danger:hover:not([disabled]) {
        background: var(--tz-color-danger-subtle);
      }
      .btn[disabled] {
        opacity: 0.55;
        cursor: not-allowed;
      }
      .btn[aria-busy='true'] {
        cursor: progress;
      }
    `,
  ]
  static properties = {
    variant: { type: String, reflect: true },
    size: { type: String },
    type: { type: String },
    disabled: { type: Boolean, reflect: true },
    loading: { type: Boolean, reflect: true },
    href: { type: String },
    label: { type: String },
  }

  declare variant: 'primary' | 'secondary' | 'ghost' | 'danger'
  declare size: 'md' | 'sm'
  declare type: 'button' | 'submit' | 'reset'
  declare disabled: boolean
  declare loading: boolean
  declare href: string
  declare label: string

  private readonly internals: ElementInternals | null

  constructor() {
    super()
    this.variant = 'secondary'
    this.size = 'md'
    this.type = 'button'
    this.disabled = false
    this.loading = false
    this.href = ''
    this.label = ''
    this.internals = typeof this.attachInternals === 'function' ? this.attachInternals() : null
    this.addEventListener('click', (event) => this.onHostClick(event))
  }

  private onHostClick(event: MouseEvent): void {
    if (this.disabled || this.loading) {
      event.preventDefault()
      event.stopImmediatePropagation()
      return
    }
    const form = this.internals?.form ?? this.closest('form')
    if (!form) return
    if (this.type === 'submit') form.requestSubmit()
    else if (this.type === 'reset') form.reset()
  }

  render() {
    const classes = `btn ${this.variant} ${this.size}`
    const content = html`${this.loading ? html`<tz-spinner size="14" label="Working"></tz-spinner>` : nothing}<slot></slot>`
    if (this.href && !this.disabled) {
      return html`<a class=${classes} href=${this.href} aria-label=${this.label || nothing}>${content}</a>`
    }
    return html`<button
      class=${classes}
      type="button"
      ?disabled=${this.disabled}
      aria-busy=${this.loading ? 'true' : 'false'}
      aria-label=${this.label || nothing}
    >
      ${content}
    </button>`
  }
}

customElements.define('tz-button', TzButton)

declare global {
  interface HTMLElementTagNameMap {
    'tz-button': TzButton
  }
}
