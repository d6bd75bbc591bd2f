/**
 * `tessera drivers new`, as a driver author meets it, outside the repository: the driver SDK is built, packed
 * (`pnpm pack`, so its published manifest points at `dist/`) and installed with npm into a temporary folder; the real
 * `tessera` CLI scaffolds a lock driver and a printer driver there from the templates of that installed SDK; each is
 * built with tsc and runs its own `npm test` script — the SDK's conformance suite — which reports every capability
 * level passed. Bad ids, package names, kinds, folders and a missing SDK are refused with one clear line.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { scaffoldDriver } from '../src/cli/drivers-new.ts'

const repoRoot = join(import.meta.dirname, '../../..')
const driverSdk = join(repoRoot, 'hardware-drivers/sdk')
const tscBin = join(repoRoot, 'node_modules/typescript/bin/tsc')
const cli = join(repoRoot, 'kernel/core/bin/tessera.ts')
const { version: sdkVersion } = JSON.parse(readFileSync(join(driverSdk, 'package.json'), 'utf8')) as { version: string }
// children see neither the test runner's context nor pnpm's NODE_PATH (which would reach the workspace's packages)
const { NODE_TEST_CONTEXT: _context, NODE_PATH: _nodePath, ...env } = process.env

function run(cmd: string, args: string[], cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, out }))
  })
}

async function ok(cmd: string, args: string[], cwd: string): Promise<string> {
  const r = await run(cmd, args, cwd)
  assert.equal(r.code, 0, `${cmd} ${args.join(' ')} (in ${cwd}) failed:\n${r.out}`)
  return r.out
}

let workshop: string

before(async () => {
  workshop = mkdtempSync(join(tmpdir(), 'tessera-drivers-'))
  assert.ok(!workshop.startsWith(repoRoot), 'the folder lives outside the repository')
  const staging = join(workshop, 'driver-sdk-package')
  await ok(process.execPath, [tscBin, '-p', join(driverSdk, 'tsconfig.build.json'), '--outDir', join(staging, 'dist')], repoRoot)
  for (const f of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'templates']) cpSync(join(driverSdk, f), join(staging, f), { recursive: true })
  await ok('npx', ['-y', 'pnpm@10.34.9', 'pack', '--pack-destination', workshop], staging)
  writeFileSync(join(workshop, 'package.json'), JSON.stringify({ name: 'driver-workshop', private: true, type: 'module' }))
  await ok('npm', ['install', '--no-audit', '--no-fund', '--offline', '--loglevel=error', `./tessera-driver-sdk-${sdkVersion}.tgz`], workshop)
  const installed = JSON.parse(readFileSync(join(workshop, 'node_modules/@tessera/driver-sdk/package.json'), 'utf8')) as { exports: Record<string, { default: string }> }
  assert.equal(installed.exports['./conformance'].default, './dist/conformance/index.js', 'the installed SDK is the published JavaScript')
  // Node's type declarations, as `npm install` of a scaffold's devDependencies would add them
  mkdirSync(join(workshop, 'node_modules/@types'), { recursive: true })
  symlinkSync(realpathSync(join(repoRoot, 'node_modules/@types/node')), join(workshop, 'node_modules/@types/node'))
})

after(() => {
  if (workshop) rmSync(workshop, { recursive: true, force: true })
})

/** Builds a scaffolded package with tsc and runs its own `npm test` script with this Node. */
async function buildAndTest(dir: string): Promise<string> {
  await ok(process.execPath, [tscBin, '-p', 'tsconfig.json'], dir)
  assert.ok(existsSync(join(dir, 'dist/index.js')) && existsSync(join(dir, 'dist/index.d.ts')), 'tsc emitted dist/index.js and its .d.ts')
  const { scripts } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts: { test: string } }
  assert.match(scripts.test, /^node --test /)
  return ok('sh', ['-c', scripts.test.replace(/^node /, `'${process.execPath}' `)], dir)
}

