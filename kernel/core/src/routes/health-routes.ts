/**
 * `/healthz` (the process is alive) and `/readyz` (the database answers within a second and the plugins started):
 * a load balancer takes an instance out while PostgreSQL is away and back in when it returns, without a restart.
 */
import type { FastifyInstance } from 'fastify'
import type { KernelServices } from '../kernel-services.ts'

const status = { type: 'object', properties: { status: { type: 'string' } } } as const

/** Registers the health routes. */
export function healthRoutes(app: FastifyInstance, k: KernelServices): void {
  app.get('/healthz', { schema: { tags: ['health'], response: { 200: status } } }, async () => ({ status: 'ok' }))
  app.get('/readyz', { schema: { tags: ['health'], response: { 200: status, 503: status } } }, async (_req, reply) => {
    const ok = await k.ready()
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not ready' })
  })
}
