/**
 * Boot-time checks of the contracts between plugins, so a broken wiring fails the plugin with a reason before any
 * request instead of throwing on first call:
 *
 * - a consumed service ref (`consumes`) must belong to a plugin in `dependsOn` or `optionalDependsOn`, which — when
 *   installed — must provide it, at a version in the ref's range;
 * - an extension (`extensions`) must target a plugin in `dependsOn` that offers that extension point — or the plugin's
 *   own point (an owner registering its built-in implementation the same way, e.g. billing's Stripe gateway).
 *
 * Warnings (logged, not fatal): events declared without a payload schema (the deprecated record form), typed
 * subscriptions whose copy of an event's schema differs from what the installed publisher declares (contract skew; the
 * subscriber still checks every delivered payload against its own copy), and the deprecated, ignored `drivers` field.
 */
import { isDeepStrictEqual } from 'node:util'
import semver from 'semver'
import type { PluginDefinition } from '@tessera/sdk'
import { declaredEvents, declaredSubscriptions, providedServices } from '../model/plugin-declarations.ts'

/** The first contract problem of `p` against the other loaded plugins, or undefined. */
export function contractProblem(p: PluginDefinition, byId: ReadonlyMap<string, PluginDefinition>): string | undefined {
  for (const ref of p.consumes ?? []) {
    const name = `${ref.plugin}.${ref.id}`
    if (!p.dependsOn?.[ref.plugin] && !p.optionalDependsOn?.[ref.plugin]) {
      return `consumes the service ref "${name}" but does not declare "${ref.plugin}" in dependsOn or optionalDependsOn`
    }
    const provider = byId.get(ref.plugin)
    if (!provider) continue // a missing dependency is reported as such; an absent optional one is fine
    if (!providedServices(provider).has(ref.id)) return `consumes the service ref "${name}", which ${provider.id} ${provider.version} does not provide`
    if (ref.version && !semver.satisfies(provider.version, ref.version)) {
      return `consumes the service ref "${name}" for ${ref.plugin} ${ref.version}, but ${ref.plugin} is ${provider.version}`
    }
  }
  for (const ext of p.extensions ?? []) {
    const name = `${ext.point.plugin}.${ext.point.id}`
    const own = ext.point.plugin === p.id
    if (own && !(p.extensionPoints ?? []).some((pt) => pt.id === ext.point.id)) return `registers an extension on "${name}", which it does not offer`
    if (own) continue
    if (!p.dependsOn?.[ext.point.plugin]) return `registers an extension on "${name}" but does not declare "${ext.point.plugin}" in dependsOn`
    const owner = byId.get(ext.point.plugin)
    if (owner && !(owner.extensionPoints ?? []).some((pt) => pt.id === ext.point.id)) return `registers an extension on "${name}", which ${owner.id} ${owner.version} does not offer`
  }
  return undefined
}

/** Non-fatal contract findings of the running plugins. */
export function contractWarnings(plugins: readonly PluginDefinition[]): { plugin: string; message: string }[] {
  const out: { plugin: string; message: string }[] = []
  const published = new Map<string, { plugin: string; schema?: unknown }>()
  for (const p of plugins) {
    if (p.drivers?.length) out.push({ plugin: p.id, message: 'declares drivers, which the kernel ignores (deprecated: drivers run in the site agent, from the driver packages named in its config)' })
    for (const e of declaredEvents(p).values()) {
      published.set(e.name, { plugin: p.id, schema: e.schema })
      if (!e.schema) out.push({ plugin: p.id, message: `event "${e.name}" is declared without a payload schema (deprecated: declare it with defineEvent)` })
    }
  }
  for (const p of plugins) {
    for (const sub of declaredSubscriptions(p)) {
      const pub = published.get(sub.event)
      if (!sub.schema || !pub) continue
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify(sub.schema)), JSON.parse(JSON.stringify(pub.schema ?? null)))) {
        out.push({ plugin: p.id, message: `subscribes to "${sub.event}" with a payload schema that differs from the one ${pub.plugin} declares (contract version skew)` })
      }
    }
  }
  return out
}
