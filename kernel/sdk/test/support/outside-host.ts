/**
 * The machinery of the outside-the-repository tests: a temporary folder outside the repository, the published
 * packages built and packed into it (`pnpm pack`), a host folder that installs them with npm the way an operator
 * does, child processes with a clean environment, and a started `tessera start` with a signed-in caller.
 *
 * ```ts
 * const outside = await createOutsideDir('tessera-outside-')
 * const packed = await packPublishedPackages(outside.dir)          // once per test file
 * const host = await createHost(join(outside.dir, 'host'), packed) // config + sdk + kernel from the tarballs
 * await host.tessera(['migrate'], env)
 * const kernel = await startKernel(host, env)                      // kernel.url, kernel.stop()
 * const caller = await signIn(kernel.url, 'desk@outside.test', 'desk-password-1')
 * ```
 *
 * Used by `kernel/sdk/test/packaging.test.ts`, the scaffold test and other packages' outside-install tests (import it
 * by path from a test: it is test support, not a package export).
 */
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The repository root. */
export const repoRoot = join(import.meta.dirname, '../../../..')

/** The published packages and their folders (`scripts/published-packages.ts`). */
export const publishedPackages = [
  { name: '@tessera/config', dir: 'config' }, { name: '@tessera/sdk', dir: 'kernel/sdk' }, { name: '@tessera/kernel', dir: 'kernel/core' },
  { name: '@tessera/driver-sdk', dir: 'hardware-drivers/sdk' }, { name: '@tessera/ui-kit', dir: 'ui/kit' },
  { name: '@tessera/orm', dir: 'kernel/orm' },
] as const

/** The workspace's TypeScript compiler (`node <tsc> -p tsconfig.json`). */
export const tscBin = join(repoRoot, 'node_modules/typescript/bin/tsc')

// the environment of every child: no test-runner context, no database or config of the workspace's own run
const { NODE_TEST_CONTEXT: _c, DATABASE_URL: _d, TESSERA_CONFIG: _t, TESSERA_ENV: _e, NODE_ENV: _n, TESSERA_PLUGINS: _p, ...cleanEnv } = process.env

/** The environment children start from: the test's own minus test-runner context and Tessera settings. */
export const baseEnv: Record<string, string | undefined> = cleanEnv

/** Environment variables of a child, on top of {@link baseEnv}. */
export type Env = Record<string, string | undefined>

/** A finished child process: exit code and stdout + stderr interleaved. */
export interface Run { code: number | null; out: string }

