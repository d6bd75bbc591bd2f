/**
 * JSON Schema building blocks of the spaces routes: ids, pagination and the page envelope.
 */

export const uuid = { type: 'string', format: 'uuid' } as const
export const timestamp = { type: 'string', format: 'date-time' } as const

/** `params` of routes addressed by `:id`. */
export const idParams = { type: 'object', required: ['id'], additionalProperties: false, properties: { id: uuid } } as const

/** `limit`/`offset` query properties. */
export const pageQueryProperties = {
  limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
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
