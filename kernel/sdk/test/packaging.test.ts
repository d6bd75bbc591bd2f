/**
 * The packaging contract, end to end, as an outside developer and an operator meet it: the published packages are
 * built and packed (`pnpm pack`), installed with npm into a fresh host folder outside the repository; a plugin written
 * against the installed SDK only (`test/fixtures/parcels-plugin`) is type-checked and built to JavaScript there, passes
 * its own tests with `@tessera/sdk/testing`, is packed and installed into the host by package name next to a plugin
 * for kernel ^2 (`test/fixtures/stale-plugin`) and one with a bad manifest (`test/fixtures/broken-plugin`); the host's
 * config names all three; `tessera migrate` installs the good one and refuses the others with their reasons; `tessera start` serves the plugin's route to a signed-in user of a
 * tenant that enabled it. The database is a fresh one on the test PostgreSQL.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTestDatabase, dropTestDatabase } from '@tessera/kernel/testing'

const repoRoot = join(import.meta.dirname, '../../..')
/** The published packages (`scripts/published-packages.ts`). */
const publishedPackages = [
  { name: '@tessera/config', dir: 'config' }, { name: '@tessera/sdk', dir: 'kernel/sdk' }, { name: '@tessera/kernel', dir: 'kernel/core' },
  { name: '@tessera/driver-sdk', dir: 'hardware-drivers/sdk' }, { name: '@tessera/ui-kit', dir: 'ui/kit' },
]

const fixtures = join(import.meta.dirname, 'fixtures')
// the environment of every child: no test-runner context, no database or config of the workspace's own run
const { NODE_TEST_CONTEXT: _c, DATABASE_URL: _d, TESSERA_CONFIG: _t, TESSERA_ENV: _e, NODE_ENV: _n, TESSERA_PLUGINS: _p, ...baseEnv } = process.env

interface Run { code: number | null; out: string }

function run(cmd: string, args: string[], cwd: string, env: Record<string, string | undefined> = {}, timeoutMs = 120_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...baseEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, out })
    })
  })
}

async function ok(cmd: string, args: string[], cwd: string, env?: Record<string, string | undefined>): Promise<string> {
  const r = await run(cmd, args, cwd, env)
  assert.equal(r.code, 0, `${cmd} ${args.join(' ')} (in ${cwd}) failed:\n${r.out}`)
  return r.out
}

const npm = (args: string[], cwd: string) => ok('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], cwd)

let dir: string
let databaseUrl: string

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-outside-'))
  assert.ok(!dir.startsWith(repoRoot), 'the host lives outside the repository')
  databaseUrl = await createTestDatabase('tessera_pack')
})

after(async () => {
  if (databaseUrl) await dropTestDatabase(databaseUrl).catch(() => {})
  if (dir) rmSync(dir, { recursive: true, force: true })
})

