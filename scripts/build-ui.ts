/**
 * Builds the web UI: shared vendor modules (Lit, @tessera/ui-kit) and the shell into `ui/shell/dist` (with
 * `vendor/versions.json`, the versions its import map serves), and every plugin's UI bundle with the kit's Vite preset
 * (`@tessera/ui-kit/vite`, the one `tessera plugins build` uses: entry = the definition's `ui.entry`) into
 * `plugins/<id>/dist/ui/index.js` + `index.meta.json`. The work lives in `ui/shell/build/` (where Vite is a
 * dependency); this file is the entry point: `node scripts/build-ui.ts`.
 *
 * `--ensure-shell` builds only the shell (no plugins), and only when it is missing or older than its sources — what a
 * test that serves the shell from a host outside the repository needs.
 */
import { join } from 'node:path'
import { buildUi } from '../ui/shell/build/build-ui.ts'
import { ensureShellBuilt } from '../ui/shell/test/ensure-built.ts'

try {
  if (process.argv.includes('--ensure-shell')) console.log(await ensureShellBuilt(join(import.meta.dirname, '..')))
  else await buildUi()
} catch (error) {
  console.error(`ui-build: failed: ${(error as Error).message}`)
  process.exit(1)
}
