/**
 * Builds the package as it is published — what `tessera plugins build` does for an outside plugin: the server code with
 * `tsc -p tsconfig.build.json` (JavaScript + `.d.ts` in `dist/`, against the published declarations of the SDK and the
 * ORM), then the UI bundle with the kit's Vite preset (`@tessera/ui-kit/vite`: `dist/ui/index.js`, `lit` and the kit
 * external, `dist/ui/index.meta.json`). In the workspace the CLI cannot find Vite from this folder (it is the kit's
 * devDependency, not ours), so this script calls the preset directly. The published packages must be built first
 * (`node scripts/build-packages.ts` at the repository root).
 *
 * `node scripts/build-plugin.ts` (from this folder, or `pnpm build`).
 */
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { buildPluginUi } from '@tessera/ui-kit/vite'

const root = join(import.meta.dirname, '..')
rmSync(join(root, 'dist'), { recursive: true, force: true })
const tsc = join(dirname(createRequire(join(root, 'package.json')).resolve('typescript/package.json')), 'bin', 'tsc')
const server = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' })
if (server.status !== 0) {
  console.error(`tsc -p tsconfig.build.json failed:\n${server.stdout}${server.stderr}`)
  process.exit(1)
}
const { default: definition } = await import('../src/index.ts')
const { file } = await buildPluginUi({ root, definition })
console.log(`built ${definition.id} ${definition.version}: server → dist/, ui → ${file.slice(root.length + 1)}`)
