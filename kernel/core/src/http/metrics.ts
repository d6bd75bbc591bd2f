/**
 * Prometheus metrics (`prom-client`) on a registry of this kernel instance (two kernels in one process do not
 * collide): request durations by route and status (`request-durations.ts`: recorded without allocating), plus gauges the kernel updates (realtime sockets, plugins).
 *
 * `/metrics` is not public: on the main listener it is served only when `metrics.token` is configured, to a scraper
 * presenting `Authorization: Bearer <token>` (401 otherwise); with `metrics.port` it moves to its own listener
 * (`metrics-listener.ts`, e.g. an address only the monitoring network reaches) and the main listener does not serve it.
 * With neither, `/metrics` is a 404 everywhere.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { Registry, Gauge, collectDefaultMetrics } from 'prom-client'
import { problem } from '@tessera/sdk'
import { RequestDurations } from './request-durations.ts'

/** Where and to whom `/metrics` is served. */
export interface MetricsAccess {
  /** Bearer token a scraper must present (on every listener that serves `/metrics`). */
  token?: string
  /** `/metrics` is served by a separate listener, not the main one. */
  separateListener: boolean
}

const digest = (s: string) => createHash('sha256').update(s).digest()

/** Whether an `Authorization` header value presents `token` (compared in constant time). */
export function presentsToken(header: string | undefined, token: string | undefined): boolean {
  if (token === undefined) return true
  if (!header?.startsWith('Bearer ')) return false
  return timingSafeEqual(digest(header.slice(7).trim()), digest(token))
}

/** The kernel's metrics. */
export class KernelMetrics {
  readonly registry = new Registry()
  readonly requests = new RequestDurations({
    name: 'tessera_http_request_duration_seconds', help: 'HTTP request duration',
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [this.registry],
  })
  readonly plugins = new Gauge({ name: 'tessera_plugins', help: 'Plugins by state', labelNames: ['state'], registers: [this.registry] })
  readonly sockets = new Gauge({ name: 'tessera_realtime_sockets', help: 'Open realtime sockets', registers: [this.registry] })
  readonly jobs = new Gauge({ name: 'tessera_job_runs_total', help: 'Jobs run by queue and outcome', labelNames: ['queue', 'outcome'], registers: [this.registry] })

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'tessera_' })
  }

  /** Updates the gauges (`before`) and renders the exposition text. */
  async render(before: () => void): Promise<string> {
    before()
    return this.registry.metrics()
  }

  /** Times every request and serves `GET /metrics` on the main listener when `access` allows it (else a 404). */
  install(app: FastifyInstance, before: () => void, access: MetricsAccess): void {
    app.addHook('onResponse', (req, reply, done) => {
      this.requests.observe(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000)
      done()
    })
    const served = !access.separateListener && access.token !== undefined
    app.get('/metrics', { schema: { hide: true } as never }, async (req, reply) => {
      // a 404 of its own, not the UI shell's fallback page
      if (!served) throw problem.notFound('Metrics are not served on this listener (see metrics.token and metrics.port).')
      if (!presentsToken(req.headers.authorization, access.token)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"')
        throw problem.unauthorized('The metrics token is missing or wrong.')
      }
      reply.header('cache-control', 'no-store').type(this.registry.contentType)
      return this.render(before)
    })
  }
}