/** Runs a command to its end (killed after `timeoutMs`) and returns its code and output; never throws on failure. */
export function run(cmd: string, args: string[], cwd: string, env: Env = {}, timeoutMs = 180_000): Promise<Run> {
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

/** Runs a command and asserts exit code 0 (the message carries its output); returns the output. */
export async function ok(cmd: string, args: string[], cwd: string, env?: Env, timeoutMs?: number): Promise<string> {
  const r = await run(cmd, args, cwd, env, timeoutMs)
  assert.equal(r.code, 0, `${cmd} ${args.join(' ')} (in ${cwd}) failed:\n${r.out}`)
  return r.out
}

/** `npm <args>` quietly, from the local cache where it can (`--prefer-offline`); asserts success. */
export function npm(args: string[], cwd: string, env?: Env): Promise<string> {
  return ok('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], cwd, env)
}

/** A temporary folder outside the repository; `remove()` deletes it. */
export interface OutsideDir { dir: string; remove(): void }

/** Creates a temporary folder outside the repository (asserted). */
export function createOutsideDir(prefix = 'tessera-outside-'): OutsideDir {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  assert.ok(!dir.startsWith(repoRoot), 'the folder lives outside the repository')
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** The packed tarballs of the published packages. */
export interface PackedPackages {
  /** The folder holding every `.tgz`. */
  dir: string
  /** Path of the tarball of a package packed into {@link PackedPackages.dir} (published or packed later by the test). */
  tarball(name: string): string
  /** `file:<tarball>`, for a package.json dependency. */
  spec(name: string): string
}

/** Finds the tarball of `name` (`@acme/x` → `acme-x-<version>.tgz`) in `dir`. */
export function tarballIn(dir: string, name: string): string {
  const file = readdirSync(dir).find((f) => f.startsWith(name.replace('@', '').replace('/', '-') + '-') && f.endsWith('.tgz'))
  assert.ok(file, `a tarball of ${name} in ${dir}`)
  return join(dir, file)
}

/**
 * Builds the published packages (`scripts/build-packages.ts --ensure`, shared by parallel tests) and packs each into
 * `<parent>/tarballs`; asserts that every packed package points at JavaScript and has no `workspace:` dependency.
 */
export async function packPublishedPackages(parent: string): Promise<PackedPackages> {
  const dir = join(parent, 'tarballs')
  mkdirSync(dir, { recursive: true })
  await ok(process.execPath, [join(repoRoot, 'scripts/build-packages.ts'), '--ensure'], repoRoot)
  await Promise.all(publishedPackages.map((p) => ok('npx', ['-y', 'pnpm@10.34.9', 'pack', '--pack-destination', dir], join(repoRoot, p.dir))))
  const packed: PackedPackages = { dir, tarball: (name) => tarballIn(dir, name), spec: (name) => `file:${tarballIn(dir, name)}` }
  for (const p of publishedPackages) {
    const manifest = await ok('tar', ['-xOzf', packed.tarball(p.name), 'package/package.json'], parent)
    const { exports, dependencies = {} } = JSON.parse(manifest) as { exports: unknown; dependencies?: Record<string, string> }
    assert.doesNotMatch(JSON.stringify(exports), /(?<!\.d)\.ts"/, `${p.name} exports JavaScript`)
    assert.doesNotMatch(JSON.stringify(dependencies), /workspace:/, `${p.name} has no workspace: dependency`)
  }
  return packed
}

/** A host folder with the kernel installed from the tarballs. */
export interface Host {
  dir: string
  /** `node_modules/.bin/tessera` of the host. */
  cli: string
  /** Runs `tessera <args>` in the host (asserting exit 0 unless `expectCode` is given); returns the run. */
  tessera(args: string[], env: Env, expectCode?: number): Promise<Run>
  /** `npm install <tarballs or names>` in the host. */
  install(specs: string[]): Promise<void>
}

/**
 * Creates a host folder that installs `@tessera/config`, `@tessera/sdk` and `@tessera/kernel` (plus `extra` packed
 * packages, e.g. `@tessera/ui-kit`) from the tarballs, with `overrides` so the kernel's own dependencies on them resolve
 * to the same tarballs — as `kernel/sdk/README.md` tells an operator to.
 */
export async function createHost(dir: string, packed: PackedPackages, extra: string[] = []): Promise<Host> {
  mkdirSync(dir, { recursive: true })
  const tessera = ['@tessera/config', '@tessera/sdk', '@tessera/kernel', ...extra]
  writeFileSync(join(dir, 'package.json'), JSON.stringify({
    name: 'outside-host', private: true, type: 'module',
    dependencies: Object.fromEntries(tessera.map((n) => [n, packed.spec(n)])),
    // until they are on the registry, the kernel's own dependencies on them resolve to the same tarballs
    overrides: Object.fromEntries(tessera.map((n) => [n, `$${n}`])),
  }, null, 2))
  await npm(['install'], dir)
  const cli = join(dir, 'node_modules/.bin/tessera')
  return {
    dir,
    cli,
    async tessera(args, env, expectCode) {
      const r = await run(process.execPath, [cli, ...args], dir, env)
      assert.equal(r.code, expectCode ?? 0, `tessera ${args.join(' ')} exited ${r.code}:\n${r.out}`)
      return r
    },
    async install(specs) {
      await npm(['install', ...specs], dir)
    },
  }
}

/** A started kernel child process. */
export interface StartedKernel {
  url: string
  process: ChildProcess
  /** Everything it printed so far. */
  output(): string
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>
}

/**
 * Spawns `node <args>` (default: the host's `tessera start`) and resolves once it prints `listening at <url>`;
 * rejects with its output when it exits first or prints nothing within `timeoutMs`.
 */
export function startProcess(args: string[], cwd: string, env: Env, timeoutMs = 120_000): Promise<StartedKernel> {
  const child = spawn(process.execPath, args, { cwd, env: { ...baseEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
  }
  return new Promise<StartedKernel>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop()
      reject(new Error(`no "listening at" within ${timeoutMs} ms:\n${output}`))
    }, timeoutMs)
    const onData = (d: Buffer) => {
      output += d
      const m = /listening at (http:\/\/\S+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve({ url: m[1], process: child, output: () => output, stop })
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${args.join(' ')} exited (${code}):\n${output}`))
    })
  })
}

/** `tessera start` in the host, resolved once it listens. */
export function startKernel(host: Host, env: Env): Promise<StartedKernel> {
  return startProcess([host.cli, 'start'], host.dir, env)
}

/** A signed-in caller of a started kernel: headers with its session cookie and the kernel's origin. */
export interface Caller { headers: Record<string, string>; fetch(path: string, init?: RequestInit): Promise<Response> }

/** Signs in with a password and returns a caller whose requests carry the session cookie (asserts the 200). */
export async function signIn(url: string, email: string, password: string): Promise<Caller> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ email, password }),
  })
  assert.equal(login.status, 200, await login.clone().text())
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]
  const headers = { cookie, origin: url, 'content-type': 'application/json' }
  return { headers, fetch: (path, init = {}) => fetch(`${url}${path}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) } }) }
}
