/**
 * Builds each plugin's UI into `plugins/<id>/dist/ui/index.js` with the kit's Vite preset (`@tessera/ui-kit/vite`,
 * the same one `tessera plugins build` uses): the entry is the plugin definition's `ui.entry` (default
 * `ui/index.ts`), one ES module, Lit and the kit external (the shell's import map provides them), everything else
 * bundled, and `index.meta.json` with the shared packages' ranges next to it. Plugins without a `ui/` folder are
 * skipped; an import of an unshared Lit path fails the build with a clear message.
 */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { buildPluginUi as buildWithPreset } from '@tessera/ui-kit/vite'

export interface PluginUi {
  id: string
  dir: string
  /** The conventional entry (`ui/index.ts`); a package's build follows its definition's `ui.entry` instead. */
  entry: string
}

/** Every `plugins/<id>/` with a `package.json` and a `ui/` folder. */
export function findPluginUis(pluginsDir: string): PluginUi[] {
  if (!existsSync(pluginsDir)) return []
  return readdirSync(pluginsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => ({ id: d.name, dir: join(pluginsDir, d.name), entry: join(pluginsDir, d.name, 'ui', 'index.ts') }))
    .filter((p) => existsSync(join(p.dir, 'package.json')) && existsSync(join(p.dir, 'ui')))
    .sort((a, b) => a.id.localeCompare(b.id))
}

/** Builds one plugin UI; `outDir` defaults to `plugins/<id>/dist/ui`. Returns the path of `index.js`. */
export async function buildPluginUi(plugin: PluginUi, shared: ReadonlySet<string>, outDir = join(plugin.dir, 'dist', 'ui')): Promise<string> {
  // a folder without a package.json (a test fixture) has no definition to read: its conventional entry is the entry
  const definition = existsSync(join(plugin.dir, 'package.json')) ? undefined : { id: plugin.id, ui: { entry: plugin.entry } }
  const { file } = await buildWithPreset({ root: plugin.dir, outDir, shared, definition })
  return file
}
