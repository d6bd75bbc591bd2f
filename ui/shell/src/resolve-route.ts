/**
 * `resolveRoute()`: which screen a path shows: the home page, an operator screen (reserved prefix `/operator`: tenants,
 * health, audit log), the tenant's settings (`/settings/tokens`, `/settings/users`, `/settings/audit`), the Reports screen (`/reports`, when any report is visible), a plugin route from the manifest, or "not found". Pure and synchronous, so routing is tested
 * without a browser.
 *
 * Plugin route patterns match segment by segment: literal segments, `:name` parameters, and a final `*` that
 * matches the rest (given to the element as `params['*']`). The most specific pattern wins (more literal
 * segments, then fewer parameters, then no wildcard).
 */
import type { ManifestPlugin, PluginRoute, UiManifest } from './manifest.ts'

export type ResolvedRoute =
  | { kind: 'home' }
  | { kind: 'operator-tenants' }
  | { kind: 'operator-tenant'; tenantId: string }
  | { kind: 'tenant-tokens' }
  | { kind: 'tenant-users' }
  | { kind: 'tenant-audit' }
  | { kind: 'operator-health' }
  | { kind: 'reports' }
  | { kind: 'operator-audit' }
  | { kind: 'plugin'; plugin: ManifestPlugin; route: PluginRoute; params: Record<string, string> }
  | { kind: 'not-found'; firstSegment: string }

function segments(path: string): string[] {
  return path.split('/').filter(Boolean).map((s) => decodeURIComponent(s))
}

function match(pattern: string, parts: string[]): { params: Record<string, string>; score: number } | null {
  const pat = segments(pattern)
  const params: Record<string, string> = {}
  let score = 0
  for (let i = 0; i < pat.length; i++) {
    const p = pat[i]
    if (p === '*' && i === pat.length - 1) {
      params['*'] = parts.slice(i).join('/')
      return { params, score: score - 0.5 }
    }
    const part = parts[i]
    if (part === undefined) return null
    if (p.startsWith(':')) {
      params[p.slice(1)] = part
      score += 1
    } else if (p === part) {
      score += 2
    } else {
      return null
    }
  }
  return pat.length === parts.length ? { params, score } : null
}

export function resolveRoute(pathname: string, manifest: UiManifest): ResolvedRoute {
  const parts = segments(pathname)
  if (parts.length === 0) return { kind: 'home' }
  if (parts[0] === 'settings' && parts.length === 2) {
    if (parts[1] === 'tokens') return { kind: 'tenant-tokens' }
    if (parts[1] === 'users') return { kind: 'tenant-users' }
    if (parts[1] === 'audit') return { kind: 'tenant-audit' }
  }
  if (parts[0] === 'reports' && parts.length === 1 && manifest.plugins.some((p) => (p.reports ?? []).length > 0)) return { kind: 'reports' }
  if (parts[0] === 'operator') {
    if (parts.length === 1 || (parts[1] === 'tenants' && parts.length === 2)) return { kind: 'operator-tenants' }
    if (parts[1] === 'health' && parts.length === 2) return { kind: 'operator-health' }
    if (parts[1] === 'audit' && parts.length === 2) return { kind: 'operator-audit' }
    if (parts[1] === 'tenants' && parts.length === 3) return { kind: 'operator-tenant', tenantId: parts[2] }
    return { kind: 'not-found', firstSegment: 'operator' }
  }
  let best: { plugin: ManifestPlugin; route: PluginRoute; params: Record<string, string>; score: number } | null = null
  for (const plugin of manifest.plugins) {
    for (const route of plugin.routes) {
      const m = match(route.path, parts)
      if (m && (!best || m.score > best.score)) best = { plugin, route, ...m }
    }
  }
  if (best) return { kind: 'plugin', plugin: best.plugin, route: best.route, params: best.params }
  return { kind: 'not-found', firstSegment: parts[0] }
}
