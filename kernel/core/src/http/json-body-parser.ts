/**
 * The kernel's one JSON body parser. Before anything walks the value — `JSON.parse`'s reviver-free parse is fine, but
 * prototype-poisoning scans, ajv and handlers recurse — the raw text is scanned once for its nesting depth, and a body
 * nested deeper than {@link MAX_JSON_DEPTH} arrays/objects is refused with a 400 problem+json. Then Fastify's own
 * parser (secure-json-parse: `__proto__` refused) does the parsing.
 */
import type { FastifyInstance } from 'fastify'
import { problem } from '@tessera/sdk'

/** Deepest nesting of arrays and objects a request body may have. No Tessera schema needs more than a handful. */
export const MAX_JSON_DEPTH = 64

/**
 * Whether the JSON text `text` nests arrays/objects deeper than `max`. A linear scan that skips string contents
 * (escapes included); it does not validate the JSON — the parser does that afterwards.
 */
export function exceedsJsonDepth(text: string, max: number = MAX_JSON_DEPTH): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true
    } else if (c === 0x7d || c === 0x5d) depth--
  }
  return false
}

/** Replaces Fastify's `application/json` parser with the depth-checking one. */
export function installJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'ignore')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body as string
    if (exceedsJsonDepth(text)) return done(problem.badRequest(`The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels.`, [{ pointer: '/body', detail: `nested deeper than ${MAX_JSON_DEPTH} levels` }]), undefined)
    return parse(req, text, done)
  })
}
