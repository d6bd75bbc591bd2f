/**
 * `/healthz` (the process is alive) and `/readyz` (both database pools answer within a second and the LISTEN
 * connection is up; `checks` names each): a load balancer takes an instance out while PostgreSQL is away or a lost
 * connection is being re-established, and back in when it returns, without a restart.
 */
import type { FastifyInstance } from 'fastify'
import type { KernelServices } from '../services/kernel-services.ts'

const status = { type: 'object', properties: { status: { type: 'string' } } } as const
// checks: database (admin pool), runtimeDatabase (runtime pool), listener (LISTEN connection) — each true or false
const readyStatus = {
  type: 'object', properties: { status: { type: 'string' }, checks: { type: 'object', additionalProperties: { type: 'boolean' } } },
} as const

/** Registers the health routes. */
export function healthRoutes(app: FastifyInstance, k: KernelServices): void {
  app.get('/healthz', { schema: { tags: ['health'], response: { 200: status } } }, async () => ({ status: 'ok' }))
  app.get('/readyz', { schema: { tags: ['health'], response: { 200: readyStatus, 503: readyStatus } } }, async (_req, reply) => {
    const checks = await k.readiness()
    const ok = Object.values(checks).every(Boolean)
    // while not ready, the body names what is down (the ready body stays `{ status: 'ready' }`)
    return ok ? { status: 'ready' } : reply.code(503).send({ status: 'not ready', checks })
  })
}
