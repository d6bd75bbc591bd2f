/**
 * The answer of the kernel's `GET /api/v1/search` as the top-bar search box reads it, and the one list of options
 * its listbox walks with the arrow keys (groups in the kernel's order, results in rank order inside each group).
 */
import { api } from '@tessera/ui-kit'

/** One hit (`SearchResult` of `@tessera/sdk`). */
export interface SearchHit {
  kind: string
  id: string
  title: string
  subtitle?: string
  href: string
  rank: number
}

/** One kind of result from one plugin, with its heading. */
export interface SearchGroup {
  kind: string
  label: string
  plugin: { id: string; name: string }
  results: SearchHit[]
}

/** The whole answer. */
export interface SearchAnswer {
  q: string
  groups: SearchGroup[]
  skipped: { plugin: string; reason: string }[]
}

/** The fewest characters the box searches for (one letter matches nearly everything). */
export const SEARCH_MIN_CHARS = 2

/** Asks the kernel; a problem (422 for a text over 100 characters) is thrown as the kit's `ProblemError`. */
export function fetchSearch(q: string, signal: AbortSignal): Promise<SearchAnswer> {
  return api<SearchAnswer>('/api/v1/search', { query: { q, limit: 8 }, signal })
}

/** The options in the order ArrowDown visits them, each with its position (the listbox's option ids). */
export function flatOptions(answer: SearchAnswer): SearchHit[] {
  return answer.groups.flatMap((g) => g.results)
}
