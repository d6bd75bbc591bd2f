/**
 * Fastify's own header object of a reply — what `reply.header()` writes into and `writeHead` sends in one pass — for
 * the kernel's root hooks that set the same headers on every answer. `reply.header()` lower-cases each name and stores
 * it into an object whose shape differs from answer to answer (~400 instructions a header, measured with
 * `bench/profile-instructions.ts`); starting the object as a copy of a precomputed one of lower-case names costs one
 * object clone of a fixed shape. The object is found by its symbol's description (`fastify.reply.headers`, Fastify 5's
 * `kReplyHeaders`) on the first reply; if a Fastify version does not have it, {@link presetHeaders} falls back to
 * `reply.header()` and nothing but the speed changes (`kernel/core/test/security-headers.test.ts` checks that the
 * fast path is the one taken).
 */
import type { FastifyReply } from 'fastify'

type Headers = Record<string, string | number | string[] | undefined>
let key: symbol | null | undefined

/** The reply's header object, or undefined when this Fastify keeps it elsewhere. */
export function replyHeaderObject(reply: FastifyReply): Headers | undefined {
  if (key === undefined) key = Object.getOwnPropertySymbols(reply).find((s) => s.description === 'fastify.reply.headers') ?? null
  if (key === null) return undefined
  const own = (reply as unknown as Record<symbol, unknown>)[key]
  return own !== null && typeof own === 'object' ? (own as Headers) : undefined
}

/**
 * Starts the reply's headers as `preset` (names already lower-case); what the reply already had wins, and what a
 * route or hook sets later replaces a preset value. Call from the first root `onRequest` hook.
 */
export function presetHeaders(reply: FastifyReply, preset: Readonly<Record<string, string>>): void {
  const own = replyHeaderObject(reply)
  if (own) (reply as unknown as Record<symbol, Headers>)[key as symbol] = Object.assign({ ...preset }, own)
  else reply.headers(preset)
}