test('a scaffolded lock driver and printer driver build and pass every conformance level of the installed driver SDK', { timeout: 120_000 }, async () => {
  const lock = await ok(process.execPath, [cli, 'drivers', 'new', 'lock', 'acme-relay', '--package', '@acme/tessera-driver-acme-relay'], workshop)
  assert.match(lock, new RegExp(`created tessera-driver-acme-relay: lock driver "acme-relay", package @acme/tessera-driver-acme-relay, for @tessera/driver-sdk \\^${sdkVersion.replaceAll('.', '\\.')}`))
  const printer = await ok(process.execPath, [cli, 'drivers', 'new', 'printer', 'acme-files', '--dir', 'printers/acme-files'], workshop)
  assert.match(printer, /created printers\/acme-files: printer driver "acme-files", package tessera-driver-acme-files/)

  const lockDir = join(workshop, 'tessera-driver-acme-relay')
  const printerDir = join(workshop, 'printers/acme-files')
  const manifest = JSON.parse(readFileSync(join(lockDir, 'package.json'), 'utf8')) as { name: string; peerDependencies: Record<string, string>; exports: Record<string, unknown> }
  assert.equal(manifest.name, '@acme/tessera-driver-acme-relay')
  assert.deepEqual(manifest.peerDependencies, { '@tessera/driver-sdk': `^${sdkVersion}` })
  for (const dir of [lockDir, printerDir]) {
    const files = readdirSync(dir, { recursive: true }).map(String)
    for (const f of ['package.json', '.gitignore', 'README.md', 'tsconfig.json', 'src/index.ts', 'test/conformance.test.ts']) assert.ok(files.includes(f), `${dir} has ${f}`)
    for (const f of files.filter((f) => /\.(ts|json|md)$/.test(f))) assert.doesNotMatch(readFileSync(join(dir, f), 'utf8'), /template-(lock|printer)/, `${f} names the new driver only`)
  }

  const [lockRun, printerRun] = await Promise.all([buildAndTest(lockDir), buildAndTest(printerDir)])
  assert.match(lockRun, /levels: relay passed, sensor passed, fail-secure passed/, lockRun)
  assert.match(printerRun, /levels: print passed, cancel passed, states passed, recovery passed/, printerRun)

  // what the site agent loads: the built package's default export
  const lockDriver = (await import(pathToFileURL(join(lockDir, 'dist/index.js')).href)).default as { kind: string; id: string }
  const printerDriver = (await import(pathToFileURL(join(printerDir, 'dist/index.js')).href)).default as { kind: string; id: string }
  assert.deepEqual([lockDriver.kind, lockDriver.id, printerDriver.kind, printerDriver.id], ['lock', 'acme-relay', 'printer', 'acme-files'])
})

test('refuses a bad id, package name or kind, a folder in use and a missing driver SDK, each in one line', async () => {
  const scaffold = (o: Partial<Parameters<typeof scaffoldDriver>[0]>) => () => scaffoldDriver({ kind: 'lock', id: 'door', cwd: workshop, ...o })
  assert.throws(scaffold({ id: 'Acme_Relay' }), /^Error: driver id "Acme_Relay" must be lowercase letters, digits and dashes/)
  assert.throws(scaffold({ packageName: '@Acme/Relay' }), /"@Acme\/Relay" is not a valid npm package name/)
  mkdirSync(join(workshop, 'in-use'))
  writeFileSync(join(workshop, 'in-use', 'notes.txt'), 'mine')
  assert.throws(scaffold({ dir: 'in-use' }), /in-use already exists and is not an empty folder/)
  const elsewhere = mkdtempSync(join(tmpdir(), 'tessera-no-sdk-'))
  try {
    assert.throws(scaffold({ cwd: elsewhere }), /@tessera\/driver-sdk is not installed where .*tessera-no-sdk-.* can see it: install it first/)
  } finally {
    rmSync(elsewhere, { recursive: true, force: true })
  }
  const camera = await run(process.execPath, [cli, 'drivers', 'new', 'camera', 'lobby-cam'], workshop)
  assert.equal(camera.code, 1, camera.out)
  assert.equal(camera.out, `tessera: no driver template "camera" in @tessera/driver-sdk ${sdkVersion} (templates: lock, printer)\n`)
  assert.equal(existsSync(join(workshop, 'tessera-driver-lobby-cam')), false, 'nothing was written')
})
