/**
 * The tabs shared by the Xero screens (connection, mapping, sync log, reconciliation).
 */
import { html } from 'lit'
import type { TemplateResult } from 'lit'

const TABS = [
  ['/xero/connection', 'Connection'], ['/xero/mapping', 'Accounts and tax'], ['/xero/sync-log', 'Sync log'], ['/xero/reconciliation', 'Reconciliation'],
] as const

/** The tab bar, with `current` marked. */
export function xeroTabs(current: string): TemplateResult {
  return html`<style>
      nav.tabs { display: flex; gap: var(--tz-space-4); border-bottom: 1px solid var(--tz-color-border); margin-bottom: var(--tz-space-6); }
      nav.tabs a { padding: var(--tz-space-2) 0; color: var(--tz-color-text-muted); text-decoration: none; border-bottom: 2px solid transparent; }
      nav.tabs a[aria-current='page'] { color: var(--tz-color-text); border-bottom-color: var(--tz-color-accent); font-weight: 600; }
    </style>
    <nav class="tabs" aria-label="Xero">${TABS.map(([path, label]) => html`<a href=${path} aria-current=${path === current ? 'page' : 'false'}>${label}</a>`)}</nav>`
}
