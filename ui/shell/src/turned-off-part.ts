/**
 * `turnedOffPart()`: whether the page the user is on went away with a new UI manifest — it was a plugin's screen (or
 * the Reports screen) under the old manifest and has no screen under the new one, because a plugin was turned off for
 * the tenant while the user was there. Then the shell says so (`tz-turned-off`) instead of "Page not found". The part
 * is named as the user knew it: the nav item that led there (the longest path that is a prefix of the page's), else
 * the plugin's first nav item, else its id. Pure, so it is tested without a browser.
 */
import { resolveRoute } from './resolve-route.ts'
import type { ManifestPlugin, UiManifest } from './manifest.ts'

/** The part of Tessera that was turned off under the user. */
export interface TurnedOffPart {
  /** The page it happened on. */
  path: string
  /** The part as the user knew it (`Calendar`, `Invoices`, `Reports`). */
  label: string
}

const within = (path: string, prefix: string) => path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)

function labelOf(plugin: ManifestPlugin, path: string): string {
  const nav = plugin.nav.filter((n) => within(path, n.path)).sort((a, b) => b.path.length - a.path.length)[0] ?? plugin.nav[0]
  return nav?.label ?? plugin.id
}

/** The part that went away at `pathname` between `before` and `after`, or `null` when the page is still there (or never was). */
export function turnedOffPart(pathname: string, before: UiManifest, after: UiManifest): TurnedOffPart | null {
  const was = resolveRoute(pathname, before)
  if (resolveRoute(pathname, after).kind !== 'not-found') return null
  if (was.kind === 'plugin') return { path: pathname, label: labelOf(was.plugin, pathname) }
  if (was.kind === 'reports') return { path: pathname, label: 'Reports' }
  return null
}
