/**
 * Prometheus metrics (`prom-client`) on a registry of this kernel instance (two kernels in one process do not
 * collide): request durations by route and status, plus gauges the kernel updates (realtime sockets, plugins).
 */
import type { FastifyInstance } from 'fastify'
import { Registry, Histogram, Gauge, collectDefaultMetrics } from 'prom-client'

/** The kernel's metrics. */
export class KernelMetrics {
  readonly registry = new Registry()
  readonly requests = new Histogram({
    name: 'tessera_http_request_duration_seconds', help: 'HTTP request duration', labelNames: ['method', 'route', 'status'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [this.registry],
  })
  readonly plugins = new Gauge({ name: 'tessera_plugins', help: 'Plugins by state', labelNames: ['state'], registers: [this.registry] })
  readonly sockets = new Gauge({ name: 'tessera_realtime_sockets', help: 'Open realtime sockets', registers: [this.registry] })
  readonly jobs = new Gauge({ name: 'tessera_job_runs_total', help: 'Jobs run by queue and outcome', labelNames: ['queue', 'outcome'], registers: [this.registry] })

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'tessera_' })
  }

  /** Times every request and serves `GET /metrics`. */
  install(app: FastifyInstance, before: () => void): void {
    app.addHook('onResponse', async (req, reply) => {
      this.requests.observe({ method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000)
    })
    app.get('/metrics', { schema: { hide: true } as never }, async (_req, reply) => {
      before()
      reply.type(this.registry.contentType)
      return this.registry.metrics()
    })
  }
}
