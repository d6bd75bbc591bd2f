/**
 * `buildUi()`: the whole UI build, in the order that lets the most run at once:
 *   1. vendor modules (Lit + kit) → `ui/shell/dist/vendor/*.js`, which yields the import map (and `versions.json`, the
 *      versions it serves, which the kernel checks plugin bundles against);
 *   2. the shell (index.html with the import map + hashed assets under `/ui/`), in parallel with
 *   3. every plugin UI → `plugins/<id>/dist/ui/index.js`.
 * Prints one line per step with its duration. Run it with `node scripts/build-ui.ts`.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { precompress } from './precompress.ts'
import { dirname, join, relative } from 'node:path'
import { buildVendor } from './build-vendor.ts'
import { buildShell } from './build-shell.ts'
import { buildPluginUi, findPluginUis } from './build-plugins.ts'
import { importMapJson } from './import-map.ts'
import { sharedSpecifiers, sharedVersions } from './shared-modules.ts'

export interface BuildUiOptions {
  /** Repository root (default: three levels above this file). */
  repoRoot?: string
  /** Build plugin UIs too (default true). */
  plugins?: boolean
  log?: (line: string) => void
}

export interface BuildUiResult {
  distDir: string
  plugins: string[]
}

const base = '/ui/'

async function timed<T>(log: (l: string) => void, label: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now()
  const value = await work()
  log(`ui-build: ${label} (${Math.round(performance.now() - start)} ms)`)
  return value
}

export async function buildUi(options: BuildUiOptions = {}): Promise<BuildUiResult> {
  const repoRoot = options.repoRoot ?? join(import.meta.dirname, '..', '..', '..')
  const log = options.log ?? ((line: string) => console.log(line))
  const shellRoot = join(repoRoot, 'ui', 'shell')
  const distDir = join(shellRoot, 'dist')
  const started = performance.now()

  rmSync(distDir, { recursive: true, force: true })
  mkdirSync(join(distDir, 'vendor'), { recursive: true })
  const plugins = options.plugins === false ? [] : findPluginUis(join(repoRoot, 'plugins'))
  log(`ui-build: building vendor, shell and ${plugins.length} plugin UI${plugins.length === 1 ? '' : 's'}`)

  const vendorAndShell = (async () => {
    const map = await timed(log, 'vendor modules (lit, @tessera/ui-kit) → ui/shell/dist/vendor', () =>
      buildVendor(shellRoot, distDir, base),
    )
    writeFileSync(join(distDir, 'vendor', 'importmap.json'), importMapJson(map))
    // the versions the import map serves: the kernel checks each plugin bundle's declared ranges against them
    writeFileSync(join(distDir, 'vendor', 'versions.json'), JSON.stringify(sharedVersions(shellRoot), null, 2))
    await timed(log, 'shell → ui/shell/dist', () => buildShell(shellRoot, distDir, base, map))
    return map
  })()

  // Plugins do not need the vendor files, only the list of shared specifiers, so they build alongside.
  const shared = new Set(sharedSpecifiers(shellRoot))
  const builtPlugins = await Promise.all([
    vendorAndShell,
    ...plugins.map((p) =>
      timed(log, `plugin ${p.id} → ${relative(repoRoot, join(p.dir, 'dist', 'ui', 'index.js'))}`, () =>
        buildPluginUi(p, shared),
      ),
    ),
  ])
  const compressed = [distDir, ...(builtPlugins.slice(1) as string[]).map((file) => dirname(file))].reduce((n, d) => n + precompress(d), 0)
  log(`ui-build: ${compressed} files pre-compressed (.br, .gz)`)
  log(`ui-build: done in ${Math.round(performance.now() - started)} ms`)
  return { distDir, plugins: builtPlugins.slice(1) as string[] }
}
