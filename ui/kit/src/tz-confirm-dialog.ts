/**
 * `confirmAction()`: the app's own confirmation before a consequential action (disabling a plugin, issuing an invoice,
 * sending an invite, deleting) — a `<tz-confirm-dialog>` on the kit's modal `<tz-dialog>`, never the browser's
 * `window.confirm`. It resolves `true` when the person presses the confirm button and `false` when they cancel, press
 * Escape or close it; focus starts on Cancel (a stray Enter never confirms a destructive action) and returns to where
 * it was when the dialog closes.
 *
 * ```ts
 * if (!(await confirmAction({ heading: 'Disable Bookings?', message: 'Members can no longer book.', confirmLabel: 'Disable', danger: true }))) return
 * ```
 */
import { LitElement, html, nothing } from 'lit'
import './tz-dialog.ts'
import './tz-button.ts'

/** What a confirmation asks. */
export interface ConfirmOptions {
  /** The question, e.g. `Disable Bookings?` */
  heading: string
  /** What will happen, in a sentence or two. */
  message?: string
  /** The confirm button's label (say the action: `Disable`, `Issue invoice`, `Delete`). Default `Confirm`. */
  confirmLabel?: string
  /** The cancel button's label. Default `Cancel`. */
  cancelLabel?: string
  /** A destructive action: the confirm button is red. */
  danger?: boolean
}

/** The element {@link confirmAction} puts on the page; use the function rather than the element. */
export class TzConfirmDialog extends LitElement {
  static properties = { options: { attribute: false }, open: { state: true } }
  /** What the dialog asks. */
  declare options: ConfirmOptions
  /** Whether it is shown (it closes itself once answered). */
  declare open: boolean
  /** Called once with the answer. */
  answer: (confirmed: boolean) => void = () => {}
  #answered = false

  constructor() {
    super()
    this.options = { heading: '' }
    this.open = true
  }

  // light DOM: the buttons are the dialog's slotted children, so <tz-dialog> finds and focuses them
  protected createRenderRoot(): HTMLElement {
    return this
  }

  #finish(confirmed: boolean): void {
    if (this.#answered) return
    this.#answered = true
    this.open = false
    this.answer(confirmed)
  }

  render() {
    const o = this.options
    return html`<tz-dialog size="sm" .open=${this.open} heading=${o.heading} @tz-close=${(e: Event) => { e.stopPropagation(); this.#finish(false) }}>
      ${o.message ? html`<p class="tz-confirm-message" style="margin:0">${o.message}</p>` : nothing}
      <tz-button slot="footer" autofocus @click=${() => this.#finish(false)}>${o.cancelLabel ?? 'Cancel'}</tz-button>
      <tz-button slot="footer" variant=${o.danger ? 'danger' : 'primary'} @click=${() => this.#finish(true)}>${o.confirmLabel ?? 'Confirm'}</tz-button>
    </tz-dialog>`
  }
}

customElements.define('tz-confirm-dialog', TzConfirmDialog)

/** Asks the person to confirm; resolves `true` only when they press the confirm button. */
export function confirmAction(options: ConfirmOptions): Promise<boolean> {
  const previous = document.activeElement instanceof HTMLElement ? deepActive(document.activeElement) : null
  return new Promise((resolve) => {
    const dialog = document.createElement('tz-confirm-dialog')
    dialog.options = options
    dialog.answer = (confirmed) => {
      dialog.remove()
      previous?.focus?.()
      resolve(confirmed)
    }
    document.body.append(dialog)
  })
}

/** The focused element, looking into open shadow roots (the shell's screens live in them). */
function deepActive(element: HTMLElement): HTMLElement {
  let current = element
  while (current.shadowRoot?.activeElement instanceof HTMLElement) current = current.shadowRoot.activeElement
  return current
}

declare global {
  interface HTMLElementTagNameMap {
    'tz-confirm-dialog': TzConfirmDialog
  }
}
