/**
 * Lit and the UI kit for this plugin's screens, plus small helpers they share.
 *
 * At runtime `lit` and `@tessera/ui-kit` are the shell's shared copies: the build keeps the bare specifiers
 * external and the import map resolves them. This package does not list them as dependencies, so their types come
 * from the workspace by path (type-only imports, erased by the build).
 */
// @ts-ignore -- resolved by the shell's import map in the browser; typed below
import * as lit from 'lit'
// @ts-ignore -- resolved by the shell's import map in the browser; typed below
import * as kit from '@tessera/ui-kit'
import type * as Lit from '../../../node_modules/.pnpm/node_modules/lit/index.js'
import type * as Kit from '../../../ui/kit/src/index.ts'

const L = lit as typeof Lit
const K = kit as typeof Kit

export const { LitElement, html, css } = L
export const nothing: typeof Lit.nothing = L.nothing
export type LitElement = Lit.LitElement
export type PropertyValues = Lit.PropertyValues
export type TemplateResult = Lit.TemplateResult

export const { api, ProblemError, toast, navigate, realtime } = K
export type ProblemError = Kit.ProblemError
export type Problem = Kit.Problem
export type TableColumn<Row> = Kit.TableColumn<Row>
export type SelectOption = Kit.SelectOption
export type RealtimeEvent<T = unknown> = Kit.RealtimeEvent<T>

/** What the shell sets on every route element. */
export interface Tenant {
  id: string
  slug: string
  name: string
  role: string
}

/** The value of the control that fired `event` (kit inputs expose `value` / `checked`). */
export function valueOf<T = string>(event: Event): T {
  return (event.target as unknown as { value: T }).value
}
export function checkedOf(event: Event): boolean {
  return (event.target as unknown as { checked: boolean }).checked
}

/**
 * Splits a problem's `errors` into messages for the fields this form shows (by pointer without `/body`, e.g.
 * `name`, `rules/minMinutes`) and the rest, which stay on the problem for a `tz-alert` above the form.
 */
export function splitProblem(error: unknown, fields: readonly string[]): { problem: Problem; fieldErrors: Record<string, string> } {
  if (!(error instanceof K.ProblemError)) {
    return { problem: { title: 'Something went wrong', status: 0, detail: String((error as Error)?.message ?? error) }, fieldErrors: {} }
  }
  const fieldErrors: Record<string, string> = {}
  const rest: Kit.ProblemFieldError[] = []
  for (const e of error.problem.errors ?? []) {
    const key = e.pointer.replace(/^\/body/, '').replace(/^\//, '')
    const match = fields.find((f) => key === f || key.startsWith(`${f}/`))
    if (match && !fieldErrors[match]) fieldErrors[match] = e.detail.charAt(0).toUpperCase() + e.detail.slice(1)
    else if (!match) rest.push(e)
  }
  return { problem: { ...error.problem, errors: rest }, fieldErrors }
}

/** Layout shared by the screens. */
export const screenStyles = css`
  :host { display: block; }
  .section { margin-top: var(--tz-space-8); }
  .section h2 { font-size: var(--tz-text-lg); margin: 0 0 var(--tz-space-3); }
  [slot='breadcrumbs'] a { color: inherit; text-decoration: none; }
  [slot='breadcrumbs'] a:hover { color: var(--tz-color-text); text-decoration: underline; }
  a.strong { color: var(--tz-color-text); font-weight: 600; text-decoration: none; }
  a.strong:hover { color: var(--tz-color-accent); text-decoration: underline; }
  .muted { color: var(--tz-color-text-muted); }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: var(--tz-space-2) var(--tz-space-6); margin: 0; }
  dl.facts dt { color: var(--tz-color-text-muted); }
  dl.facts dd { margin: 0; }
  form { display: grid; gap: var(--tz-space-4); }
  .row { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: var(--tz-space-4); }
  fieldset { border: 1px solid var(--tz-color-border); border-radius: var(--tz-radius-md); padding: var(--tz-space-4); margin: 0; display: grid; gap: var(--tz-space-3); }
  legend { font-weight: 600; padding: 0 var(--tz-space-1); }
  .actions { display: flex; gap: var(--tz-space-2); flex-wrap: wrap; }
`
