/**
 * The Tessera mark (four tiles, one lighter) as a Lit SVG template, used on the sign-in card and in the nav.
 */
import { html } from 'lit'
import type { TemplateResult } from 'lit'

export function brandMark(size = 28): TemplateResult {
  return html`<svg width=${size} height=${size} viewBox="0 0 32 32" aria-hidden="true">
    <rect width="32" height="32" rx="8" fill="#4f46e5" />
    <path d="M9 9h6v6H9zM17 9h6v6h-6zM9 17h6v6H9z" fill="#fff" />
    <path d="M17 17h6v6h-6z" fill="#fff" fill-opacity=".55" />
  </svg>`
}
