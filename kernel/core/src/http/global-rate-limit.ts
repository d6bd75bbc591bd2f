/**
 * The global rate limit (`rateLimit.max` requests per client address per `rateLimit.timeWindowMs`), as one synchronous
 * `onRequest` hook: a counter per address in fixed windows aligned to the clock (the counts are dropped when a new
 * window starts), so a request costs one map lookup and no promise or allocation (`@fastify/rate-limit`'s global hook
 * took several awaits and a timer entry per request). Every answer carries `x-ratelimit-limit`, `-remaining` and
 * `-reset` (seconds until the window ends); a request over the limit is a 429 problem+json with `retry-after`, before
 * any other work. Two windows meet at a boundary, so a client can send up to twice the limit across one. Routes with a
 * limit of their own (`config.rateLimit`, sign-in) are still limited by `@fastify/rate-limit` as well.
 */
import type { FastifyInstance } from 'fastify'
import { ProblemError } from '@tessera/sdk'
import { WindowCounter } from './window-counter.ts'
import { replyHeaderObject } from './reply-headers.ts'

/** Installs the limit as a root `onRequest` hook. */
export function installGlobalRateLimit(app: FastifyInstance, options: { max: number; timeWindowMs: number }): void {
  const counter = new WindowCounter(options.timeWindowMs)
  const limit = String(options.max)
  app.addHook('onRequest', (req, reply, done) => {
    const now = Date.now()
    const count = counter.hit(req.ip, now)
    const reset = Math.ceil(counter.msLeft(now) / 1000)
    // into the reply's own headers, written with the others in one pass (reply-headers.ts)
    const remaining = count < options.max ? String(options.max - count) : '0'
    const own = replyHeaderObject(reply)
    if (own) {
      own['x-ratelimit-limit'] = limit
      own['x-ratelimit-remaining'] = remaining
      own['x-ratelimit-reset'] = String(reset)
    } else reply.headers({ 'x-ratelimit-limit': limit, 'x-ratelimit-remaining': remaining, 'x-ratelimit-reset': String(reset) })
    if (count <= options.max) return done()
    reply.header('retry-after', String(reset))
    done(new ProblemError(429, 'Too Many Requests', { detail: `Too many requests from this address: at most ${options.max} per ${options.timeWindowMs / 1000} s. Try again in ${reset} s.` }))
  })
}
