/**
 * The shape of a validated kernel configuration. It mirrors `config/schema.json`; the schema is the source of truth
 * for what is allowed, this type is what the kernel code reads after validation.
 */

/** A validated kernel configuration. */
export interface KernelConfig {
  env: 'development' | 'test' | 'production'
  /** Directory that plugin package names are resolved from. */
  rootDir: string
  http: {
    host: string
    port: number
    bodyLimit: number
    trustProxy: boolean
    /** Where browsers reach Tessera; its origin is allowed like one of `publicOrigins`. */
    publicUrl?: string
    /** Origins allowed to send browser mutations and open websockets; empty (and no `publicUrl`): same origin only. */
    publicOrigins: string[]
    /** Send HSTS (and upgrade-insecure-requests): clients reach Tessera over TLS. */
    hsts: boolean
  }
  database: {
    /** Admin connection URL; absent means "start embedded PostgreSQL". */
    url?: string
    /** LOGIN role (no SUPERUSER, no BYPASSRLS) of the request and job pools. */
    runtimeRole: string
    /** Password of the runtime role, set at boot; absent: left unchanged. */
    runtimePassword?: string
    /** URL of the runtime pool (e.g. PgBouncer); absent: the admin URL's server as the runtime role. */
    runtimeUrl?: string
    poolSize: number
    /**
     * Statements a runtime connection repeats become named prepared statements there; absent: on unless `runtimeUrl`
     * is set (see the schema's description).
     */
    preparedStatements?: boolean
    /** Size of the admin pool (migrations, platform tables). */
    adminPoolSize: number
    embedded: { dataDir: string; port: number }
  }
  auth: {
    cookieName: string
    sessionTtlHours: number
    cookieSecure: boolean
    loginRateLimit: { max: number; timeWindowMs: number }
    /** Per-account sign-in throttle (exponential lock, capped). */
    loginThrottle: { freeFailures: number; baseDelayMs: number; maxDelayMs: number; resetAfterMinutes: number }
    /** Default lifetime of a new API token, in days. */
    apiTokenTtlDays: number
  }
  plugins: string[]
  jobs: { pollingIntervalSeconds: number; retryLimit: number; retryDelaySeconds: number; enabled: boolean }
  /** `format`: json lines, pino-pretty lines, or pretty only when stdout is a terminal (`auto`, development's default). */
  log: { level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'; format?: 'json' | 'pretty' | 'auto' }
  rateLimit: { max: number; timeWindowMs: number }
  /** `/metrics`: served only with a bearer `token` and/or on a separate listener at `host:port`. */
  metrics: { token?: string; host: string; port?: number }
  ui: { shellDir: string }
  secrets: Record<string, string>
}

/** A partial configuration used for overrides (deeply partial objects). */
export type ConfigOverrides = {
  [K in keyof KernelConfig]?: KernelConfig[K] extends object
    ? KernelConfig[K] extends unknown[] ? KernelConfig[K] : Partial<KernelConfig[K]>
    : KernelConfig[K]
}
