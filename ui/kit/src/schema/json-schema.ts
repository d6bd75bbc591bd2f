/**
 * The subset of JSON Schema (draft 2020-12 / draft-07 keywords) that `tz-schema-form` understands: an object
 * whose properties are strings, numbers, integers, booleans, enums, or arrays of strings/enums. This is the
 * shape plugin `configSchema`s use; anything else renders as "not editable here".
 */

export type JsonSchemaType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'null'

export interface JsonSchema {
  type?: JsonSchemaType | JsonSchemaType[]
  title?: string
  description?: string
  default?: unknown
  enum?: unknown[]
  const?: unknown
  oneOf?: JsonSchema[]
  anyOf?: JsonSchema[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  multipleOf?: number
  minLength?: number
  maxLength?: number
  pattern?: string
  format?: string
  minItems?: number
  maxItems?: number
  uniqueItems?: boolean
  readOnly?: boolean
  writeOnly?: boolean
  /** Tessera UI hint: render a string as a multi-line text area. */
  'x-multiline'?: boolean
  /** Tessera UI hint: placeholder text. */
  'x-placeholder'?: string
  [keyword: string]: unknown
}
