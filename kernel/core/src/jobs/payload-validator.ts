/**
 * Event payload validation: each event schema is compiled once at boot (ajv, every error, the kernel's formats, no
 * coercion, no defaults — a payload is never rewritten) into a check that returns the problems of a payload, or none.
 * The publisher's schema guards `publish`; a typed subscriber's own copy guards delivery.
 */
import type { JsonSchema } from '@tessera/sdk'
import { makeAjv } from '../http/validator-compiler.ts'

const ajv = makeAjv({ coerceTypes: false, useDefaults: false, removeAdditional: false })

/** Returns the problems of a payload (`/path message`), empty when it matches. */
export type PayloadCheck = (payload: unknown) => string[]

/** Compiles `schema`; throws when ajv cannot compile it. */
export function compilePayloadCheck(schema: JsonSchema): PayloadCheck {
  const validate = ajv.compile(schema)
  return (payload) => (validate(payload) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`))
}
