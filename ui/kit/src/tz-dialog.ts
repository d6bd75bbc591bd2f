/**
 * `<tz-dialog>`: a modal dialog on the native `<dialog>` element, so focus is trapped, Escape closes it and the
 * page behind is inert without any script of ours.
 *
 * Properties: `open` (show/hide; reflects), `heading`, `description`, `size` (sm | md | lg). Slots: default
 * (body), `footer` (buttons, right-aligned). Event: `tz-close` when the dialog closes for any reason (close
 * button, Escape, `open = false`). On open, focus goes to the first slotted element with `autofocus`, else
 * the first focusable slotted element.
 */
import { LitElement, css, html, nothing } from 'lit'
import type { PropertyValues } from 'lit'
import { baseStyles } from './base-styles.ts'
import './tz-icon.ts'

const focusable = 'input, select, textarea, button, a[href], [tabindex]:not([tabindex="-1"]), tz-text-field, tz-number-field, tz-select, tz-checkbox, tz-button, tz-schema-form'

export class TzDialog extends LitElement {
  static styles = [
    baseStyles,
    css`
      dialog {
        padding: 0;
        border: 1px solid var(--tz-color-border);
        border-radius: var(--tz-radius-lg);
        background: var(--tz-color-surface);
        color: var(--tz-color-text);
        box-shadow: var(--tz-shadow-lg);
        width: min(520px, calc(100vw - 32px));
        max-height: calc(100vh - 64px);
      }
      dialog.sm {
        width: min(400px, calc(100vw - 32px));
      }
      dialog.lg {
        width: min(720px, calc(100vw - 32px));
      }
      dialog::backdrop {
        background: rgb(16 24 40 / 0.45);
        backdrop-filter: blur(1px);
      }
      dialog[open] {
        display: flex;
        flex-direction: column;
        animation: pop 140ms ease-out;
      }
      @media (prefers-reduced-motion: reduce) {
        dialog[open] {
          animation: none;
        }
      }
      @keyframes pop {
        from {
          opacity: 0;
          transform: translateY(4px) scale(0.99);
        }
      }
      header {
        display: flex;
        align-items: flex-start;
        gap: var(--tz-space-3);
        padding: var(--tz-space-5) var(--tz-space-6) 0;
      }
      h2 {
        margin: 0;
        font-size: var(--tz-text-lg);
        font-weight: var(--tz-weight-semibold);
      }
      header p {
        margin: var(--tz-space-1) 0 0;
        color: var(--tz-color-text-muted);
      }
      .titles {
        flex: 1;
      }
      .close {
        all: unset;
        display: grid;
        place-items: center;
        width: 28px;
        height: 28px;
        border-radius: var(--tz-radius-sm);
        color: var(--tz-color-text-subtle);
        cursor: pointer;
        margin: -4px -8px 0 0;
      }
      .close:hover {
        background: var(--tz-color-surface-hover);
        color: var(--tz-color-text);
      }
      .close:focus-visible {
        outline: 2px solid var(--tz-color-focus);
      }
      .body {
        padding: var(--tz-space-5) var(--tz-space-6);
        overflow: auto;
      }
      footer {
        display: flex;
        justify-content: flex-end;
        gap: var(--tz-space-2);
        padding: var(--tz-space-4) var(--tz-space-6);
        border-top: 1px solid var(--tz-color-border);
        background: var(--tz-color-surface-subtle);
        border-radius: 0 0 var(--tz-radius-lg) var(--tz-radius-lg);
      }
      footer.empty {
        display: none;
      }
    `,
  ]
  static properties = {
    open: { type: Boolean, reflect: true },
    heading: { type: String },
    description: { type: String },
    size: { type: String },
    hasFooter: { state: true },
  }

  declare open: boolean
  declare heading: string
  declare description: string
  declare size: 'sm' | 'md' | 'lg'
  declare hasFooter: boolean

  constructor() {
    super()
    this.open = false
    this.heading = ''
    this.description = ''
    this.size = 'md'
    this.hasFooter = false
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog')
  }

  /** Opens the dialog. */
  show(): void {
    this.open = true
  }

  /** Closes the dialog. */
  close(): void {
    this.open = false
  }

  protected updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return
    const dialog = this.dialog
    if (!dialog) return
    if (this.open && !dialog.open) {
      dialog.showModal()
      const target =
        this.querySelector<HTMLElement>('[autofocus]') ?? this.querySelector<HTMLElement>(focusable)
      if (target) requestAnimationFrame(() => target.focus())
    } else if (!this.open && dialog.open) {
      dialog.close()
    }
  }

  private onNativeClose(): void {
    if (this.open) this.open = false
    this.dispatchEvent(new CustomEvent('tz-close', { bubbles: true, composed: true }))
  }

  private onFooterSlot(event: Event): void {
    this.hasFooter = (event.target as HTMLSlotElement).assignedElements().length > 0
  }

  render() {
    const titleId = 'tz-dialog-title'
    return html`<dialog
      class=${this.size}
      aria-labelledby=${titleId}
      aria-describedby=${this.description ? 'tz-dialog-desc' : nothing}
      @close=${this.onNativeClose}
    >
      <header>
        <div class="titles">
          <h2 id=${titleId}>${this.heading}</h2>
          ${this.description ? html`<p id="tz-dialog-desc">${this.description}</p>` : nothing}
        </div>
        <button class="close" aria-label="Close" @click=${() => this.close()}>
          <tz-icon name="x" size="18"></tz-icon>
        </button>
      </header>
      <div class="body"><slot></slot></div>
      <footer class=${this.hasFooter ? '' : 'empty'}><slot name="footer" @slotchange=${this.onFooterSlot}></slot></footer>
    </dialog>`
  }
}

customElements.define('tz-dialog', TzDialog)

declare global {
  interface HTMLElementTagNameMap {
    'tz-dialog': TzDialog
  }
}
