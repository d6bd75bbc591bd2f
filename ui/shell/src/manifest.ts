/**
 * The UI manifest (`GET /api/v1/ui/manifest`): for the current tenant and user, each enabled plugin's module
 * URL, nav items, routes (app path → custom element tag) and dashboard widgets.
 */
import { api } from '@tessera/ui-kit'

export interface NavItem {
  label: string
  path: string
  icon?: string
  order?: number
  /** A page about the signed-in person's own things: staff see it only when they are also a member here. */
  selfService?: boolean
}

export interface PluginRoute {
  /** An app path: `/bookings`, `/bookings/:id`, or `/bookings/*` (the element handles everything below). */
  path: string
  /** The custom element defined by the plugin's module, prefixed with the plugin id. */
  tag: string
}

/** A dashboard widget a plugin contributes (`ui.widgets` in its manifest), as the kernel serves it to this user. */
export interface DashboardWidget {
  id: string
  title: string
  /** The custom element of the plugin's module that renders the widget's body. */
  element: string
  /** `s` one grid column, `m` two, `l` the whole row. */
  size?: 's' | 'm' | 'l'
  order?: number
}

/** A report a plugin contributes (`ui.reports`), drawn by the shell's Reports screen from the plugin's `source` route. */
export interface ReportSpec {
  id: string
  title: string
  description?: string
  /** The report route under `/api/v1/<plugin>`: answers `{ rows }` (or CSV with `format=csv`) for `from`, `to`, `locationId`. */
  source: string
  chart?: 'bar' | 'line'
  /** Row field on the horizontal axis. */
  x: string
  /** Row field that splits the rows into series. */
  series?: string
  values: Array<{ field: string; label: string }>
  format?: 'number' | 'percent' | 'money'
  order?: number
}

export interface ManifestPlugin {
  id: string
  /** The plugin's display name; absent from kernels before 2026-12. */
  name?: string
  version: string
  /** `/ui/plugins/<id>/<version>/index.js` */
  module: string
  nav: NavItem[]
  routes: PluginRoute[]
  /** `GET` it: `{ linked }`, whether the signed-in user is a member here (a person of the space). */
  self?: string
  /** Absent from kernels older than the widgets extension point. */
  widgets?: DashboardWidget[]
  /** Absent from kernels older than the reports extension. */
  reports?: ReportSpec[]
}

export interface UiManifest {
  tenantId: string | null
  /** The signed-in user's permissions in this tenant (handed to `can()` of the ui-kit). */
  permissions: string[]
  plugins: ManifestPlugin[]
}

export const emptyManifest: UiManifest = { tenantId: null, permissions: [], plugins: [] }

export function fetchManifest(): Promise<UiManifest> {
  return api<UiManifest>('/api/v1/ui/manifest')
}

/** The shell's own Reports screen, listed with the plugins' items when any report is visible to this user. */
const reportsItem: NavItem = { label: 'Reports', path: '/reports', icon: 'activity', order: 900 }

/**
 * Whether the signed-in user sees the self-service pages (My bookings, My invoices…): a member always; staff only when
 * their login is also a member's here, which a plugin's `self` route answers (`{ linked: true }`). Without self-service pages there is
 * nothing to ask.
 */
export async function seesSelfService(manifest: UiManifest, role: string | undefined): Promise<boolean> {
  if (role === 'member') return true
  if (!manifest.plugins.some((p) => p.nav.some((n) => n.selfService))) return true
  for (const route of manifest.plugins.map((p) => p.self).filter((r): r is string => Boolean(r))) {
    try {
      if ((await api<{ linked?: boolean }>(route, { notifyUnauthorized: false }))?.linked) return true
    } catch {
      // the plugin cannot tell: ask the next one
    }
  }
  return false
}

/**
 * Every nav item with its plugin id (`tessera` for the shell's Reports), sorted by `order` (missing last), then label;
 * with `selfService` false the self-service pages are left out (staff who are not also members).
 */
export function navItems(manifest: UiManifest, selfService = true): Array<NavItem & { pluginId: string }> {
  const reports = manifest.plugins.some((p) => (p.reports ?? []).length > 0) ? [{ ...reportsItem, pluginId: 'tessera' }] : []
  return manifest.plugins
    .flatMap((p) => p.nav.filter((n) => selfService || !n.selfService).map((n) => ({ ...n, pluginId: p.id })))
    .concat(reports)
    .sort((a, b) => (a.order ?? 1e9) - (b.order ?? 1e9) || a.label.localeCompare(b.label))
}

/** Every dashboard widget with its plugin and module, sorted by `order` (missing last), then title. */
export function dashboardWidgets(manifest: UiManifest): Array<DashboardWidget & { pluginId: string; module: string }> {
  return manifest.plugins
    .flatMap((p) => (p.widgets ?? []).map((w) => ({ ...w, pluginId: p.id, module: p.module })))
    .sort((a, b) => (a.order ?? 1e9) - (b.order ?? 1e9) || a.title.localeCompare(b.title))
}

/** Every report with its plugin id, sorted by `order` (missing last), then title. */
export function reportSpecs(manifest: UiManifest): Array<ReportSpec & { pluginId: string }> {
  return manifest.plugins
    .flatMap((p) => (p.reports ?? []).map((r) => ({ ...r, pluginId: p.id })))
    .sort((a, b) => (a.order ?? 1e9) - (b.order ?? 1e9) || a.title.localeCompare(b.title))
}
