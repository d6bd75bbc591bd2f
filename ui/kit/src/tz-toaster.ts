/**
 * `<tz-toaster>` and `toast()`: short-lived notifications in the bottom-right corner.
 *
 * Call `toast('Saved')`, `toast({ variant: 'danger', problem })` or `toast(error)` with a caught
 * `ProblemError` from anywhere (the shell, a plugin); the first call adds a `<tz-toaster>` to the document if
 * none exists. Toasts live in a polite live region, close on their button or after `timeout` ms (default 5 s,
 * 9 s for errors; 0 keeps them open).
 */
import { LitElement, css, html } from 'lit'
import { repeat } from 'lit/directives/repeat.js'
import { baseStyles } from './base-styles.ts'
import { ProblemError } from './api.ts'
import type { Problem } from './problem.ts'
import './tz-alert.ts'

export interface ToastOptions {
  variant?: 'info' | 'success' | 'warning' | 'danger'
  title?: string
  message?: string
  problem?: Problem
  timeout?: number
}

interface ToastEntry extends ToastOptions {
  id: number
}

let nextId = 0

export class TzToaster extends LitElement {
  static styles = [
    baseStyles,
    css`
      :host {
        position: fixed;
        right: var(--tz-space-6);
        bottom: var(--tz-space-6);
        z-index: 1000;
        display: flex;
        flex-direction: column;
        gap: var(--tz-space-2);
        width: min(380px, calc(100vw - 32px));
        pointer-events: none;
      }
      tz-alert {
        pointer-events: auto;
        box-shadow: var(--tz-shadow-lg);
        border-radius: var(--tz-radius-md);
        animation: enter 160ms ease-out;
      }
      @keyframes enter {
        from {
          opacity: 0;
          transform: translateY(6px);
        }
      }
      @media (prefers-reduced-motion: reduce) {
        tz-alert {
          animation: none;
        }
      }
    `,
  ]
  static properties = { toasts: { state: true } }

  declare toasts: ToastEntry[]

  constructor() {
    super()
    this.toasts = []
  }

  /** Shows a toast and returns a function that closes it. */
  show(options: ToastOptions): () => void {
    const entry: ToastEntry = { ...options, id: ++nextId }
    this.toasts = [...this.toasts, entry]
    const timeout = options.timeout ?? (options.variant === 'danger' ? 9000 : 5000)
    const close = () => this.close(entry.id)
    if (timeout > 0) setTimeout(close, timeout)
    return close
  }

  close(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id)
  }

  render() {
    return html`<div role="region" aria-label="Notifications" aria-live="polite">
      ${repeat(
        this.toasts,
        (t) => t.id,
        (t) => html`<tz-alert
          variant=${t.variant ?? 'info'}
          heading=${t.title ?? ''}
          .problem=${t.problem ?? null}
          dismissible
          @tz-dismiss=${() => this.close(t.id)}
          >${t.message ?? ''}</tz-alert
        >`,
      )}
    </div>`
  }
}

customElements.define('tz-toaster', TzToaster)

/** Shows a toast: a message, options, or a caught error (a `ProblemError` shows its problem). */
export function toast(input: string | ToastOptions | unknown): () => void {
  let toaster = document.querySelector('tz-toaster')
  if (!toaster) {
    toaster = document.createElement('tz-toaster')
    document.body.append(toaster)
  }
  if (typeof input === 'string') return toaster.show({ message: input })
  if (input instanceof ProblemError) return toaster.show({ variant: 'danger', problem: input.problem })
  if (input instanceof Error) return toaster.show({ variant: 'danger', title: 'Something went wrong', message: input.message })
  return toaster.show(input as ToastOptions)
}

declare global {
  interface HTMLElementTagNameMap {
    'tz-toaster': TzToaster
  }
}
