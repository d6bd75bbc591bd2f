/**
 * JSON Schema building blocks of the bookings routes.
 */

export const uuid = { type: 'string', format: 'uuid' } as const
export const timestamp = { type: 'string', format: 'date-time' } as const
export const nullableTimestamp = { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] } as const

/** `params` of routes addressed by `:id`. */
export const idParams = { type: 'object', required: ['id'], additionalProperties: false, properties: { id: uuid } } as const

/** `limit`/`offset` query properties. */
export const pageQueryProperties = {
  limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
  offset: { type: 'integer', minimum: 0, default: 0 },
} as const

/** A page of `item`. */
export function pageOf(item: Record<string, unknown>) {
  return {
    type: 'object',
    required: ['items', 'total', 'limit', 'offset'],
    properties: { items: { type: 'array', items: item }, total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' } },
  } as const
}

/** An empty JSON body (`{}`), for action routes that take no input. */
export const emptyBody = { type: 'object', additionalProperties: false, properties: {} } as const
