/**
 * Driver packages: the agent config's `driverPackages` names npm packages whose default export is a driver definition
 * (`defineDriver` from `@tessera/driver-sdk`), registered next to the built-in drivers. A name is looked up as Node
 * looks up a bare import — in the `node_modules` folders of the config file's folder and its parents, then of the
 * agent's own install folder — and its entry is the package's `exports["."]` (conditions `node`, `import`, `default`)
 * or `main`. Before any of its code runs, the package's `peerDependencies["@tessera/driver-sdk"]` range must be
 * satisfied by the driver SDK this agent runs (semver): that range is what the package was built and tested against.
 * A package that is missing, declares no or another driver SDK range, fails to load or does not default-export a
 * driver is refused with one line naming it, and the agent does not start.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import semver from 'semver'
import type { DriverDefinition, DriverKind, DriverRegistry } from '@tessera/driver-sdk'
import type { AgentLogger } from './agent-logger.ts'

const DRIVER_SDK = '@tessera/driver-sdk'
const CONDITIONS = ['node', 'import', 'default']

/** A driver package the agent loaded. */
export interface LoadedDriverPackage {
  /** Package name, as in the config. */
  name: string
  /** Package version. */
  version: string
  /** Its default export. */
  definition: DriverDefinition<DriverKind, unknown>
}

interface PackageManifest {
  name?: string
  version?: string
  main?: string
  exports?: unknown
  peerDependencies?: Record<string, string>
}

/** The version of the driver SDK this agent runs. */
export function agentDriverSdkVersion(): string {
  const manifest = createRequire(import.meta.url).resolve(`${DRIVER_SDK}/package.json`)
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version
}

/** The folder of package `name` in the `node_modules` of `base` or a parent of it. */
function packageFolder(name: string, base: string): string | undefined {
  for (let dir = resolve(base); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', name, 'package.json'))) return join(dir, 'node_modules', name)
    if (dirname(dir) === dir) return undefined
  }
}

/** The file an `exports` value points at for Node's ESM loader, if any. */
function exportTarget(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.map(exportTarget).find((t) => t !== undefined)
  if (!value || typeof value !== 'object') return undefined
  const map = value as Record<string, unknown>
  if ('.' in map) return exportTarget(map['.'])
  for (const condition of CONDITIONS) {
    const target = condition in map ? exportTarget(map[condition]) : undefined
    if (target !== undefined) return target
  }
  return undefined
}

function isDriverDefinition(value: unknown): value is DriverDefinition<DriverKind, unknown> {
  const d = value as Partial<DriverDefinition> | null
  return !!d && typeof d === 'object' && (d.kind === 'lock' || d.kind === 'printer') && typeof d.id === 'string' && typeof d.create === 'function'
}

/**
 * Find, check and import one driver package.
 *
 * @param name - npm package name
 * @param bases - folders whose `node_modules` (and their parents') are searched, in order
 * @param sdkVersion - the agent's driver SDK version
 * @returns the package and its driver definition
 * @throws Error naming the package: not installed, no or unsatisfied driver SDK range, load failure, not a driver
 */
export async function loadDriverPackage(name: string, bases: string[], sdkVersion = agentDriverSdkVersion()): Promise<LoadedDriverPackage> {
  const refuse = (why: string): never => {
    throw new Error(`driver package "${name}" ${why}`)
  }
  if (typeof name !== 'string' || !/^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/.test(name)) refuse('is not a valid npm package name')
  const folder = bases.map((b) => packageFolder(name, b)).find((f) => f !== undefined) ?? refuse(`is not installed (looked in node_modules from ${bases.join(' and ')})`)
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as PackageManifest
  const version = manifest.version ?? '0.0.0'
  const range = manifest.peerDependencies?.[DRIVER_SDK] ?? refuse(`does not declare the ${DRIVER_SDK} range it was built for (peerDependencies["${DRIVER_SDK}"])`)
  if (!semver.validRange(range)) refuse(`declares an invalid ${DRIVER_SDK} range "${range}"`)
  if (!semver.satisfies(sdkVersion, range)) refuse(`${version} needs ${DRIVER_SDK} ${range}; this agent runs ${DRIVER_SDK} ${sdkVersion}`)
  const entry = exportTarget(manifest.exports) ?? manifest.main ?? 'index.js'
  let loaded: { default?: unknown }
  try {
    loaded = (await import(pathToFileURL(resolve(folder, entry)).href)) as { default?: unknown }
  } catch (error) {
    return refuse(`${version} failed to load: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (!isDriverDefinition(loaded.default)) refuse(`${version} does not default-export a driver (defineDriver from ${DRIVER_SDK})`)
  return { name, version, definition: loaded.default as DriverDefinition<DriverKind, unknown> }
}

/**
 * Load driver packages into a registry, in order.
 *
 * @param registry - where the drivers are registered (next to the built-in ones)
 * @param names - package names from the config
 * @param options - `from`: the folder names are resolved from first (the config file's folder); `logger`
 * @returns the loaded packages
 * @throws Error naming the first package that is refused, or whose driver id is already registered
 */
export async function registerDriverPackages(registry: DriverRegistry, names: readonly string[], options: { from: string; logger: AgentLogger }): Promise<LoadedDriverPackage[]> {
  const sdkVersion = names.length > 0 ? agentDriverSdkVersion() : ''
  const loaded: LoadedDriverPackage[] = []
  for (const name of names) {
    const pkg = await loadDriverPackage(name, [options.from, import.meta.dirname], sdkVersion)
    if (registry.has(pkg.definition.id)) throw new Error(`driver package "${name}" ${pkg.version}: driver "${pkg.definition.id}" is already registered`)
    registry.register(pkg.definition)
    options.logger.info('driver package loaded', { package: name, version: pkg.version, driver: pkg.definition.id, kind: pkg.definition.kind })
    loaded.push(pkg)
  }
  return loaded
}
