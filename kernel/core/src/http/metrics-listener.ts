/**
 * The separate metrics listener (`metrics.host:metrics.port`): a plain `node:http` server that answers
 * `GET /metrics` (with the bearer token when `metrics.token` is set too) and a problem+json 404 for anything else.
 * It carries no API, no session and no UI, so it can be bound to an address only the monitoring network reaches.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { presentsToken } from './metrics.ts'
import type { KernelMetrics } from './metrics.ts'

/** A started metrics listener. */
export interface MetricsListener {
  /** Base URL, e.g. `http://127.0.0.1:9464`. */
  url: string
  close(): Promise<void>
}

const problem = (status: number, title: string, detail: string) =>
  JSON.stringify({ type: 'about:blank', title, status, detail, instance: '/metrics' })

/** Starts the listener. */
export async function startMetricsListener(metrics: KernelMetrics, before: () => void, options: { host: string; port: number; token?: string }): Promise<MetricsListener> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    const send = (status: number, type: string, body: string, extra: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...extra }).end(body)
    }
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return send(404, 'application/problem+json', problem(404, 'Not Found', `No route ${req.method} ${path.slice(0, 100)}.`))
    }
    if (!presentsToken(req.headers.authorization, options.token)) {
      return send(401, 'application/problem+json', problem(401, 'Unauthorized', 'The metrics token is missing or wrong.'), { 'www-authenticate': 'Bearer realm="metrics"' })
    }
    metrics.render(before).then(
      (text) => send(200, metrics.registry.contentType, text),
      () => send(500, 'application/problem+json', problem(500, 'Internal Server Error', 'The metrics could not be collected.')),
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const host = options.host.includes(':') ? `[${options.host}]` : options.host
  return {
    url: `http://${host}:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}
