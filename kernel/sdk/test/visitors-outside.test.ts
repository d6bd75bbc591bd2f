/**
 * The outside example, end to end (issue 11, item 5): the published packages — SDK, kernel, config, UI kit and
 * `@tessera/orm` — are built and packed; the `visitors` plugin, written only against them, is built as it is published
 * (server JavaScript against their declarations, UI bundle with the kit's Vite preset) and packed; a fresh host folder
 * outside the repository installs them all from the tarballs with npm, names the plugin in its config, migrates on a
 * fresh database of the test PostgreSQL, enables the plugin for a tenant, and `tessera start` serves it: a visitor is
 * registered and checked in over HTTP (badge 1; a second check-in is a 409), and the UI manifest lists the visitors
 * screen whose bundle URL serves its JavaScript.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createTestDatabase, dropTestDatabase } from '@tessera/kernel/testing'
import { createHost, createOutsideDir, ok, packPublishedPackages, repoRoot, signIn, startKernel, type OutsideDir } from './support/outside-host.ts'

const visitorsDir = join(repoRoot, 'plugins/visitors')

let outside: OutsideDir
let databaseUrl: string

before(async () => {
  outside = createOutsideDir('tessera-visitors-')
  databaseUrl = await createTestDatabase('tessera_visitors_outside')
})

after(async () => {
  if (databaseUrl) await dropTestDatabase(databaseUrl).catch(() => {})
  outside?.remove()
})

/** Every bare import specifier of the JavaScript files under `dir`. */
function importsUnder(dir: string): Set<string> {
  const found = new Set<string>()
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue
    const text = readFileSync(join(entry.parentPath, entry.name), 'utf8')
    for (const m of text.matchAll(/(?:import|export)\s*(?:[^'"]*?\sfrom\s*)?['"]([^'"./][^'"]*)['"]/g)) found.add(m[1])
  }
  return found
}

test('visitors, packed with the published packages, installs into a fresh host and serves its API and its screen', { timeout: 400_000 }, async () => {
  const packed = await packPublishedPackages(outside.dir)
  await ok(process.execPath, [join(visitorsDir, 'scripts/build-plugin.ts')], visitorsDir)
  await ok('npx', ['-y', 'pnpm@10.34.9', 'pack', '--pack-destination', packed.dir], visitorsDir)
  const manifest = JSON.parse(await ok('tar', ['-xOzf', packed.tarball('@tessera/plugin-visitors'), 'package/package.json'], outside.dir)) as {
    exports: Record<string, { default: string }>; dependencies: Record<string, string>; peerDependencies: Record<string, string>
  }
  assert.equal(manifest.exports['.'].default, './dist/index.js')
  assert.equal(manifest.exports['./contract'].default, './dist/contract/index.js')
  assert.deepEqual(manifest.dependencies, { '@tessera/orm': '1.0.0' })
  assert.deepEqual(Object.keys(manifest.peerDependencies).sort(), ['@tessera/sdk', '@tessera/ui-kit', 'lit'])
  const orm = JSON.parse(await ok('tar', ['-xOzf', packed.tarball('@tessera/orm'), 'package/package.json'], outside.dir)) as { peerDependencies: Record<string, string>; dependencies: Record<string, string> }
  assert.deepEqual(orm.peerDependencies, { '@tessera/sdk': '^1.0.0' }, 'the ORM uses the host\'s one SDK')
  assert.equal(orm.dependencies['@tessera/sdk'], undefined)

  const host = await createHost(join(outside.dir, 'host'), packed, ['@tessera/ui-kit', '@tessera/orm'])
  await host.install([packed.tarball('@tessera/plugin-visitors')])
  const installed = join(host.dir, 'node_modules/@tessera/plugin-visitors/dist')
  const imports = importsUnder(installed)
  const tessera = [...imports].filter((s) => s.startsWith('@tessera/'))
  assert.deepEqual(tessera.sort(), ['@tessera/orm', '@tessera/sdk', '@tessera/ui-kit'], 'only published packages, no workspace plugin')
  assert.ok([...imports].every((s) => s.startsWith('@tessera/') || s.startsWith('node:') || s === 'lit' || s.startsWith('lit/')), [...imports].join(', '))

  writeFileSync(join(host.dir, 'tessera.json'), JSON.stringify({
    plugins: ['@tessera/plugin-visitors'], http: { port: 0 }, log: { level: 'warn' }, jobs: { pollingIntervalSeconds: 0.5 },
  }, null, 2))
  const env = { TESSERA_CONFIG: join(host.dir, 'tessera.json'), DATABASE_URL: databaseUrl, TESSERA_ENV: 'development' }
  const migrate = await host.tessera(['migrate'], env)
  assert.match(migrate.out.split('\n').find((l) => l.includes("'visitors'")) ?? '', /'installed'.*'001_visitors'/, migrate.out)
  await host.tessera(['tenants', 'create', '--slug', 'outside', '--name', 'Outside Coworking'], env)
  await host.tessera(['users', 'create', '--email', 'desk@outside.test', '--name', 'Dana Desk', '--password', 'desk-password-1', '--tenant', 'outside', '--role', 'manager'], env)
  await host.tessera(['users', 'create', '--email', 'host@outside.test', '--name', 'Hugo Host', '--password', 'host-password-1', '--tenant', 'outside', '--role', 'member'], env)
  await host.tessera(['plugins', 'enable', 'outside', 'visitors', '--config', '{"timezone":"Europe/London"}'], env)

  const kernel = await startKernel(host, env)
  try {
    const desk = await signIn(kernel.url, 'desk@outside.test', 'desk-password-1')
    const hosts = await (await desk.fetch('/api/v1/visitors/visitors/hosts?q=hugo')).json() as { items: { id: string; name: string }[] }
    assert.deepEqual(hosts.items.map((h) => h.name), ['Hugo Host'])
    const registered = await desk.fetch('/api/v1/visitors/visitors', {
      method: 'POST', body: JSON.stringify({ name: 'Ada Lovelace', company: 'Analytical Engines', expectedAt: new Date().toISOString(), hostUserId: hosts.items[0].id }),
    })
    assert.equal(registered.status, 201, await registered.clone().text())
    const visitor = await registered.json() as { id: string; hostName: string }
    assert.equal(visitor.hostName, 'Hugo Host')
    const arrived = await desk.fetch(`/api/v1/visitors/visitors/${visitor.id}/check-in`, { method: 'POST', body: '{}' })
    assert.equal(arrived.status, 200, await arrived.clone().text())
    assert.equal((await arrived.json() as { badgeNumber: number }).badgeNumber, 1)
    const again = await desk.fetch(`/api/v1/visitors/visitors/${visitor.id}/check-in`, { method: 'POST', body: '{}' })
    assert.equal(again.status, 409)
    assert.match(again.headers.get('content-type') ?? '', /^application\/problem\+json/)
    assert.match((await again.json() as { detail: string }).detail, /^Ada Lovelace already checked in at \d\d:\d\d with badge 1\.$/)
    const today = await (await desk.fetch('/api/v1/visitors/visitors')).json() as { items: { id: string; status: string }[]; total: number }
    assert.deepEqual(today.items.map((v) => [v.id, v.status]), [[visitor.id, 'arrived']])

    const ui = await (await desk.fetch('/api/v1/ui/manifest')).json() as {
      plugins: { id: string; module: string; routes: { path: string; tag: string }[]; nav: { label: string }[]; widgets: { element: string }[] }[]
    }
    const screen = ui.plugins.find((p) => p.id === 'visitors')
    assert.ok(screen, JSON.stringify(ui))
    assert.deepEqual(screen.routes, [{ path: '/visitors', tag: 'visitors-desk' }, { path: '/visitors/mine', tag: 'visitors-desk' }])
    assert.deepEqual(screen.nav.map((n) => n.label), ['Visitors', 'My guests'])
    assert.deepEqual(screen.widgets.map((w) => w.element), ['visitors-today-widget'])
    assert.equal(screen.module, '/ui/plugins/visitors/1.0.0/index.js')
    const bundle = await fetch(`${kernel.url}${screen.module}`)
    assert.equal(bundle.status, 200)
    assert.match(bundle.headers.get('content-type') ?? '', /javascript/)
    const js = await bundle.text()
    assert.match(js, /customElements\.define\(\s*["']visitors-desk["']/)
    assert.match(js, /customElements\.define\(\s*["']visitors-today-widget["']/)

    const member = await signIn(kernel.url, 'host@outside.test', 'host-password-1')
    const memberUi = await (await member.fetch('/api/v1/ui/manifest')).json() as typeof ui
    assert.deepEqual(memberUi.plugins.find((p) => p.id === 'visitors')?.nav.map((n) => n.label), ['My guests'], 'a member gets "My guests", not the front desk')
  } finally {
    await kernel.stop()
  }
})
