/**
 * Request validation with ajv. Bodies are validated strictly — no type coercion, and unknown fields are errors, not
 * silently removed (Fastify's default `removeAdditional` would drop them). Query strings and path params are strings
 * on the wire, so there types are coerced. Every error is reported (`allErrors`), so a client sees all bad fields.
 * Every Tessera ajv instance (these, and plugin config validation) knows the SDK's formats (`iana-timezone`, and the
 * bounded `date-time` and `date` that replace ajv-formats' own): see `makeAjv`.
 */
import { Ajv } from 'ajv'
import type { Options } from 'ajv'
import addFormats from 'ajv-formats'
import type { FastifyInstance } from 'fastify'
import { jsonFormats } from '@tessera/sdk'

/** An ajv instance with ajv-formats and the SDK's formats (which win over ajv-formats' `date-time` and `date`). */
export function makeAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, ...options })
  ;(addFormats as unknown as (a: Ajv) => void)(ajv)
  for (const [name, format] of Object.entries(jsonFormats)) ajv.addFormat(name, format)
  return ajv
}

const strict = makeAjv({ removeAdditional: false, useDefaults: true, coerceTypes: false })
const coercing = makeAjv({ removeAdditional: false, useDefaults: true, coerceTypes: 'array' })

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
