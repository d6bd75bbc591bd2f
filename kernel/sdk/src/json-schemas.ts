/**
 * JSON Schema building blocks every plugin's routes need: ids, timestamps, timezones, `:id` params, pagination and the
 * page envelope, an empty action body. Shared here so that every plugin's API looks the same to a client, and bounded
 * (INV-9): every string has a `maxLength`, every number a `minimum` and a `maximum`, so that any accepted value fits
 * the column it is stored in. The kernel refuses a route whose request schema has an unbounded string or number.
 */

/** The largest `offset` a list accepts (PostgreSQL `integer`, so any accepted value also fits an `int4` column). @public */
export const MAX_OFFSET = 2_147_483_647

/** A uuid string. @public */
export const uuid = { type: 'string', format: 'uuid', maxLength: 36 } as const

/** An RFC 3339 timestamp: the bounded `date-time` format (years 1900–2999, no leap second; see `jsonFormats`). @public */
export const timestamp = { type: 'string', format: 'date-time', maxLength: 35 } as const

/** A calendar date `YYYY-MM-DD` (years 1900–2999). @public */
export const date = { type: 'string', format: 'date', maxLength: 10 } as const

/** An IANA timezone name (`Europe/London`), checked against the runtime's `Intl` (format `iana-timezone`). @public */
export const timezone = { type: 'string', format: 'iana-timezone', minLength: 1, maxLength: 64 } as const

/** A string or `null` (output; for input use {@link nullableText}). @public */
export const nullableString = { type: ['string', 'null'] } as const

/** A string of at most `maxLength` characters, or `null` (input). @public */
export function nullableText<N extends number>(maxLength: N) {
  return { type: ['string', 'null'], maxLength } as const
}

/** A timestamp or `null`. @public */
export const nullableTimestamp = { anyOf: [timestamp, { type: 'null' }] } as const

/** `params` of routes addressed by `:id` (a uuid). @public */
export const idParams = { type: 'object', required: ['id'], additionalProperties: false, properties: { id: uuid } } as const

/** `limit` (1–200, default 50) and `offset` (0–{@link MAX_OFFSET}) query properties; the kernel coerces them from the query string. @public */
export const pageQueryProperties = {
  limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
  offset: { type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 },
} as const

/** The response of a paginated list: `{ items, total, limit, offset }` (literal in `item`, so `FromSchema` types `items`). @public */
export function pageOf<const Item extends Record<string, unknown>>(item: Item) {
  return {
    type: 'object',
    required: ['items', 'total', 'limit', 'offset'],
    properties: { items: { type: 'array', items: item }, total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' } },
  } as const
}

/** An empty JSON body (`{}`), for action routes that take no input. @public */
export const emptyBody = { type: 'object', additionalProperties: false, properties: {} } as const
