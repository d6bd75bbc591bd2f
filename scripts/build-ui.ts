/**
 * Builds the web UI: shared vendor modules (Lit, @tessera/ui-kit) and the shell into `ui/shell/dist`, and every
 * plugin's `ui/index.ts` into `plugins/<id>/dist/ui/index.js`. The work lives in `ui/shell/build/` (where Vite
 * is a dependency); this file is the entry point: `node scripts/build-ui.ts`.
 */
import { buildUi } from '../ui/shell/build/build-ui.ts'

try {
  await buildUi()
} catch (error) {
  console.error(`ui-build: failed: ${(error as Error).message}`)
  process.exit(1)
}
