/**
 * `validateValue()`: the client-side check `tz-schema-form` runs before emitting `tz-submit`: required,
 * string length and pattern, email format, number type and bounds, enum membership, array size and
 * uniqueness. It answers in sentences keyed by field name; the server remains the authority (its 400
 * `errors` are shown the same way).
 */
import type { FieldSpec } from './schema-fields.ts'

export type FieldErrors = Record<string, string>

const emailLike = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
}

function checkString(value: string, spec: FieldSpec): string | null {
  const s = spec.schema
  if (s.minLength !== undefined && value.length < s.minLength) return `Use at least ${s.minLength} characters.`
  if (s.maxLength !== undefined && value.length > s.maxLength) return `Use at most ${s.maxLength} characters.`
  if (s.pattern && !new RegExp(s.pattern, 'u').test(value)) return 'This does not match the expected format.'
  if (s.format === 'email' && !emailLike.test(value)) return 'Enter an email address.'
  return null
}

function checkNumber(value: unknown, spec: FieldSpec): string | null {
  const s = spec.schema
  if (typeof value !== 'number' || Number.isNaN(value)) return 'Enter a number.'
  if (spec.kind === 'integer' && !Number.isInteger(value)) return 'Enter a whole number.'
  if (s.minimum !== undefined && value < s.minimum) return `Must be at least ${s.minimum}.`
  if (s.maximum !== undefined && value > s.maximum) return `Must be at most ${s.maximum}.`
  if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum) return `Must be more than ${s.exclusiveMinimum}.`
  if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum) return `Must be less than ${s.exclusiveMaximum}.`
  return null
}

function checkArray(value: unknown, spec: FieldSpec): string | null {
  if (!Array.isArray(value)) return 'Enter a list.'
  const s = spec.schema
  if (s.minItems !== undefined && value.length < s.minItems) return `Add at least ${s.minItems} item${s.minItems === 1 ? '' : 's'}.`
  if (s.maxItems !== undefined && value.length > s.maxItems) return `Use at most ${s.maxItems} items.`
  if (s.uniqueItems && new Set(value).size !== value.length) return 'Each item must be different.'
  if (spec.kind === 'string-array') {
    for (const [i, item] of value.entries()) {
      if (typeof item !== 'string' || item === '') return `Item ${i + 1} is empty.`
      const problem = checkString(item, { ...spec, schema: spec.schema.items ?? {} })
      if (problem) return `Item ${i + 1}: ${problem.charAt(0).toLowerCase()}${problem.slice(1)}`
    }
  }
  return null
}

/** Errors for the fields of `value`, keyed by field name; an empty object means valid. */
export function validateValue(fields: FieldSpec[], value: Record<string, unknown>): FieldErrors {
  const errors: FieldErrors = {}
  for (const spec of fields) {
    const v = value[spec.name]
    if (isEmpty(v)) {
      if (spec.required && spec.kind !== 'boolean') {
        errors[spec.name] = spec.kind === 'enum' ? 'Choose an option.' : spec.kind.endsWith('array') ? 'Add at least one item.' : 'Enter a value.'
      }
      continue
    }
    let problem: string | null = null
    if (spec.kind === 'string') problem = typeof v === 'string' ? checkString(v, spec) : 'Enter text.'
    else if (spec.kind === 'number' || spec.kind === 'integer') problem = checkNumber(v, spec)
    else if (spec.kind === 'enum') problem = spec.choices.some((c) => c.value === v) ? null : 'Choose one of the options.'
    else if (spec.kind === 'string-array' || spec.kind === 'enum-array') problem = checkArray(v, spec)
    if (problem) errors[spec.name] = problem
  }
  return errors
}
