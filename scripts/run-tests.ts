/**
 * Runs every `*.test.ts` of the workspace with Node's test runner.
 *
 * Files are discovered here (not by a shell glob) so that `node_modules` and the workspace symlinks inside it are
 * never walked, and so that a filter can be given: `node scripts/run-tests.ts kernel` runs only paths containing
 * "kernel".
 */
import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { spawnSync } from 'node:child_process'

const root = join(import.meta.dirname, '..')
const roots = ['config', 'kernel', 'plugins', 'hardware-drivers', 'ui', 'tenants', 'bench']
const skip = new Set(['node_modules', 'dist', '.data'])

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    if (skip.has(name)) continue
    const path = join(dir, name)
    const st = statSync(path, { throwIfNoEntry: false })
    if (!st) continue
    if (st.isDirectory()) walk(path, out)
    else if (name.endsWith('.test.ts')) out.push(relative(root, path))
  }
}

const files: string[] = []
for (const r of roots) {
  const dir = join(root, r)
  if (statSync(dir, { throwIfNoEntry: false })?.isDirectory()) walk(dir, files)
}
const filters = process.argv.slice(2)
const selected = files.filter((f) => filters.length === 0 || filters.some((x) => f.includes(x))).sort()
console.log(`running ${selected.length} test files`)
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', '--test-timeout=180000', ...selected], {
  cwd: root,
  stdio: 'inherit',
})
process.exit(result.status ?? 1)
