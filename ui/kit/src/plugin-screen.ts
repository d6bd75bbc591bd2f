/**
 * Helpers for plugin screens: the tenant the shell hands to every route element, reading values from kit controls,
 * splitting a problem's field errors between a form's fields and an alert, and the layout styles screens share.
 */
import { css } from 'lit'
import { ProblemError } from './api.ts'
import type { Problem, ProblemFieldError } from './problem.ts'

/** What the shell sets as `tenant` on every route element. */
export interface Tenant {
  id: string
  slug: string
  name: string
  role: string
}

/** The value of the control that fired `event` (kit inputs expose `value`). */
export function valueOf<T = string>(event: Event): T {
  return (event.target as unknown as { value: T }).value
}

/** The checked state of the checkbox that fired `event`. */
export function checkedOf(event: Event): boolean {
  return (event.target as unknown as { checked: boolean }).checked
}

/**
 * Splits a problem's `errors` into messages for the fields a form shows (by pointer without `/body`, e.g. `name`,
 * `rules/minMinutes`) and the rest, which stay on the problem for a `tz-alert` above the form.
 */
export function splitProblem(error: unknown, fields: readonly string[]): { problem: Problem; fieldErrors: Record<string, string> } {
  if (!(error instanceof ProblemError)) {
    return { problem: { title: 'Something went wrong', status: 0, detail: String((error as Error)?.message ?? error) }, fieldErrors: {} }
  }
  const fieldErrors: Record<string, string> = {}
  const rest: ProblemFieldError[] = []
  for (const e of error.problem.errors ?? []) {
    const key = e.pointer.replace(/^\/body/, '').replace(/^\//, '')
    const match = fields.find((f) => key === f || key.startsWith(`${f}/`))
    if (match && !fieldErrors[match]) fieldErrors[match] = e.detail.charAt(0).toUpperCase() + e.detail.slice(1)
    else if (!match) rest.push(e)
  }
  return { problem: { ...error.problem, errors: rest }, fieldErrors }
}

/** Layout shared by plugin screens (sections, fact lists, forms, action rows). */
export const screenStyles = css`
  :host { display: block; }
  .section { margin-top: var(--tz-space-8); }
  .section h2 { font-size: var(--tz-text-lg); margin: 0 0 var(--tz-space-3); }
  [slot='breadcrumbs'] a { color: inherit; text-decoration: none; }
  [slot='breadcrumbs'] a:hover { color: var(--tz-color-text); text-decoration: underline; }
  a.strong { color: var(--tz-color-text); font-weight: 600; text-decoration: none; }
  a.strong:hover { color: var(--tz-color-accent); text-decoration: underline; }
  .muted { color: var(--tz-color-text-muted); }
  .sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: var(--tz-space-2) var(--tz-space-6); margin: 0; }
  dl.facts dt { color: var(--tz-color-text-muted); }
  dl.facts dd { margin: 0; }
  form { display: grid; gap: var(--tz-space-4); }
  .row { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: var(--tz-space-4); }
  fieldset { border: 1px solid var(--tz-color-border); border-radius: var(--tz-radius-md); padding: var(--tz-space-4); margin: 0; display: grid; gap: var(--tz-space-3); }
  legend { font-weight: 600; padding: 0 var(--tz-space-1); }
  .actions { display: flex; gap: var(--tz-space-2); flex-wrap: wrap; }
`
