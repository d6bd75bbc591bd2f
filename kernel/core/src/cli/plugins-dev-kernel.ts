/**
 * The kernel process of `tessera plugins dev` (started, and restarted on every change, by `plugins-dev.ts`): imports
 * the plugin from its source (`src/index.ts`, run by Node's type stripping — the plugin folder is not under
 * `node_modules`), builds its UI bundle with the kit's Vite preset, boots a kernel (the configured database, else
 * embedded PostgreSQL, as `tessera start`) with the plugin loaded by path plus the installed plugins it depends on,
 * makes sure a dev tenant has them enabled and a dev owner can sign in, listens on the given port and prints the URL
 * and the sign-in.
 *
 * The plugin runs as version `<version>+dev.<bundle hash>`: semver ignores build metadata (no upgrade, no downgrade),
 * but the UI module URL changes with every new bundle, so a browser never keeps a stale one from its immutable cache.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { loadConfig } from '@tessera/config'
import type { PluginDefinition } from '@tessera/sdk'
import { createKernel } from '../kernel.ts'
import type { Kernel } from '../kernel.ts'
import type { AnyPluginDefinition, PluginInput } from '../plugin-host/load-plugins.ts'
import { loadVitePreset } from './plugins-build.ts'
import { ShutdownSignals } from './shutdown-signals.ts'

/** What the parent passes (as one JSON argument). */
export interface DevKernelArgs {
  /** The plugin's package folder. */
  dir: string
  /** The module whose default export is the plugin (`<dir>/src/index.ts`, else the package's export). */
  entry: string
  port: number
  tenant: string
  email: string
  password: string
}

const SYSTEM = { type: 'system' as const, id: 'plugins-dev' }

async function importDefault(file: string): Promise<AnyPluginDefinition> {
  const mod = (await import(pathToFileURL(file).href)) as { default?: AnyPluginDefinition }
  if (!mod.default || typeof mod.default.id !== 'string') throw new Error(`${file}: the default export is not a plugin definition`)
  return mod.default
}

/** The ids of the plugins `definition` depends on, dependencies first (installed as `@tessera/plugin-<id>` in the host folder). */
async function dependencies(definition: PluginDefinition, rootDir: string): Promise<string[]> {
  const require = createRequire(join(rootDir, 'package.json'))
  const ordered: string[] = []
  const seen = new Set<string>([definition.id])
  const visit = async (def: PluginDefinition) => {
    for (const id of Object.keys(def.dependsOn ?? {})) {
      if (seen.has(id)) continue
      seen.add(id)
      try {
        await visit(await importDefault(require.resolve(`@tessera/plugin-${id}`)))
      } catch {
        // not installed here: the kernel fails the plugin, naming the missing dependency
      }
      ordered.push(id)
    }
  }
  await visit(definition)
  return ordered
}

async function buildUi(dir: string, definition: AnyPluginDefinition): Promise<string> {
  if (!definition.ui) return 'no-ui'
  try {
    const { file } = await (await loadVitePreset(dir)).buildPluginUi({ root: dir, definition })
    return createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 10)
  } catch (err) {
    console.error(`tessera dev: the UI did not build: ${(err as Error).message}`)
    return 'ui-failed'
  }
}

async function prepareTenant(kernel: Kernel, pluginIds: string[], args: DevKernelArgs): Promise<void> {
  const { tenants, enablement, users, registry } = kernel.services
  const tenant = (await tenants.find(args.tenant)) ?? (await tenants.create(args.tenant, 'Plugin development'))
  const states = new Map((await enablement.list(tenant.id)).map((r) => [r.pluginId, r.state]))
  for (const id of pluginIds) {
    if (states.get(id) === 'enabled' || !registry.active(id)) continue
    try {
      await enablement.enable(tenant.id, id, {}, SYSTEM)
    } catch (err) {
      console.error(`tessera dev: could not enable ${id} for ${tenant.slug}: ${(err as { detail?: string }).detail ?? (err as Error).message}`)
    }
  }
  const existing = await users.findForLogin(args.email)
  const user = existing ?? (await users.create({ email: args.email, name: 'Plugin developer', password: args.password }))
  await users.grant(user.id, tenant.id, 'owner')
}

/** Boots the dev kernel; resolves once it listens. */
export async function runDevKernel(args: DevKernelArgs): Promise<void> {
  const signals = new ShutdownSignals()
  const loaded = await importDefault(args.entry)
  const hash = await buildUi(args.dir, loaded)
  const definition = { ...loaded, version: `${loaded.version.replace(/\+.*$/, '')}+dev.${hash}` }
  const config = loadConfig({ overrides: { http: { port: args.port } } })
  const deps = await dependencies(definition, config.rootDir)
  const plugins: PluginInput[] = [...deps.map((id) => `@tessera/plugin-${id}`), { definition, packageDir: args.dir }]
  const kernel = await createKernel({ config, plugins })
  let url: string
  try {
    await prepareTenant(kernel, [...deps, definition.id], args)
    url = await kernel.listen()
  } catch (err) {
    await kernel.close()
    throw err
  }
  for (const p of kernel.services.registry.all()) {
    if (p.state === 'failed') console.error(`tessera dev: plugin ${p.id} failed: ${p.reason}`)
    else if (p.ui?.state === 'refused') console.error(`tessera dev: the UI of ${p.id} was refused: ${p.ui.reason}`)
  }
  // the sign-in first: whoever waits for "listening at" has it already
  console.log(`tessera dev: sign in as ${args.email} / ${args.password} (owner of tenant "${args.tenant}"), then open ${url}${definition.ui?.routes[0]?.path ?? '/'}`)
  console.log(`tessera dev: ${definition.id} ${definition.version} listening at ${url}`)
  signals.attach(kernel)
}

if (import.meta.main) {
  const args = JSON.parse(process.argv[2] ?? '{}') as DevKernelArgs
  if (!existsSync(args.entry ?? '')) {
    console.error(`tessera dev: no plugin entry at ${args.entry}`)
    process.exit(1)
  }
  try {
    await runDevKernel(args)
  } catch (err) {
    console.error(`tessera dev: ${(err as { detail?: string }).detail ?? (err as Error).stack ?? err}`)
    process.exit(1)
  }
}
