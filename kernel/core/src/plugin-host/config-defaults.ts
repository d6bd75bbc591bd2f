/**
 * Defaults on read. A tenant's plugin config is validated (defaults applied) when it is enabled or reconfigured and
 * stored as given; when a later version of the plugin adds a setting with a `default`, tenants enabled before the
 * upgrade have no value for it. `ctx.config()` therefore applies the schema's defaults (ajv `useDefaults`) to a copy of
 * the stored record, cached per record, so the plugin always sees every defaulted setting and the stored row is left
 * alone (it is rewritten only when the tenant is reconfigured). Nested defaults apply where their parent object exists,
 * as in ajv.
 */
import type { JsonSchema } from '@tessera/sdk'
import { makeAjv } from '../http/validator-compiler.ts'

const ajv = makeAjv({ useDefaults: true, coerceTypes: false, removeAdditional: false, validateFormats: false })
const EMPTY = Object.freeze({})

/** Returns a reader that gives the stored config with `schema`'s defaults applied (the same object per stored record). */
export function configReader(schema: JsonSchema | undefined): (stored: Record<string, unknown> | undefined) => Record<string, unknown> {
  if (!schema) return (stored) => stored ?? {}
  const apply = ajv.compile(schema)
  const cache = new WeakMap<object, Record<string, unknown>>()
  return (stored) => {
    const key = stored ?? EMPTY
    let value = cache.get(key)
    if (!value) {
      value = structuredClone(key) as Record<string, unknown>
      apply(value) // validity was checked when the config was stored; only the defaults matter here
      cache.set(key, value)
    }
    return value
  }
}
