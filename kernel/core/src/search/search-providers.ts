/**
 * Runs the top-bar search across plugins' search providers (`definePlugin({ search })`), inside the caller's tenant
 * transaction: each enabled plugin whose provider's permission the caller holds is asked in turn, in a savepoint with
 * `SET LOCAL statement_timeout` set to its budget (and a timer of the same budget around its answer), then rolled back
 * to that savepoint — a search writes nothing, and the timeout does not outlive the provider. A provider that fails or
 * runs over its budget is left out (logged, and named in `skipped`); the others still answer. Results are checked
 * (declared kind, app path, bounded strings, rank in 0–1), grouped by kind and ordered by rank.
 */
import type { Logger, SearchKind, SearchResult } from '@tessera/sdk'
import { SEARCH_MAX_LIMIT } from '@tessera/sdk'
import { currentScope } from '../db/tenant-scope.ts'
import type { TenantRunner } from '../tenancy/tenant-runner.ts'
import type { PluginRuntime } from '../plugin-host/plugin-runtime.ts'
import type { TenantScope } from '../db/tenant-scope.ts'

/** Default budget of a provider that declares none (ms). */
export const DEFAULT_SEARCH_TIMEOUT_MS = 500

/** One group of the answer: the results of one kind of one plugin, best first. */
export interface SearchGroup {
  kind: string
  label: string
  plugin: { id: string; name: string }
  results: SearchResult[]
}

/** A provider left out of an answer. */
export interface SkippedProvider {
  plugin: string
  reason: 'timeout' | 'error'
}

const cut = (s: unknown, max: number): string => String(s ?? '').slice(0, max)
const isAppPath = (href: unknown): href is string => typeof href === 'string' && /^\/(?![/\\])/.test(href) && href.length <= 500

class SearchTimeout extends Error {}

/** Rejects with {@link SearchTimeout} when `promise` has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new SearchTimeout()), ms)))
  return Promise.race([promise, late]).finally(() => clearTimeout(timer))
}

/** The provider's results that keep to its declaration, bounded. */
function checked(results: unknown, kinds: readonly SearchKind[], limit: number): SearchResult[] {
  if (!Array.isArray(results)) return []
  const declared = new Set(kinds.map((k) => k.id))
  return results
    .filter((r): r is SearchResult => typeof r === 'object' && r !== null && declared.has((r as SearchResult).kind) && isAppPath((r as SearchResult).href))
    .map((r) => ({
      kind: r.kind, id: cut(r.id, 100), title: cut(r.title, 200), href: r.href,
      ...(r.subtitle ? { subtitle: cut(r.subtitle, 200) } : {}),
      rank: Number.isFinite(r.rank) ? Math.min(1, Math.max(0, r.rank)) : 0,
    }))
    .slice(0, limit)
}

/** Asks every provider the caller may use; call inside the caller's tenant transaction (not statement-bound). */
export async function searchProviders(
  plugins: readonly PluginRuntime[], runner: TenantRunner, log: Logger, query: { q: string; limit: number },
): Promise<{ groups: SearchGroup[]; skipped: SkippedProvider[] }> {
  const scope: TenantScope = currentScope()
  const limit = Math.min(query.limit, SEARCH_MAX_LIMIT)
  const groups: SearchGroup[] = []
  const skipped: SkippedProvider[] = []
  for (const rt of plugins) {
    const def = rt.definition
    const provider = def?.search
    if (!provider || !rt.ctx || scope.tenantPlugins.get(rt.id)?.state !== 'enabled' || !scope.permissions.has(provider.permission)) continue
    const ms = provider.timeoutMs ?? DEFAULT_SEARCH_TIMEOUT_MS
    const started = Date.now()
    await scope.client.query('SAVEPOINT tessera_search')
    await scope.client.query(`SET LOCAL statement_timeout = ${Math.trunc(ms)}`)
    try {
      const answer = await within(
        runner.run({ pluginId: rt.id, tenantId: scope.tenantId, actor: scope.actor, permissions: scope.permissions, requestId: scope.requestId }, () =>
          provider.query(rt.ctx!, { q: query.q, limit })),
        ms,
      )
      const results = checked(answer, provider.kinds, limit)
      for (const kind of provider.kinds) {
        const ofKind = results.filter((r) => r.kind === kind.id).sort((a, b) => b.rank - a.rank)
        if (ofKind.length) groups.push({ kind: kind.id, label: kind.label, plugin: { id: rt.id, name: def.name ?? rt.id }, results: ofKind })
      }
    } catch (err) {
      const timeout = err instanceof SearchTimeout || (err as { code?: string }).code === '57014'
      skipped.push({ plugin: rt.id, reason: timeout ? 'timeout' : 'error' })
      log.warn({ plugin: rt.id, ms: Date.now() - started, err: (err as Error).message }, timeout ? 'search provider ran over its budget; left out' : 'search provider failed; left out')
    } finally {
      await scope.client.query('ROLLBACK TO SAVEPOINT tessera_search')
    }
  }
  groups.sort((a, b) => b.results[0]!.rank - a.results[0]!.rank || a.label.localeCompare(b.label))
  return { groups, skipped }
}
