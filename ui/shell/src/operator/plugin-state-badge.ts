/**
 * `pluginStateBadge()`: a tenant plugin's state (or "not enabled", or an install failure) as a coloured badge.
 */
import { html } from 'lit'
import type { TemplateResult } from 'lit'
import type { EnablementState } from './admin-api.ts'

const variants: Record<EnablementState, [string, string]> = {
  enabled: ['success', 'Enabled'],
  disabled: ['neutral', 'Disabled'],
  failed: ['danger', 'Failed'],
  enabling: ['accent', 'Enabling…'],
  disabling: ['warning', 'Disabling…'],
}

export function pluginStateBadge(state: EnablementState | 'not-enabled' | 'install-failed'): TemplateResult {
  if (state === 'not-enabled') return html`<tz-badge>Not enabled</tz-badge>`
  if (state === 'install-failed') return html`<tz-badge variant="danger" dot>Install failed</tz-badge>`
  const [variant, label] = variants[state]
  return html`<tz-badge variant=${variant} dot>${label}</tz-badge>`
}
