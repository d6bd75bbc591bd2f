/**
 * The packaging contract, end to end, as an outside developer and an operator meet it: the published packages are
 * built and packed (`pnpm pack`), installed with npm into a fresh host folder outside the repository; a plugin written
 * against the installed SDK only (`test/fixtures/parcels-plugin`) is type-checked and built to JavaScript there, passes
 * its own tests with `@tessera/sdk/testing`, is packed and installed into the host by package name next to a plugin
 * for kernel ^2 (`test/fixtures/stale-plugin`) and one with a bad manifest (`test/fixtures/broken-plugin`); the host's
 * config names all three; `tessera migrate` installs the good one and refuses the others with their reasons; `tessera start` serves the plugin's route to a signed-in user of a
 * tenant that enabled it. The database is a fresh one on the test PostgreSQL. The outside-host machinery is
 * `test/support/outside-host.ts`.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { cpSync, readdirSync, writeFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createTestDatabase, dropTestDatabase } from '@tessera/kernel/testing'
import { createHost, createOutsideDir, npm, ok, packPublishedPackages, run, signIn, startKernel, tscBin, type OutsideDir } from './support/outside-host.ts'

const fixtures = join(import.meta.dirname, 'fixtures')

let outside: OutsideDir
let databaseUrl: string

before(async () => {
  outside = createOutsideDir('tessera-outside-')
  databaseUrl = await createTestDatabase('tessera_pack')
})

after(async () => {
  if (databaseUrl) await dropTestDatabase(databaseUrl).catch(() => {})
  outside?.remove()
})

test('packed SDK packages install outside the repository; a plugin built against them installs by name and serves its route; a bad manifest is refused with reasons', { timeout: 240_000 }, async () => {
  const dir = outside.dir
  const packed = await packPublishedPackages(dir)

  // the host: the kernel, its config and the SDK the plugins peer-depend on, from the tarballs
  const host = await createHost(join(dir, 'host'), packed)

  // the outside plugin: type-checked against the installed SDK's .d.ts and built to JavaScript, then its own tests
  const plugin = join(host.dir, 'parcels-plugin')
  cpSync(join(fixtures, 'parcels-plugin'), plugin, { recursive: true, filter: (src) => !/\/(dist|node_modules)(\/|$)/.test(src) })
  await ok(process.execPath, [tscBin, '-p', 'tsconfig.json'], plugin)
  assert.ok(readdirSync(join(plugin, 'dist')).includes('index.d.ts'))
  const own = await run(process.execPath, ['--test'], plugin)
  assert.equal(own.code, 0, `the plugin's own tests pass on the installed harness:\n${own.out}`)

  // pack both plugins and install them into the host by package name
  await npm(['pack', '--pack-destination', packed.dir], plugin)
  for (const bad of ['stale-plugin', 'broken-plugin']) {
    cpSync(join(fixtures, bad), join(dir, bad), { recursive: true })
    await npm(['pack', '--pack-destination', packed.dir], join(dir, bad))
  }
  await host.install(['@acme/tessera-parcels', '@acme/tessera-stale', '@acme/tessera-broken'].map((n) => packed.tarball(n)))
  const installed = JSON.parse(readFileSync(join(host.dir, 'node_modules/@acme/tessera-parcels/package.json'), 'utf8')) as { peerDependencies: Record<string, string> }
  assert.deepEqual(installed.peerDependencies, { '@tessera/sdk': '^1.0.0' })

  // the host's config names the plugin packages; the operator CLI migrates, creates a tenant and a user, enables
  writeFileSync(join(host.dir, 'tessera.json'), JSON.stringify({
    plugins: ['@acme/tessera-parcels', '@acme/tessera-stale', '@acme/tessera-broken'], http: { port: 0 }, log: { level: 'warn' }, jobs: { pollingIntervalSeconds: 0.5 },
  }, null, 2))
  const env = { TESSERA_CONFIG: join(host.dir, 'tessera.json'), DATABASE_URL: databaseUrl, TESSERA_ENV: 'development' }
  const migrate = await host.tessera(['migrate'], env, 1)   // migrate reports the failed plugins with exit code 1
  const row = (id: string) => migrate.out.split('\n').find((l) => l.includes(`'${id}'`)) ?? ''
  assert.match(row('parcels'), /'installed'.*'001_parcels'/, migrate.out)
  assert.match(row('stale'), /'failed'.*\^2\.0\.0/, `the plugin for another kernel is refused, naming its range:\n${migrate.out}`)
  assert.match(row('broken'), /'failed'.*invalid manifest.*version.*other\.read|'failed'.*invalid manifest.*other\.read.*version/, `the bad manifest is refused with every reason:\n${migrate.out}`)
  await host.tessera(['tenants', 'create', '--slug', 'outside', '--name', 'Outside Coworking'], env)
  await host.tessera(['users', 'create', '--email', 'desk@outside.test', '--name', 'Desk', '--password', 'desk-password-1', '--tenant', 'outside', '--role', 'manager'], env)
  await host.tessera(['plugins', 'enable', 'outside', 'parcels'], env)

  const kernel = await startKernel(host, env)
  try {
    const desk = await signIn(kernel.url, 'desk@outside.test', 'desk-password-1')
    const created = await desk.fetch('/api/v1/parcels/parcels', { method: 'POST', body: JSON.stringify({ recipient: 'Grace' }) })
    assert.equal(created.status, 201, await created.clone().text())
    const list = await desk.fetch('/api/v1/parcels/parcels')
    assert.deepEqual(await list.json(), [{ id: (await created.json()).id, recipient: 'Grace' }])
    for (const id of ['stale', 'broken']) assert.equal((await desk.fetch(`/api/v1/${id}/anything`)).status, 404, 'a refused plugin serves nothing')
  } finally {
    await kernel.stop()
  }
})
