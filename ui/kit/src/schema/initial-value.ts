/**
 * `initialValue()`: the value a schema form starts from: the given value, with each missing property filled
 * from its `default` (arrays and objects copied, so editing the form never mutates the schema or the caller's
 * object).
 */
import type { JsonSchema } from './json-schema.ts'

export type FormValue = Record<string, unknown>

export function initialValue(schema: JsonSchema | null | undefined, value: FormValue | null | undefined): FormValue {
  const result: FormValue = structuredClone(value ?? {})
  for (const [name, prop] of Object.entries(schema?.properties ?? {})) {
    if (result[name] === undefined && prop.default !== undefined) result[name] = structuredClone(prop.default)
  }
  return result
}
