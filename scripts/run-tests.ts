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
// kernel/sdk/test/fixtures holds plugins written as outsiders write them: their tests run inside the packaging test
const skip = new Set(['node_modules', 'dist', '.data'])
const skipPaths = new Set([join('kernel', 'sdk', 'test', 'fixtures')])

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    if (skip.has(name)) continue
    const path = join(dir, name)
    if (skipPaths.has(relative(root, path))) continue
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
// node --test without files would discover and run every test itself: a filter that matches nothing is an error
if (selected.length === 0) process.exit(1)
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', '--test-timeout=180000', ...selected], {
  cwd: root,
  stdio: 'inherit',
})
process.exit(result.status ?? 1)
