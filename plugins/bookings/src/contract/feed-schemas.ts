/**
 * JSON Schema of a calendar feed link (`POST /feeds/me`, `/feeds/people/:id`, `/feeds/resources/:id`) and its wire type.
 */
import type { FromSchema } from '@tessera/sdk'

/** An issued feed link. */
export const feedLinkSchema = {
  type: 'object',
  required: ['url', 'path', 'issuedBy', 'replaced', 'notice'],
  properties: {
    url: { type: 'string' },
    path: { type: 'string' },
    issuedBy: { enum: ['self', 'staff'] },
    replaced: { type: 'boolean', description: 'A previous link of the same subject and issuer existed and stops working now' },
    notice: { type: 'string', description: 'What happened to earlier links, in words' },
  },
} as const

/** An issued feed link on the wire. */
export type FeedLink = FromSchema<typeof feedLinkSchema>
