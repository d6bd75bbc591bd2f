/**
 * Builds each plugin's UI entry (`plugins/<id>/ui/index.ts`) into `plugins/<id>/dist/ui/index.js`: one ES
 * module, Lit and the kit external (the shell's import map provides them), everything else bundled. Plugins
 * without a `ui/index.ts` are skipped; an import of an unshared Lit path fails the build with a clear message.
 */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'vite'
import type { Plugin } from 'vite'
import { unsharedLitImport } from './shared-modules.ts'

export interface PluginUi {
  id: string
  dir: string
  entry: string
}

/** Every `plugins/<id>/` with a `package.json` and a `ui/index.ts`. */
export function findPluginUis(pluginsDir: string): PluginUi[] {
  if (!existsSync(pluginsDir)) return []
  return readdirSync(pluginsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => ({ id: d.name, dir: join(pluginsDir, d.name), entry: join(pluginsDir, d.name, 'ui', 'index.ts') }))
    .filter((p) => existsSync(join(p.dir, 'package.json')) && existsSync(p.entry))
    .sort((a, b) => a.id.localeCompare(b.id))
}

/** Builds one plugin UI; `outDir` defaults to `plugins/<id>/dist/ui`. Returns the path of `index.js`. */
export async function buildPluginUi(plugin: PluginUi, shared: ReadonlySet<string>, outDir = join(plugin.dir, 'dist', 'ui')): Promise<string> {
  const guard: Plugin = {
    name: 'tessera-shared-imports',
    enforce: 'pre',
    resolveId(id) {
      const problem = unsharedLitImport(id, shared)
      if (problem) this.error(`plugin ${plugin.id}: ${problem}`)
      return null
    },
  }
  await build({
    configFile: false,
    root: plugin.dir,
    logLevel: 'warn',
    mode: 'production',
    plugins: [guard],
    build: {
      outDir,
      emptyOutDir: true,
      copyPublicDir: false,
      reportCompressedSize: false,
      target: 'es2022',
      sourcemap: true,
      lib: { entry: plugin.entry, formats: ['es'], fileName: () => 'index.js' },
      rolldownOptions: { external: (id) => shared.has(id) },
    },
  })
  return join(outDir, 'index.js')
}
