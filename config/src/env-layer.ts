/**
 * Turns environment variables into a configuration layer. This module and `load-config.ts` are the only places in
 * Tessera that look at the environment (INV-6); everything else receives a validated `KernelConfig`.
 *
 * | variable | key |
 * |---|---|
 * | `TESSERA_ENV` (or `NODE_ENV`) | `/env` |
 * | `DATABASE_URL` | `/database/url` |
 * | `DATABASE_RUNTIME_URL` | `/database/runtimeUrl` |
 * | `DATABASE_RUNTIME_PASSWORD` | `/database/runtimePassword` |
 * | `DATABASE_PREPARED_STATEMENTS` (`true`, `false`) | `/database/preparedStatements` |
 * | `HOST`, `PORT` | `/http/host`, `/http/port` |
 * | `LOG_LEVEL` | `/log/level` |
 * | `LOG_FORMAT` (`json`, `pretty`, `auto`) | `/log/format` |
 * | `TESSERA_PUBLIC_URL` | `/http/publicUrl` |
 * | `TESSERA_PUBLIC_ORIGINS` (comma separated) | `/http/publicOrigins` |
 * | `TESSERA_METRICS_TOKEN`, `METRICS_PORT` | `/metrics/token`, `/metrics/port` |
 * | `TESSERA_PLUGINS` (comma separated) | `/plugins` |
 * | `TESSERA_SECRET_<NAME>` | `/secrets/<name>` (lower case) |
 */

/** A layer plus where each of its keys came from. */
export interface EnvLayer {
  layer: Record<string, unknown>
  sources: Map<string, string>
}

function numberOrRaw(raw: string): number | string {
  return /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw
}

/** Reads the variables Tessera understands from `env`. */
export function envLayer(env: Record<string, string | undefined>): EnvLayer {
  const layer: Record<string, Record<string, unknown> | unknown> = {}
  const sources = new Map<string, string>()
  const set = (pointer: string, value: unknown, source: string) => {
    const keys = pointer.split('/').filter(Boolean)
    let node = layer as Record<string, unknown>
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>
    node[keys[keys.length - 1]] = value
    sources.set(pointer, source)
  }
  const envName = env.TESSERA_ENV ?? env.NODE_ENV
  if (envName) set('/env', envName, env.TESSERA_ENV ? 'TESSERA_ENV' : 'NODE_ENV')
  if (env.DATABASE_URL) set('/database/url', env.DATABASE_URL, 'DATABASE_URL')
  if (env.DATABASE_RUNTIME_URL) set('/database/runtimeUrl', env.DATABASE_RUNTIME_URL, 'DATABASE_RUNTIME_URL')
  if (env.DATABASE_RUNTIME_PASSWORD) set('/database/runtimePassword', env.DATABASE_RUNTIME_PASSWORD, 'DATABASE_RUNTIME_PASSWORD')
  if (env.DATABASE_PREPARED_STATEMENTS) {
    const raw = env.DATABASE_PREPARED_STATEMENTS.trim()
    set('/database/preparedStatements', raw === 'true' ? true : raw === 'false' ? false : raw, 'DATABASE_PREPARED_STATEMENTS')
  }
  if (env.HOST) set('/http/host', env.HOST, 'HOST')
  if (env.PORT) set('/http/port', numberOrRaw(env.PORT), 'PORT')
  if (env.LOG_LEVEL) set('/log/level', env.LOG_LEVEL, 'LOG_LEVEL')
  if (env.LOG_FORMAT) set('/log/format', env.LOG_FORMAT, 'LOG_FORMAT')
  if (env.TESSERA_PUBLIC_URL) set('/http/publicUrl', env.TESSERA_PUBLIC_URL, 'TESSERA_PUBLIC_URL')
  if (env.TESSERA_PUBLIC_ORIGINS) {
    set('/http/publicOrigins', env.TESSERA_PUBLIC_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean), 'TESSERA_PUBLIC_ORIGINS')
  }
  if (env.TESSERA_METRICS_TOKEN) set('/metrics/token', env.TESSERA_METRICS_TOKEN, 'TESSERA_METRICS_TOKEN')
  if (env.METRICS_PORT) set('/metrics/port', numberOrRaw(env.METRICS_PORT), 'METRICS_PORT')
  if (env.TESSERA_PLUGINS) {
    set('/plugins', env.TESSERA_PLUGINS.split(',').map((s) => s.trim()).filter(Boolean), 'TESSERA_PLUGINS')
  }
  for (const [name, value] of Object.entries(env)) {
    const m = /^TESSERA_SECRET_([A-Z0-9_]+)$/.exec(name)
    if (m && value !== undefined) set(`/secrets/${m[1].toLowerCase()}`, value, name)
  }
  return { layer: layer as Record<string, unknown>, sources }
}
