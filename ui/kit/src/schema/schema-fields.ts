/**
 * `schemaFields()`: reads an object JSON Schema into a flat list of field descriptions (kind, label, help,
 * limits, choices) in property order, so `tz-schema-form` renders from a plain list and the mapping is
 * testable without a browser.
 */
import { humanize } from '../problem.ts'
import type { JsonSchema, JsonSchemaType } from './json-schema.ts'

export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'string-array' | 'enum-array' | 'unsupported'

export interface FieldChoice {
  value: string | number | boolean
  label: string
}

export interface FieldSpec {
  name: string
  kind: FieldKind
  label: string
  help: string
  required: boolean
  schema: JsonSchema
  choices: FieldChoice[]
  /** For strings: the `<input type>` to use. */
  inputType: 'text' | 'email' | 'password' | 'url'
  multiline: boolean
  readOnly: boolean
}

/** The first non-null type of a schema (`['string', 'null']` → `string`). */
export function primaryType(schema: JsonSchema): JsonSchemaType | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null')
  if (schema.type) return schema.type
  if (schema.enum?.length) return typeof schema.enum[0] === 'number' ? 'number' : 'string'
  return undefined
}

/** Choices from `enum` or from `oneOf`/`anyOf` of `{ const, title }` (labelled enums). */
export function choicesOf(schema: JsonSchema): FieldChoice[] | null {
  if (Array.isArray(schema.enum)) {
    return schema.enum
      .filter((v): v is string | number | boolean => v !== null)
      .map((v) => ({ value: v, label: String(v) }))
  }
  const alternatives = schema.oneOf ?? schema.anyOf
  if (alternatives?.length && alternatives.every((a) => 'const' in a)) {
    return alternatives.map((a) => ({
      value: a.const as string | number | boolean,
      label: a.title ?? String(a.const),
    }))
  }
  return null
}

function kindOf(schema: JsonSchema): FieldKind {
  if (choicesOf(schema)) return 'enum'
  const type = primaryType(schema)
  if (type === 'string' || type === 'number' || type === 'integer' || type === 'boolean') return type
  if (type === 'array' && schema.items) {
    if (choicesOf(schema.items)) return 'enum-array'
    if (primaryType(schema.items) === 'string') return 'string-array'
  }
  return 'unsupported'
}

function inputTypeOf(schema: JsonSchema): FieldSpec['inputType'] {
  if (schema.format === 'password' || schema.writeOnly) return 'password'
  if (schema.format === 'email') return 'email'
  if (schema.format === 'uri' || schema.format === 'url') return 'url'
  return 'text'
}

/** One {@link FieldSpec} per property of an object schema, in declaration order. */
export function schemaFields(schema: JsonSchema | null | undefined): FieldSpec[] {
  if (!schema?.properties) return []
  const required = new Set(schema.required ?? [])
  return Object.entries(schema.properties).map(([name, prop]) => {
    const kind = kindOf(prop)
    return {
      name,
      kind,
      label: prop.title ?? humanize(name),
      help: prop.description ?? '',
      required: required.has(name),
      schema: prop,
      choices: (kind === 'enum-array' ? choicesOf(prop.items ?? {}) : choicesOf(prop)) ?? [],
      inputType: inputTypeOf(prop),
      multiline: prop['x-multiline'] === true || (prop.maxLength ?? 0) > 200,
      readOnly: prop.readOnly === true,
    }
  })
}
