/**
 * The plugin author's path of `kernel/sdk/README.md` ("From an empty folder"), end to end, outside the repository: the
 * packed SDK tarballs are installed into an empty folder; `tessera plugins new acme-desk` writes the plugin from the
 * template in the installed SDK; the plugin's own devDependencies that are not among the tarballs come from the
 * registry; its own `npm test` passes against the test PostgreSQL and `npm run typecheck` passes; `tessera plugins
 * build` builds its server JS and its UI bundle (entry `ui.entry`, Lit and the kit external, their ranges in
 * `index.meta.json`); `npm pack`, installed into the host by package name, migrated, enabled for a tenant (a tenant
 * manifest with a user), started: its
 * API answers, the UI manifest the shell reads lists its screen, the bundle URL serves its JavaScript, and the shell
 * (the repository's build, as `ui.shellDir`) accepted the bundle's ranges. Then `tessera plugins dev` runs a copy of
 * the scaffold on a second database, and a change to a route and to the screen is picked up without a restart by hand.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createTestDatabase, dropTestDatabase, waitFor } from '@tessera/kernel/testing'
import {
  createHost, createOutsideDir, npm, ok, packPublishedPackages, repoRoot, run, signIn, startKernel, startProcess, type OutsideDir,
} from './support/outside-host.ts'

let outside: OutsideDir
const databases: string[] = []

before(async () => {
  outside = createOutsideDir('tessera-scaffold-')
  databases.push(await createTestDatabase('tessera_scaffold'), await createTestDatabase('tessera_scaffold_dev'))
})

after(async () => {
  for (const url of databases) await dropTestDatabase(url).catch(() => {})
  outside?.remove()
})

test('tessera plugins new → own tests → build → pack → install by name → enable → API, UI manifest and bundle served; plugins dev reloads on change', { timeout: 420_000 }, async () => {
  const [databaseUrl, devDatabaseUrl] = databases
  const [packed, shell] = await Promise.all([
    packPublishedPackages(outside.dir),
    ok(process.execPath, [join(repoRoot, 'scripts/build-ui.ts'), '--ensure-shell'], repoRoot),
  ])
  const shellDir = shell.trim().split('\n').at(-1)!
  const host = await createHost(join(outside.dir, 'host'), packed, ['@tessera/ui-kit'])

  // scaffold: the template comes from the installed SDK; a bad id and an existing folder are refused with a reason
  const bad = await host.tessera(['plugins', 'new', 'Acme_Desk'], {}, 1)
  assert.match(bad.out, /"Acme_Desk" is not a plugin id: use 2 to 31 lowercase letters/)
  await host.tessera(['plugins', 'new', 'acme-desk'], {})
  assert.match((await host.tessera(['plugins', 'new', 'acme-desk'], {}, 1)).out, /a folder named "acme-desk" already exists/)
  const plugin = join(host.dir, 'acme-desk')
  const manifest = JSON.parse(readFileSync(join(plugin, 'package.json'), 'utf8')) as { name: string; devDependencies: Record<string, string>; peerDependencies: Record<string, string> }
  assert.equal(manifest.name, 'tessera-plugin-acme-desk')
  assert.equal(manifest.peerDependencies['@tessera/sdk'], '^1.0.0')
  // until the @tessera packages are on the registry, the plugin resolves them (and the rest) from the folder above it
  await host.install(Object.entries(manifest.devDependencies).filter(([name]) => !name.startsWith('@tessera/')).map(([name, range]) => `${name}@${range}`))

  // its own tests (from source), its type check and its build are independent of each other
  const [own, , build] = await Promise.all([run('npm', ['test'], plugin), ok('npm', ['run', 'typecheck'], plugin), host.tessera(['plugins', 'build', plugin], {})])
  assert.equal(own.code, 0, `the scaffold passes its own tests out of the box:\n${own.out}`)
  assert.match(own.out, /ℹ pass [1-9]/)
  assert.match(own.out, /ℹ fail 0/)
  assert.match(build.out, /ui: ui\/src\/acme-desk-screen\.ts → dist\/ui\/index\.js/, 'the bundle is built from ui.entry')
  assert.ok(existsSync(join(plugin, 'dist/index.js')) && existsSync(join(plugin, 'dist/index.d.ts')), 'server JS and types in dist/')
  const bundle = readFileSync(join(plugin, 'dist/ui/index.js'), 'utf8')
  assert.match(bundle, /from\s*"lit"/, 'lit stays external')
  assert.match(bundle, /from\s*"@tessera\/ui-kit"/, 'the kit stays external')
  assert.doesNotMatch(bundle, /class\s+\w+\s+extends\s+ReactiveElement/, 'no copy of Lit inside the bundle')
  const meta = JSON.parse(readFileSync(join(plugin, 'dist/ui/index.meta.json'), 'utf8')) as { requires: Record<string, string> }
  assert.deepEqual(meta.requires, { lit: manifest.peerDependencies.lit, '@tessera/ui-kit': manifest.peerDependencies['@tessera/ui-kit'] })

  await npm(['pack', '--pack-destination', packed.dir], plugin)
  await host.install([packed.tarball('tessera-plugin-acme-desk')])
  writeFileSync(join(host.dir, 'tessera.json'), JSON.stringify({
    plugins: ['tessera-plugin-acme-desk'], http: { port: 0 }, log: { level: 'warn' }, jobs: { pollingIntervalSeconds: 0.5 }, ui: { shellDir },
  }, null, 2))
  const env = { TESSERA_CONFIG: join(host.dir, 'tessera.json'), DATABASE_URL: databaseUrl, TESSERA_ENV: 'development' }
  writeFileSync(join(host.dir, 'tenant.json'), JSON.stringify({
    slug: 'outside', name: 'Outside Coworking', plugins: { 'acme-desk': { version: '^1.0.0' } },
    users: [{ email: 'desk@outside.test', name: 'Desk', role: 'manager', password: 'desk-password-1' }],
  }, null, 2))
  assert.match((await host.tessera(['migrate'], env)).out, /'acme-desk'.*'installed'.*'001_acme_desk'/)
  await host.tessera(['tenants', 'apply', 'tenant.json'], env)
  assert.match((await host.tessera(['plugins', 'status', 'outside'], env)).out, /'acme-desk'.*'enabled'.*'served'/, 'the shell accepted the bundle')

  const kernel = await startKernel(host, env)
  try {
    const desk = await signIn(kernel.url, 'desk@outside.test', 'desk-password-1')
    const created = await desk.fetch('/api/v1/acme-desk/notes', { method: 'POST', body: JSON.stringify({ title: 'Welcome desk' }) })
    assert.equal(created.status, 201, await created.clone().text())
    const page = (await (await desk.fetch('/api/v1/acme-desk/notes')).json()) as { items: { title: string }[]; total: number }
    assert.deepEqual([page.items.map((n) => n.title), page.total], [['Welcome desk'], 1])
    assert.equal((await desk.fetch('/api/v1/acme-desk/notes', { method: 'POST', body: JSON.stringify({}) })).status, 400)

    const ui = (await (await desk.fetch('/api/v1/ui/manifest')).json()) as { plugins: { id: string; module: string; routes: { path: string; tag: string }[] }[] }
    const screen = ui.plugins.find((p) => p.id === 'acme-desk')
    assert.ok(screen, `the UI manifest lists the plugin: ${JSON.stringify(ui)}`)
    assert.deepEqual(screen.routes, [{ path: '/acme-desk', tag: 'acme-desk-notes' }])
    const module = await fetch(`${kernel.url}${screen.module}`)
    assert.equal(module.status, 200)
    assert.match(module.headers.get('content-type') ?? '', /javascript/)
    assert.match(await module.text(), /customElements\.define\("acme-desk-notes"/)
    const app = await fetch(`${kernel.url}/acme-desk`)
    assert.match(await app.text(), /<script type="importmap">/, 'the screen path serves the shell with its import map')
  } finally {
    await kernel.stop()
  }

  // the dev loop, on a copy of the scaffold: a route's answer and the screen change without restarting by hand
  const copy = join(host.dir, 'acme-desk-dev')
  cpSync(plugin, copy, { recursive: true, filter: (src) => !/\/(dist|node_modules)(\/|$)/.test(src) })
  const devEnv = { DATABASE_URL: devDatabaseUrl, TESSERA_ENV: 'development', TESSERA_CONFIG: join(host.dir, 'tessera.json') }
  const dev = await startProcess([host.cli, 'plugins', 'dev', copy, '--port', '0'], host.dir, devEnv)
  try {
    const [, email, password] = /sign in as (\S+) \/ (\S+)/.exec(dev.output()) ?? []
    assert.ok(email, `the dev loop prints a sign-in:\n${dev.output()}`)
    const developer = await signIn(dev.url, email, password)
    const status = async () => {
      try {
        return ((await (await developer.fetch('/api/v1/acme-desk/status')).json()) as { message?: string }).message
      } catch {
        return undefined // between two kernels
      }
    }
    assert.equal(await status(), 'Acme desk is ready')
    const moduleUrl = async () => {
      try {
        return ((await (await developer.fetch('/api/v1/ui/manifest')).json()) as { plugins: { id: string; module: string }[] }).plugins.find((p) => p.id === 'acme-desk')?.module
      } catch {
        return undefined
      }
    }
    const firstModule = await moduleUrl()
    assert.ok(firstModule, 'the dev tenant has the plugin enabled, with its screen')

    const routes = join(copy, 'src/routes/notes-routes.ts')
    writeFileSync(routes, readFileSync(routes, 'utf8').replace("'Acme desk is ready'", "'Acme desk was reloaded'"))
    await waitFor(async () => (await status()) === 'Acme desk was reloaded' || undefined, { timeoutMs: 60_000, message: `the changed route answers:\n${dev.output()}` })

    const screenFile = join(copy, 'ui/src/acme-desk-screen.ts')
    writeFileSync(screenFile, readFileSync(screenFile, 'utf8').replace('No notes yet', 'Nothing noted yet'))
    const newModule = await waitFor(async () => {
      const url = await moduleUrl()
      return url && url !== firstModule ? url : undefined
    }, { timeoutMs: 60_000, message: `a rebuilt UI bundle under a new URL:\n${dev.output()}` })
    assert.match(await (await fetch(`${dev.url}${newModule}`)).text(), /Nothing noted yet/)
  } finally {
    await dev.stop()
  }
})
