/**
 * Render helpers for the parts every labelled control shares: the label (with a required marker), the help
 * text and the error text, each with a stable id so the control can point at them with `aria-describedby`.
 */
import { html, nothing } from 'lit'
import type { TemplateResult } from 'lit'

let counter = 0

/** A document-unique id prefix for one control instance. */
export function nextFieldId(prefix = 'tz-field'): string {
  counter += 1
  return `${prefix}-${counter}`
}

/** Space-separated ids of the help and error texts that exist, for `aria-describedby`. */
export function describedBy(id: string, help: string, error: string): string | typeof nothing {
  const ids = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean)
  return ids.length ? ids.join(' ') : nothing
}

export function renderLabel(id: string, label: string, required: boolean): TemplateResult {
  return html`<label for=${id} class=${required ? 'is-required' : nothing}>${label}</label>`
}

export function renderHelpAndError(id: string, help: string, error: string): TemplateResult {
  return html`${help ? html`<p class="help" id=${`${id}-help`}>${help}</p>` : nothing}
  ${error ? html`<p class="error" id=${`${id}-error`} role="alert">${error}</p>` : nothing}`
}
