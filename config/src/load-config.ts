/**
 * Loads the kernel configuration once: `defaults.json`, then `environments/<env>.json`, then the JSON file named by
 * `TESSERA_CONFIG`, then environment variables, then programmatic overrides (tests, CLI flags). The result is
 * validated with ajv against `schema.json`; an invalid value fails fast with a `ConfigError` naming every bad key.
 */
import { readFileSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import { Ajv } from 'ajv'
import type { KernelConfig, ConfigOverrides } from './kernel-config.ts'
import { ConfigError } from './config-error.ts'
import { deepMerge } from './deep-merge.ts'
import { envLayer } from './env-layer.ts'

const configDir = join(import.meta.dirname, '..')
/** Whether this package was installed from npm (under a `node_modules` folder) rather than run in the workspace. */
const installed = configDir.split(sep).includes('node_modules')

function readJson(path: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch (err) {
    throw new ConfigError([{ pointer: '', message: `cannot read ${path}: ${(err as Error).message}` }])
  }
}

const schema = readJson(join(configDir, 'schema.json'))
const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false })
const validate = ajv.compile(schema)

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /** Environment to read; defaults to `process.env`. */
  env?: Record<string, string | undefined>
  /** Values that win over every other layer. */
  overrides?: ConfigOverrides
  /** Force an environment name (otherwise from TESSERA_ENV / NODE_ENV, else development). */
  envName?: KernelConfig['env']
}

/** Loads, merges and validates the configuration. Throws {@link ConfigError} naming each invalid key. */
export function loadConfig(options: LoadConfigOptions = {}): KernelConfig {
  const env = options.env ?? process.env
  const fromEnv = envLayer(env)
  const envName = options.envName ?? (fromEnv.layer.env as string | undefined) ?? 'development'
  if (!['development', 'test', 'production'].includes(envName)) {
    throw new ConfigError([{ pointer: '/env', message: `must be one of development, test, production (got "${envName}")`, source: fromEnv.sources.get('/env') }])
  }
  const layers: unknown[] = [readJson(join(configDir, 'environments', `${envName}.json`))]
  if (env.TESSERA_CONFIG) layers.push(readJson(resolve(env.TESSERA_CONFIG)))
  layers.push(fromEnv.layer, { env: envName }, options.overrides ?? {})
  const merged = deepMerge(readJson(join(configDir, 'defaults.json')), ...layers)
  // the deployment root: the repository in the workspace; the host's folder (the working directory) once this package is
  // installed from npm under node_modules; a configured relative root is taken from the working directory
  merged.rootDir = typeof merged.rootDir === 'string' ? resolve(merged.rootDir) : installed ? process.cwd() : resolve(configDir, '..')
  if (!validate(merged)) {
    throw new ConfigError(
      (validate.errors ?? []).map((e) => {
        const pointer =
          e.keyword === 'additionalProperties'
            ? `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty}`
            : e.keyword === 'required'
              ? `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}`
              : e.instancePath
        const message = e.keyword === 'additionalProperties' ? 'is not a known setting' : (e.message ?? 'is invalid')
        return { pointer, message, source: fromEnv.sources.get(pointer) }
      }),
    )
  }
  return Object.freeze(merged) as unknown as KernelConfig
}
