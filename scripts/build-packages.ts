/**
 * Builds the published packages (`scripts/published-packages.ts`) into their `dist/`: first `sdk-version.ts` is
 * regenerated from the SDK's `package.json` (so `SDK_VERSION` is the package version, with no JSON import at run
 * time), then each stage's `tsc -p tsconfig.build*.json` runs, the projects of a stage in parallel.
 *
 * `node scripts/build-packages.ts` builds everything; `--ensure` builds only when a source is newer than the last build
 * (under a lock: parallel tests share one build); `--check` only verifies that `sdk-version.ts` is up to date.
 */
import { rmSync, readFileSync, writeFileSync, mkdirSync, statSync, readdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { createHash } from 'node:crypto'
import { spawn } from 'node:child_process'
import { publishedPackages, repoRoot } from './published-packages.ts'

const sdkDir = join(repoRoot, 'kernel/sdk')
const versionFile = join(sdkDir, 'src/sdk-version.ts')

/** The text `kernel/sdk/src/sdk-version.ts` must have for the SDK's current `package.json` version. */
export function sdkVersionSource(): string {
  const { version } = JSON.parse(readFileSync(join(sdkDir, 'package.json'), 'utf8')) as { version: string }
  return `/**
 * The version of the plugin API this SDK describes. A plugin's \`kernel\` range is checked against it at load time;
 * a breaking change to any export of \`@tessera/sdk\` bumps the major version.
 *
 * Generated from \`kernel/sdk/package.json\` by \`node scripts/build-packages.ts\` (and \`scripts/changelog.ts\` on a
 * version bump): do not edit by hand. A test fails when it differs from the package version.
 */

/** Semver version of the plugin API implemented by this SDK and the kernel that ships with it. @public */
export const SDK_VERSION = '${version}'
`
}

/** Rewrites `sdk-version.ts` when it differs; returns whether it changed. */
export function writeSdkVersion(): boolean {
  const want = sdkVersionSource()
  if (readFileSync(versionFile, 'utf8') === want) return false
  writeFileSync(versionFile, want)
  return true
}

function tsc(cwd: string, tsconfig: string): Promise<void> {
  const bin = join(repoRoot, 'node_modules/typescript/bin/tsc')
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, '-p', tsconfig], { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`tsc -p ${tsconfig} in ${cwd} failed (${code}):\n${out}`))))
  })
}

/** Cleans and builds every published package's `dist/`. */
export async function buildPackages(): Promise<void> {
  writeSdkVersion()
  for (const p of publishedPackages) rmSync(join(repoRoot, p.dir, 'dist'), { recursive: true, force: true })
  const stages = [...new Set(publishedPackages.flatMap((p) => p.builds.map((b) => b.stage)))].sort()
  for (const stage of stages) {
    await Promise.all(publishedPackages.flatMap((p) => p.builds.filter((b) => b.stage === stage).map((b) => tsc(join(repoRoot, p.dir), b.tsconfig))))
  }
}

const lockDir = join(tmpdir(), `tessera-package-build-${createHash('sha1').update(repoRoot).digest('hex').slice(0, 8)}.lock`)
const stampFile = join(repoRoot, 'kernel/sdk/dist/.built')

function newestSource(): number {
  let newest = 0
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name === 'dist' || name === 'test' || name === 'api' || name.endsWith('.md')) continue
      const path = join(dir, name)
      const st = statSync(path)
      if (st.isDirectory()) walk(path)
      else newest = Math.max(newest, st.mtimeMs)
    }
  }
  for (const p of publishedPackages) walk(join(repoRoot, p.dir))
  return newest
}

/**
 * Builds the packages unless their `dist/` is newer than every source file, holding a lock so that tests running in
 * parallel (the packaging test, the API report check) never build over each other.
 */
export async function ensurePackagesBuilt(): Promise<void> {
  const deadline = Date.now() + 300_000
  for (;;) {
    try {
      mkdirSync(lockDir)
      break
    } catch {
      const age = Date.now() - (statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now())
      if (age > 300_000) rmSync(lockDir, { recursive: true, force: true })
      if (Date.now() > deadline) throw new Error(`could not take the package build lock ${lockDir}`)
      await new Promise((r) => setTimeout(r, 200))
    }
  }
  try {
    writeSdkVersion()
    if (existsSync(stampFile) && statSync(stampFile).mtimeMs > newestSource()) return
    await buildPackages()
    writeFileSync(stampFile, new Date().toISOString())
  } finally {
    rmSync(lockDir, { recursive: true, force: true })
  }
}

if (import.meta.main) {
  if (process.argv.includes('--check')) {
    if (readFileSync(versionFile, 'utf8') !== sdkVersionSource()) {
      console.error('kernel/sdk/src/sdk-version.ts is stale: run node scripts/build-packages.ts')
      process.exit(1)
    }
  } else if (process.argv.includes('--ensure')) {
    await ensurePackagesBuilt()
  } else {
    const started = Date.now()
    await buildPackages()
    console.log(`built ${publishedPackages.map((p) => p.name).join(', ')} in ${Date.now() - started} ms`)
  }
}
