/**
 * The scaffold's screen, seen in Chromium: `tessera plugins new` writes a plugin into a temporary folder whose
 * `node_modules` links the workspace's packages (as a plugin folder resolves them from its host), `tessera plugins
 * build` builds its server JS and UI bundle, a kernel serves it behind the real shell build, and a manager signs in,
 * opens the screen from the navigation, sees its empty state, adds a note through its form and sees it in the list.
 * (The outside-the-repository path with the packed tarballs is `kernel/sdk/test/scaffold.test.ts`.)
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ensureShellBuilt, openBrowser, signIn, axe } from '@tessera/ui-shell/testing'
import type { BrowserSession } from '@tessera/ui-shell/testing'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'

const repoRoot = join(import.meta.dirname, '../../..')
const cli = join(repoRoot, 'kernel/core/bin/tessera.ts')
// what the plugin folder needs, linked to the packages the workspace installed
const links: Record<string, string> = {
  '@tessera/sdk': 'kernel/sdk', '@tessera/kernel': 'kernel/core', '@tessera/config': 'config', '@tessera/ui-kit': 'ui/kit',
  lit: 'ui/kit/node_modules/lit', vite: 'ui/kit/node_modules/vite', typescript: 'node_modules/typescript', '@types/node': 'node_modules/@types/node',
}

let dir: string
let t: TestKernel
let baseURL: string
const sessions: BrowserSession[] = []
const errors: string[] = []

function tessera(args: string[]): string {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8' })
  assert.equal(r.status, 0, `tessera ${args.join(' ')}:\n${r.stdout}${r.stderr}`)
  return r.stdout
}

before(async () => {
  const shellDir = await ensureShellBuilt(repoRoot)
  dir = mkdtempSync(join(tmpdir(), 'tessera-scaffold-screen-'))
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scaffold-host', private: true, type: 'module' }))
  for (const [name, target] of Object.entries(links)) {
    mkdirSync(dirname(join(dir, 'node_modules', name)), { recursive: true })
    symlinkSync(realpathSync(join(repoRoot, target)), join(dir, 'node_modules', name))
  }
  tessera(['plugins', 'new', 'acme-desk'])
  const packageDir = join(dir, 'acme-desk')
  assert.match(tessera(['plugins', 'build', packageDir]), /ui: ui\/src\/acme-desk-screen\.ts → dist\/ui\/index\.js/)
  const definition = ((await import(pathToFileURL(join(packageDir, 'dist/index.js')).href)) as { default: never }).default
  t = await createTestKernel({ plugins: [{ definition, packageDir }], config: { ui: { shellDir } } })
  baseURL = await t.listen()
})

after(async () => {
  for (const s of sessions) await s.close().catch(() => {})
  await t?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

test('a manager opens the scaffolded screen: empty state, a note added through the form, the list', async () => {
  const tenant = await t.createTenant()
  await t.enable(tenant.id, 'acme-desk')
  const manager = await t.signIn({ tenantId: tenant.id, role: 'manager' })
  const s = await openBrowser({ baseURL, errors })
  sessions.push(s)
  s.context.setDefaultTimeout(15_000)
  await signIn(s.page, { email: manager.email, password: 'password123' })
  await s.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Acme desk' }).click()
  await s.page.getByRole('heading', { name: 'Acme desk', level: 1 }).waitFor()
  await s.page.getByText('No notes yet').waitFor()

  await s.page.getByLabel('New note').fill('Front desk keys are in the blue box')
  await s.page.getByRole('button', { name: 'Add note' }).click()
  const table = s.page.getByRole('table', { name: 'Notes' })
  await table.getByRole('row').filter({ hasText: 'Front desk keys are in the blue box' }).waitFor()
  await axe(s.page)
  assert.equal((await t.request({ method: 'GET', url: '/api/v1/acme-desk/notes', session: manager.cookie })).json().total, 1)
  assert.deepEqual(errors.filter((e) => !e.includes('status of 401')), [], 'no errors in the page')
})
