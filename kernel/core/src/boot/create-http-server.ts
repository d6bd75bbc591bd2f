/**
 * The kernel's HTTP part: one Fastify app, ready before it is returned. In hook order: security headers and the origin
 * policy first (every answer carries the headers; cross-origin mutations and websocket handshakes are refused before
 * anything else), problem+json for every error (also the router's and the HTTP parser's), the bounded JSON body
 * parser and ajv validators, cookies, the global rate limit (and the per-route ones), websockets, OpenAPI (`/docs`,
 * `/api/v1/openapi.json`), the caller resolved from session or token, `/metrics` (a bearer token, or a listener of its
 * own at `metrics.port`, started by `listen()`), health, the kernel routes, the event catalogue, every active plugin's
 * routes behind its tenant gate (through the plugin host), and the composed UI with the SPA fallback.
 */
import { randomBytes } from 'node:crypto'
import Fastify from 'fastify'
import type { FastifyInstance, FastifyBaseLogger } from 'fastify'
import cookie from '@fastify/cookie'
import rateLimit from '@fastify/rate-limit'
import websocket from '@fastify/websocket'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { Logger } from 'pino'
import { SDK_VERSION } from '@tessera/sdk'
import type { KernelServices } from '../services/kernel-services.ts'
import type { PluginHost } from '../plugin-host/plugin-host.ts'
import type { EventBus } from '../jobs/event-bus.ts'
import { installAuthHook } from '../auth/auth-hook.ts'
import { installErrorHandler, installNotFoundHandler, frameworkErrorHandler, clientErrorHandler } from '../http/problem-handler.ts'
import { installSecurityHeaders, pluginCspSources, staticSecurityHeaders } from '../http/security-headers.ts'
import { OriginPolicy, installOriginPolicy } from '../http/origin-policy.ts'
import { startMetricsListener } from '../http/metrics-listener.ts'
import type { MetricsListener } from '../http/metrics-listener.ts'
import { installValidators } from '../http/validator-compiler.ts'
import { installJsonBodyParser } from '../http/json-body-parser.ts'
import { installLazyRequestLoggers } from '../http/request-logger.ts'
import { installGlobalRateLimit } from '../http/global-rate-limit.ts'
import { KernelMetrics } from '../http/metrics.ts'
import { healthRoutes } from '../routes/health-routes.ts'
import { authRoutes } from '../routes/auth-routes.ts'
import { passwordRoutes } from '../routes/password-routes.ts'
import { adminRoutes } from '../routes/admin-routes.ts'
import { tenantRoutes } from '../routes/tenant-routes.ts'
import { searchRoutes } from '../routes/search-routes.ts'
import { eventsCatalogueRoutes } from '../routes/events-catalogue-routes.ts'
import { serveUi, shellInlineScriptHashes } from '../ui/serve-ui.ts'
import type { ShutdownSteps } from './shutdown-steps.ts'

/** The ready app and how to serve it. */
export interface HttpServer {
  app: FastifyInstance
  /** Starts listening (and the separate metrics listener, with `metrics.port`); returns the base URL. */
  listen(): Promise<string>
  /** Base URL of the separate metrics listener once listening, else undefined. */
  readonly metricsUrl: string | undefined
}

/** Builds the app with every route; stop steps go to `steps`. */
export async function createHttpServer(deps: { services: KernelServices; host: PluginHost; events: EventBus; log: Logger }, steps: ShutdownSteps): Promise<HttpServer> {
  const { services, host, events, log } = deps
  const { config, sessions, hub, registry } = services
  const metrics = new KernelMetrics()
  const securityHeaders = {
    hsts: config.http.hsts, scriptHashes: shellInlineScriptHashes(config.ui.shellDir),
    pluginSources: pluginCspSources(registry.activeList().map((rt) => rt.definition ?? {})),
  }
  const idPrefix = randomBytes(6).toString('hex')
  let requests = 0
  const app = Fastify({
    frameworkErrors: frameworkErrorHandler(staticSecurityHeaders(securityHeaders)),
    clientErrorHandler: clientErrorHandler(staticSecurityHeaders(securityHeaders)),
    loggerInstance: log as unknown as FastifyBaseLogger,
    bodyLimit: config.http.bodyLimit,
    trustProxy: config.http.trustProxy,
    // a caller's id when it gives a sane one, else this instance's random prefix and a counter (unique, no entropy
    // drawn per request)
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : `${idPrefix}-${(++requests).toString(36)}`
    },
    ajv: { customOptions: { removeAdditional: false } },
  })
  steps.add(() => app.close())
  // req.log becomes a pino child only when the request writes a line (request-logger.ts)
  installLazyRequestLoggers(app)
  app.removeContentTypeParser('text/plain')
  installValidators(app)
  installJsonBodyParser(app)
  installErrorHandler(app)
  // before every other hook: headers on every answer, then cross-origin mutations and websockets refused (CSRF, CSWSH)
  installSecurityHeaders(app, securityHeaders)
  installOriginPolicy(app, new OriginPolicy(config.http))
  await app.register(cookie)
  // the global limit is one synchronous hook (global-rate-limit.ts); @fastify/rate-limit serves the routes that set
  // their own (config.rateLimit: sign-in)
  installGlobalRateLimit(app, config.rateLimit)
  await app.register(rateLimit, { global: false, max: config.rateLimit.max, timeWindow: config.rateLimit.timeWindowMs })
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } })
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Tessera API', version: SDK_VERSION, description: 'The kernel and every installed plugin. Errors are application/problem+json (RFC 9457).' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: config.auth.cookieName }, token: { type: 'http', scheme: 'bearer' } } },
      security: [{ session: [] }, { token: [] }],
    },
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
  app.get('/api/v1/openapi.json', { schema: { hide: true } as never }, async () => app.swagger())
  installAuthHook(app, sessions, config.auth.cookieName)
  const updateGauges = () => {
    metrics.sockets.set(hub.size)
    metrics.plugins.set({ state: 'active' }, registry.activeList().length)
    metrics.plugins.set({ state: 'failed' }, registry.all().length - registry.activeList().length)
  }
  // /metrics is not public: a bearer token on the main listener, or a listener of its own (metrics.port)
  metrics.install(app, updateGauges, { token: config.metrics.token, separateListener: config.metrics.port !== undefined })
  healthRoutes(app, services)
  authRoutes(app, services)
  passwordRoutes(app, services)
  adminRoutes(app, services)
  tenantRoutes(app, services)
  searchRoutes(app, services)
  eventsCatalogueRoutes(app, { registry, events })
  await host.mountRoutes(app)
  const spa = await serveUi(app, config.ui.shellDir, registry.activeList())
  installNotFoundHandler(app, spa)
  app.addHook('onClose', async () => hub.closeAll())
  await app.ready()

  let metricsListener: MetricsListener | undefined
  return {
    app,
    get metricsUrl() { return metricsListener?.url },
    async listen() {
      const url = await app.listen({ host: config.http.host, port: config.http.port })
      if (config.metrics.port !== undefined && !metricsListener) {
        metricsListener = await startMetricsListener(metrics, updateGauges, { host: config.metrics.host, port: config.metrics.port, token: config.metrics.token })
        const started = metricsListener
        steps.add(() => started.close())
      }
      return url
    },
  }
}
