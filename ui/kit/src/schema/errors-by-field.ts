/**
 * `errorsByField()`: sorts a problem's `errors` (JSON Pointers such as `/config/maxSeats` or
 * `/config/tags/2`) onto the form's fields. Pointers under `base` that name a field go to that field; an error
 * on the object itself that names a missing required property (ajv's "must have required property 'x'") goes
 * to `x`; everything else is returned in `unmatched` for the form to show above the fields.
 */
import type { ProblemFieldError } from '../problem.ts'
import type { FieldErrors } from './validate-value.ts'

export interface SortedErrors {
  byField: FieldErrors
  unmatched: ProblemFieldError[]
}

function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~')
}

export function errorsByField(errors: ProblemFieldError[] | null | undefined, fieldNames: string[], base = ''): SortedErrors {
  const names = new Set(fieldNames)
  const byField: FieldErrors = {}
  const unmatched: ProblemFieldError[] = []
  const prefix = base.replace(/\/$/, '')
  for (const error of errors ?? []) {
    const pointer = error.pointer ?? ''
    let field: string | undefined
    if (pointer.startsWith(`${prefix}/`)) {
      const segment = unescape(pointer.slice(prefix.length + 1).split('/')[0] ?? '')
      if (names.has(segment)) field = segment
    } else if (pointer === prefix) {
      const missing = /required property '([^']+)'/.exec(error.detail)?.[1]
      if (missing && names.has(missing)) field = missing
    }
    if (field) byField[field] = byField[field] ? `${byField[field]} ${error.detail}` : error.detail
    else unmatched.push(error)
  }
  return { byField, unmatched }
}
