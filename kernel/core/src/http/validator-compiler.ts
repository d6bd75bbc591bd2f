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

const strict = makeAjv(false)
const coercing = makeAjv(true)

/** Installs the two validators on `app`. */
export function installValidators(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema))
}

/**
 * Compiles every schema of a route now, so that a schema ajv refuses fails the route's registration (and only its
 * plugin) instead of the kernel's `ready()`.
 */
export function checkRouteSchemas(schema: Record<string, unknown> | undefined): void {
  if (!schema) return
  for (const part of ['body', 'querystring', 'params', 'headers']) {
    if (schema[part]) (part === 'body' ? strict : coercing).compile(schema[part] as object)
  }
  for (const [status, s] of Object.entries((schema.response ?? {}) as Record<string, object>)) {
    try {
      strict.compile(s)
    } catch (err) {
      throw new Error(`response schema ${status}: ${(err as Error).message}`)
    }
  }
}
