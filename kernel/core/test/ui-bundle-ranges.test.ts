/**
 * The kernel checks each plugin's UI bundle against the shell it serves: a bundle declares (in `dist/ui/index.meta.json`,
 * written by the kit's Vite preset) the Lit and kit ranges it was built against; the shell's build records the versions
 * its import map serves (`vendor/versions.json`). A bundle the shell satisfies is served and listed in the UI manifest;
 * one it does not is refused with a reason in plugin status, left out of the manifest and not served — while the
 * plugin's API keeps working. The shell is the real build (`ensureShellBuilt`).
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { definePlugin } from '@tessera/sdk'
import { ensureShellBuilt } from '@tessera/ui-shell/testing'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'

const repoRoot = join(import.meta.dirname, '../../..')

/** A plugin with one API route and one screen, whose built bundle declares `requires`. */
function bundledPlugin(id: string, dir: string, requires: Record<string, string>) {
  const packageDir = join(dir, id)
  mkdirSync(join(packageDir, 'dist', 'ui'), { recursive: true })
  writeFileSync(join(packageDir, 'package.json'), JSON.stringify({ name: `@acme/${id}`, version: '1.0.0', type: 'module' }))
  writeFileSync(join(packageDir, 'dist', 'ui', 'index.js'), `customElements.define('${id}-screen', class extends HTMLElement {})\n`)
  writeFileSync(join(packageDir, 'dist', 'ui', 'index.meta.json'), JSON.stringify({ plugin: id, entry: 'ui/index.ts', requires }))
  const definition = definePlugin({
    id, version: '1.0.0', kernel: '^1.0.0',
    permissions: { [`${id}.read`]: { description: 'Read', roles: ['owner', 'admin', 'manager'] } },
    routes(app) {
      app.get('/ping', { config: { permission: `${id}.read` }, schema: { response: { 200: { type: 'object', properties: { pong: { type: 'string' } } } } } }, async () => ({ pong: id }))
    },
    ui: { nav: [{ label: id, path: `/${id}` }], routes: [{ path: `/${id}`, tag: `${id}-screen` }] },
  })
  return { definition, packageDir }
}

let t: TestKernel
let dir: string
let shellVersions: Record<string, string>

before(async () => {
  const shellDir = await ensureShellBuilt(repoRoot)
  shellVersions = JSON.parse(readFileSync(join(shellDir, 'vendor', 'versions.json'), 'utf8'))
  dir = mkdtempSync(join(tmpdir(), 'tessera-ui-ranges-'))
  const litMajor = Number(shellVersions.lit.split('.')[0])
  t = await createTestKernel({
    workers: false,
    config: { ui: { shellDir } },
    plugins: [
      bundledPlugin('fitting', dir, { lit: `^${litMajor}.0.0`, '@tessera/ui-kit': `^${shellVersions['@tessera/ui-kit']}` }),
      bundledPlugin('oldlit', dir, { lit: `^${litMajor - 1}.0.0`, '@tessera/ui-kit': '^1.0.0' }),
      bundledPlugin('newkit', dir, { lit: `^${litMajor}.0.0`, '@tessera/ui-kit': '^99.0.0' }),
    ],
  })
})
after(async () => {
  await t?.close()
  rmSync(dir, { recursive: true, force: true })
})

test('the shell serves the Lit and kit versions it was built with', () => {
  assert.match(shellVersions.lit, /^\d+\.\d+\.\d+/)
  assert.match(shellVersions['@tessera/ui-kit'], /^\d+\.\d+\.\d+/)
})

test('a bundle the shell satisfies is served and listed; a mismatch is refused with a reason, its API still works', async () => {
  const operator = await t.signIn({ operator: true })
  const status = (await t.request({ method: 'GET', url: '/api/v1/admin/plugins', session: operator.cookie })).json().items as { id: string; state: string; ui: string; uiError: string | null }[]
  const byId = Object.fromEntries(status.map((p) => [p.id, p]))
  assert.deepEqual([byId.fitting.state, byId.fitting.ui, byId.fitting.uiError], ['installed', 'served', null])
  assert.equal(byId.oldlit.state, 'installed', 'a refused UI does not fail the plugin')
  assert.equal(byId.oldlit.ui, 'refused')
  assert.match(byId.oldlit.uiError ?? '', new RegExp(`built for lit \\^${Number(shellVersions.lit.split('.')[0]) - 1}\\.0\\.0, the shell serves lit ${shellVersions.lit.replace(/\./g, '\\.')}`))
  assert.equal(byId.newkit.ui, 'refused')
  assert.match(byId.newkit.uiError ?? '', /@tessera\/ui-kit \^99\.0\.0/)

  const w = await t.createWorld({ plugins: ['fitting', 'oldlit', 'newkit'] })
  const manifest = (await t.request({ method: 'GET', url: '/api/v1/ui/manifest', session: w.users.manager.cookie })).json() as { plugins: { id: string; module: string; routes: { tag: string }[] }[] }
  assert.deepEqual(manifest.plugins.map((p) => p.id), ['fitting'], 'the manifest omits refused UIs')
  assert.deepEqual(manifest.plugins[0].routes, [{ path: '/fitting', tag: 'fitting-screen' }])

  const served = await t.request({ method: 'GET', url: manifest.plugins[0].module })
  assert.equal(served.statusCode, 200)
  assert.match(served.headers['content-type'] as string, /javascript/)
  assert.match(served.body, /fitting-screen/)
  assert.equal((await t.request({ method: 'GET', url: '/ui/plugins/oldlit/1.0.0/index.js' })).headers['content-type']?.toString().includes('javascript'), false, 'a refused bundle is not served')

  for (const id of ['oldlit', 'newkit']) {
    const api = await t.request({ method: 'GET', url: `/api/v1/${id}/ping`, session: w.users.manager.cookie })
    assert.equal(api.statusCode, 200, api.body)
    assert.deepEqual(api.json(), { pong: id })
  }
})
