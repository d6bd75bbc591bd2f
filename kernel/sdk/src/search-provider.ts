/**
 * Search providers: how a plugin answers the shell's top-bar search (`GET /api/v1/search`) for its own tables. The
 * kernel knows no domain: it calls each enabled plugin's provider inside the caller's tenant transaction (so RLS
 * applies), only when the caller holds the provider's `permission`, within a time budget (a provider that runs over
 * it is dropped from the answer, the others still answer), and merges the results by `rank`.
 */
import type { PluginContext } from './plugin-context.ts'

/** The longest search text the kernel accepts (characters). @public */
export const SEARCH_MAX_QUERY = 100
/** The most results a provider is asked for, and the most the search route answers per kind. @public */
export const SEARCH_MAX_LIMIT = 20

/** What a provider is asked: the trimmed text (1–{@link SEARCH_MAX_QUERY} characters) and how many results at most. @public */
export interface SearchQuery {
  q: string
  /** 1–{@link SEARCH_MAX_LIMIT}; a provider returns at most this many results (the kernel cuts the rest). */
  limit: number
}

/** One hit a provider returns. Strings longer than the stated bounds are cut by the kernel. @public */
export interface SearchResult {
  /** One of the provider's declared `kinds` (e.g. `person`); results of an undeclared kind are dropped. */
  kind: string
  /** The record's id (at most 100 characters). */
  id: string
  /** The line shown in the results list (at most 200 characters). */
  title: string
  /** A second, quieter line (at most 200 characters). */
  subtitle?: string
  /** The app path the result opens, starting with `/` (e.g. `/members/<id>`). */
  href: string
  /** Relevance from 0 (barely) to 1 (exact); results of all providers are merged by it, highest first. */
  rank: number
}

/** A kind of result a provider returns, with the heading the shell shows over its group. @public */
export interface SearchKind {
  /** `[a-z][a-z0-9-]*`, at most 40 characters. */
  id: string
  /** Group heading, at most 60 characters (e.g. `People`). */
  label: string
}

/** A plugin's search provider (`definePlugin({ search })`). @public */
export interface SearchProvider<Config = Record<string, unknown>> {
  /** The kinds of result it returns (1–8). */
  kinds: SearchKind[]
  /** Asked only for callers holding this permission (a read permission of the plugin's records). */
  permission: string
  /**
   * Budget in milliseconds (50–2,000, default 500): the provider's statements run under `statement_timeout` and its
   * answer is awaited that long; past it the provider is left out of the answer.
   */
  timeoutMs?: number
  /** Finds the records matching `query.q`, in the caller's tenant transaction (use `ctx.db`); read-only. */
  query(ctx: PluginContext<Config>, query: SearchQuery): Promise<SearchResult[]>
}
