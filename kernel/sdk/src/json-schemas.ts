/**
 * JSON Schema building blocks every plugin's routes need: ids, timestamps, `:id` params, pagination and the page
 * envelope, an empty action body. Shared here so that every plugin's API looks the same to a client.
 */

/** A uuid string. @public */
export const uuid = { type: 'string', format: 'uuid' } as const

/** An RFC 3339 timestamp. @public */
export const timestamp = { type: 'string', format: 'date-time' } as const

/** A string or `null`. @public */
export const nullableString = { type: ['string', 'null'] } as const

/** A timestamp or `null`. @public */
export const nullableTimestamp = { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] } as const

/** `params` of routes addressed by `:id` (a uuid). @public */
export const idParams = { type: 'object', required: ['id'], additionalProperties: false, properties: { id: uuid } } as const

/** `limit` (1–200, default 50) and `offset` query properties; the kernel coerces them from the query string. @public */
export const pageQueryProperties = {
  limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
  offset: { type: 'integer', minimum: 0, default: 0 },
} as const

/** The response of a paginated list: `{ items, total, limit, offset }`. @public */
export function pageOf(item: Record<string, unknown>) {
  return {
    type: 'object',
    required: ['items', 'total', 'limit', 'offset'],
    properties: { items: { type: 'array', items: item }, total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' } },
  } as const
}

/** An empty JSON body (`{}`), for action routes that take no input. @public */
export const emptyBody = { type: 'object', additionalProperties: false, properties: {} } as const
