/**
 * Request validation with ajv. Bodies are validated strictly — no type coercion, and unknown fields are errors, not
 * silently removed (Fastify's default `removeAdditional` would drop them). Query strings and path params are strings
 * on the wire, so there types are coerced. Every error is reported (`allErrors`), so a client sees all bad fields.
 */
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import type { FastifyInstance } from 'fastify'

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, coerceTypes: coerce ? 'array' : false, strict: false })
  ;(addFormats as unknown as (a: Ajv) => void)(ajv)
  return ajv
}

/** Installs the two validators on `app`. */
export function installValidators(app: FastifyInstance): void {
  const strict = makeAjv(false)
  const coercing = makeAjv(true)
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema))
}
