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

/** Installs the limit as a root `onRequest` hook. */
export function installGlobalRateLimit(app: FastifyInstance, options: { max: number; timeWindowMs: number }): void {
  const counter = new WindowCounter(options.timeWindowMs)
  const limit = String(options.max)
  app.addHook('onRequest', (req, reply, done) => {
    const now = Date.now()
    const count = counter.hit(req.ip, now)
    const reset = Math.ceil(counter.msLeft(now) / 1000)
    // into the reply's headers, written with them in one pass (see security-headers.ts)
    reply.header('x-ratelimit-limit', limit)
    reply.header('x-ratelimit-remaining', count < options.max ? String(options.max - count) : '0')
    reply.header('x-ratelimit-reset', String(reset))
    if (count <= options.max) return done()
    reply.header('retry-after', String(reset))
    done(new ProblemError(429, 'Too Many Requests', { detail: `Too many requests from this address: at most ${options.max} per ${options.timeWindowMs / 1000} s. Try again in ${reset} s.` }))
  })
}
