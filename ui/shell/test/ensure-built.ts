/**
 * `ensureShellBuilt()`: rebuilds `ui/shell/dist` (shell + vendor, no plugins) when it is missing or older than
 * any kit/shell source, so the browser tests never run against a stale bundle, and skip the ~0.5 s build
 * when CI has just built it.
 */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { buildUi } from '../build/build-ui.ts'

function newest(path: string): number {
  const st = statSync(path, { throwIfNoEntry: false })
  if (!st) return 0
  if (!st.isDirectory()) return st.mtimeMs
  let latest = st.mtimeMs
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name === 'dist') continue
    latest = Math.max(latest, newest(join(path, name)))
  }
  return latest
}

export async function ensureShellBuilt(repoRoot: string): Promise<string> {
  const distDir = join(repoRoot, 'ui', 'shell', 'dist')
  const built = statSync(join(distDir, 'vendor', 'importmap.json'), { throwIfNoEntry: false })?.mtimeMs ?? 0
  const sources = Math.max(
    newest(join(repoRoot, 'ui', 'kit', 'src')),
    newest(join(repoRoot, 'ui', 'shell', 'src')),
    newest(join(repoRoot, 'ui', 'shell', 'build')),
    newest(join(repoRoot, 'ui', 'shell', 'index.html')),
  )
  if (built === 0 || sources > built) await buildUi({ repoRoot, plugins: false, log: () => undefined })
  return distDir
}