test('packed SDK packages install outside the repository; a plugin built against them installs by name and serves its route; a bad manifest is refused with reasons', { timeout: 240_000 }, async () => {
  const tarballs = join(dir, 'tarballs')
  mkdirSync(tarballs)
  await ok(process.execPath, [join(repoRoot, 'scripts/build-packages.ts'), '--ensure'], repoRoot)
  await Promise.all(publishedPackages.map((p) => ok('npx', ['-y', 'pnpm@10.34.9', 'pack', '--pack-destination', tarballs], join(repoRoot, p.dir))))
  const tgz = (name: string) => {
    const file = readdirSync(tarballs).find((f) => f.startsWith(name.replace('@', '').replace('/', '-') + '-'))
    assert.ok(file, `a tarball of ${name}`)
    return `file:${join(tarballs, file)}`
  }
  // every packed package points at JavaScript, never at .ts sources
  for (const p of publishedPackages) {
    const manifest = await ok('tar', ['-xOzf', tgz(p.name).slice(5), 'package/package.json'], dir)
    const { exports, dependencies = {} } = JSON.parse(manifest) as { exports: unknown; dependencies?: Record<string, string> }
    assert.doesNotMatch(JSON.stringify(exports), /(?<!\.d)\.ts"/, `${p.name} exports JavaScript`)
    assert.doesNotMatch(JSON.stringify(dependencies), /workspace:/, `${p.name} has no workspace: dependency`)
  }

  // the host: the kernel, its config and the SDK the plugins peer-depend on, from the tarballs
  const host = join(dir, 'host')
  mkdirSync(host)
  const tessera = ['@tessera/config', '@tessera/sdk', '@tessera/kernel']
  writeFileSync(join(host, 'package.json'), JSON.stringify({
    name: 'outside-host', private: true, type: 'module',
    dependencies: Object.fromEntries(tessera.map((n) => [n, tgz(n)])),
    // until they are on the registry, the kernel's own dependencies on them resolve to the same tarballs
    overrides: Object.fromEntries(tessera.map((n) => [n, `$${n}`])),
  }, null, 2))
  await npm(['install'], host)

  // the outside plugin: type-checked against the installed SDK's .d.ts and built to JavaScript, then its own tests
  const plugin = join(host, 'parcels-plugin')
  cpSync(join(fixtures, 'parcels-plugin'), plugin, { recursive: true, filter: (src) => !/\/(dist|node_modules)(\/|$)/.test(src) })
  await ok(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], plugin)
  assert.ok(readdirSync(join(plugin, 'dist')).includes('index.d.ts'))
  const own = await run(process.execPath, ['--test'], plugin)
  assert.equal(own.code, 0, `the plugin's own tests pass on the installed harness:\n${own.out}`)

  // pack both plugins and install them into the host by package name
  await npm(['pack', '--pack-destination', tarballs], plugin)
  for (const bad of ['stale-plugin', 'broken-plugin']) {
    cpSync(join(fixtures, bad), join(dir, bad), { recursive: true })
    await npm(['pack', '--pack-destination', tarballs], join(dir, bad))
  }
  await npm(['install', ...['@acme/tessera-parcels', '@acme/tessera-stale', '@acme/tessera-broken'].map((n) => tgz(n).slice(5))], host)
  const installed = JSON.parse(readFileSync(join(host, 'node_modules/@acme/tessera-parcels/package.json'), 'utf8')) as { peerDependencies: Record<string, string> }
  assert.deepEqual(installed.peerDependencies, { '@tessera/sdk': '^1.0.0' })

  // the host's config names the plugin packages; the operator CLI migrates, creates a tenant and a user, enables
  writeFileSync(join(host, 'tessera.json'), JSON.stringify({
    plugins: ['@acme/tessera-parcels', '@acme/tessera-stale', '@acme/tessera-broken'], http: { port: 0 }, log: { level: 'warn' }, jobs: { pollingIntervalSeconds: 0.5 },
  }, null, 2))
  const env = { TESSERA_CONFIG: join(host, 'tessera.json'), DATABASE_URL: databaseUrl, TESSERA_ENV: 'development' }
  const cli = join(host, 'node_modules/.bin/tessera')
  const migrate = await run(process.execPath, [cli, 'migrate'], host, env)
  assert.equal(migrate.code, 1, `migrate reports the failed plugin with exit code 1:\n${migrate.out}`)
  const row = (id: string) => migrate.out.split('\n').find((l) => l.includes(`'${id}'`)) ?? ''
  assert.match(row('parcels'), /'installed'.*'001_parcels'/, migrate.out)
  assert.match(row('stale'), /'failed'.*\^2\.0\.0/, `the plugin for another kernel is refused, naming its range:\n${migrate.out}`)
  assert.match(row('broken'), /'failed'.*invalid manifest.*version.*other\.read|'failed'.*invalid manifest.*other\.read.*version/, `the bad manifest is refused with every reason:\n${migrate.out}`)
  await ok(process.execPath, [cli, 'tenants', 'create', '--slug', 'outside', '--name', 'Outside Coworking'], host, env)
  await ok(process.execPath, [cli, 'users', 'create', '--email', 'desk@outside.test', '--name', 'Desk', '--password', 'desk-password-1', '--tenant', 'outside', '--role', 'manager'], host, env)
  await ok(process.execPath, [cli, 'plugins', 'enable', 'outside', 'parcels'], host, env)

  const server = spawn(process.execPath, [cli, 'start'], { cwd: host, env: { ...baseEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  try {
    let output = ''
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (d: Buffer) => {
        output += d
        const m = /listening at (http:\/\/\S+)/.exec(output)
        if (m) resolve(m[1])
      }
      server.stdout.on('data', onData)
      server.stderr.on('data', onData)
      server.on('exit', (code) => reject(new Error(`tessera start exited (${code}):\n${output}`)))
    })
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ email: 'desk@outside.test', password: 'desk-password-1' }),
    })
    assert.equal(login.status, 200, await login.clone().text())
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]
    const headers = { cookie, origin: url, 'content-type': 'application/json' }
    const created = await fetch(`${url}/api/v1/parcels/parcels`, { method: 'POST', headers, body: JSON.stringify({ recipient: 'Grace' }) })
    assert.equal(created.status, 201, await created.clone().text())
    const list = await fetch(`${url}/api/v1/parcels/parcels`, { headers })
    assert.deepEqual(await list.json(), [{ id: (await created.json()).id, recipient: 'Grace' }])
    for (const id of ['stale', 'broken']) assert.equal((await fetch(`${url}/api/v1/${id}/anything`, { headers })).status, 404, 'a refused plugin serves nothing')
  } finally {
    server.kill('SIGTERM')
    await new Promise((r) => server.once('exit', r))
  }
})
