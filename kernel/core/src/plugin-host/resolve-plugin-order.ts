/**
 * Orders plugins by their `dependsOn` and (installed) `optionalDependsOn` and fails the ones that cannot run, each
 * with a reason: a plugin API range the kernel does not satisfy, a missing dependency, a dependency — required or
 * optional and installed — whose version is outside the range, a dependency cycle, a required dependency that itself
 * failed, or a broken contract (a consumed service ref outside `dependsOn`/`optionalDependsOn` or an extension outside
 * `dependsOn`, not provided by that dependency, or outside the ref's version range). An absent or failed optional
 * dependency fails nothing. The healthy rest comes back in topological order (ties by id, so the order is stable).
 */
import semver from 'semver'
import type { PluginDefinition } from '@tessera/sdk'
import { contractProblem } from './check-plugin-contracts.ts'

/** The order to start plugins in, and the ones that cannot start. */
export interface PluginOrder {
  order: PluginDefinition[]
  failed: Map<string, string>
}

/** Resolves `plugins` against each other and the kernel's plugin API version. */
export function resolvePluginOrder(plugins: readonly PluginDefinition[], sdkVersion: string, alreadyFailed = new Map<string, string>()): PluginOrder {
  const failed = new Map(alreadyFailed)
  const byId = new Map<string, PluginDefinition>()
  for (const p of plugins) {
    if (byId.has(p.id)) failed.set(p.id, `plugin id "${p.id}" is provided twice`)
    else byId.set(p.id, p)
  }
  for (const p of byId.values()) {
    if (failed.has(p.id)) continue
    if (!semver.satisfies(sdkVersion, p.kernel)) {
      failed.set(p.id, `targets plugin API ${p.kernel}, but this kernel provides ${sdkVersion}`)
      continue
    }
    for (const [dep, range] of Object.entries(p.dependsOn ?? {})) {
      const d = byId.get(dep)
      if (!d && !failed.has(dep)) failed.set(p.id, `missing dependency "${dep}" (${range})`)
      else if (d && !semver.satisfies(d.version, range)) failed.set(p.id, `dependency "${dep}" is ${d.version}, which does not satisfy ${range}`)
      if (failed.has(p.id)) break
    }
    if (failed.has(p.id)) continue
    for (const [dep, range] of Object.entries(p.optionalDependsOn ?? {})) {
      const d = byId.get(dep)
      if (d && !semver.satisfies(d.version, range)) {
        failed.set(p.id, `optional dependency "${dep}" is ${d.version}, which does not satisfy ${range}`)
        break
      }
    }
    if (failed.has(p.id)) continue
    const contract = contractProblem(p, byId)
    if (contract) failed.set(p.id, contract)
  }
  // cycles: depth-first search over the not-yet-failed graph
  const state = new Map<string, 'visiting' | 'done'>()
  const stack: string[] = []
  const visit = (id: string): void => {
    if (state.get(id) === 'done' || failed.has(id)) return
    if (state.get(id) === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(id)), id]
      for (const member of cycle) failed.set(member, `dependency cycle: ${cycle.join(' → ')}`)
      return
    }
    state.set(id, 'visiting')
    stack.push(id)
    for (const dep of orderedAfter(byId.get(id))) if (byId.has(dep)) visit(dep)
    stack.pop()
    state.set(id, 'done')
  }
  for (const id of [...byId.keys()].sort()) visit(id)
  propagateFailures(byId, failed)
  // Kahn's algorithm over the healthy ones
  const healthy = [...byId.values()].filter((p) => !failed.has(p.id))
  const healthyIds = new Set(healthy.map((p) => p.id))
  const order: PluginDefinition[] = []
  const placed = new Set<string>()
  while (order.length < healthy.length) {
    const ready = healthy
      .filter((p) => !placed.has(p.id) && orderedAfter(p).every((d) => placed.has(d) || !healthyIds.has(d)))
      .sort((a, b) => a.id.localeCompare(b.id))
    if (!ready.length) break
    for (const p of ready) {
      order.push(p)
      placed.add(p.id)
    }
  }
  return { order, failed }
}

/** The plugins `p` starts after: its dependencies and optional dependencies (an absent or failed one is skipped). */
function orderedAfter(p: PluginDefinition | undefined): string[] {
  return [...Object.keys(p?.dependsOn ?? {}), ...Object.keys(p?.optionalDependsOn ?? {})]
}

/** Marks every plugin that (transitively) depends on a failed one as failed. */
export function propagateFailures(byId: ReadonlyMap<string, PluginDefinition>, failed: Map<string, string>): void {
  let changed = true
  while (changed) {
    changed = false
    for (const p of byId.values()) {
      if (failed.has(p.id)) continue
      const bad = Object.keys(p.dependsOn ?? {}).find((d) => failed.has(d))
      if (bad) {
        failed.set(p.id, `dependency "${bad}" failed: ${failed.get(bad)}`)
        changed = true
      }
    }
  }
}
