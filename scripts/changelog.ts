/**
 * Changelogs of the published packages, in the format of Changesets (`@changesets/cli` is not a dependency yet; this
 * script reads and writes the same `.changeset/*.md` files, so switching to it later changes nothing):
 *
 * - `node scripts/changelog.ts add <package> <major|minor|patch> "<what changed, for a plugin author>"` records a
 *   change in `.changeset/<name>.md`; commit it with the change.
 * - `node scripts/changelog.ts version` applies every recorded change: bumps each package's version (the highest
 *   bump wins), prepends the entries to its `CHANGELOG.md`, deletes the consumed files and regenerates
 *   `kernel/sdk/src/sdk-version.ts` (so `SDK_VERSION` follows the SDK's package version).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { publishedPackages, repoRoot } from './published-packages.ts'
import { writeSdkVersion } from './build-packages.ts'

type Bump = 'major' | 'minor' | 'patch'
const BUMPS: Bump[] = ['major', 'minor', 'patch']
const changesetDir = join(repoRoot, '.changeset')

/** One recorded change. */
interface Change { file: string; releases: Map<string, Bump>; summary: string }

function parse(file: string): Change {
  const text = readFileSync(join(changesetDir, file), 'utf8')
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text)
  if (!m) throw new Error(`.changeset/${file}: expected a front matter block`)
  const releases = new Map<string, Bump>()
  for (const line of m[1].split('\n').filter(Boolean)) {
    const r = /^\s*["']?([^"':]+)["']?\s*:\s*(major|minor|patch)\s*$/.exec(line)
    if (!r) throw new Error(`.changeset/${file}: cannot read "${line}"`)
    releases.set(r[1], r[2] as Bump)
  }
  return { file, releases, summary: m[2].trim() }
}

function bumpVersion(version: string, bump: Bump): string {
  const [major, minor, patch] = version.split('-')[0].split('.').map(Number)
  if (bump === 'major') return `${major + 1}.0.0`
  if (bump === 'minor') return `${major}.${minor + 1}.0`
  return `${major}.${minor}.${patch + 1}`
}

function add(name: string, bump: string, summary: string): void {
  if (!publishedPackages.some((p) => p.name === name)) throw new Error(`${name} is not a published package (${publishedPackages.map((p) => p.name).join(', ')})`)
  if (!BUMPS.includes(bump as Bump)) throw new Error(`bump must be one of ${BUMPS.join(', ')}`)
  if (!summary?.trim()) throw new Error('say what changed')
  mkdirSync(changesetDir, { recursive: true })
  const file = join(changesetDir, `${randomBytes(4).toString('hex')}.md`)
  writeFileSync(file, `---\n"${name}": ${bump}\n---\n\n${summary.trim()}\n`)
  console.log(`recorded ${file}`)
}

/** Applies every recorded change; returns the new versions by package. */
export function version(today = new Date().toISOString().slice(0, 10)): Map<string, string> {
  const files = existsSync(changesetDir) ? readdirSync(changesetDir).filter((f) => f.endsWith('.md') && f !== 'README.md') : []
  const changes = files.map(parse)
  const released = new Map<string, string>()
  for (const p of publishedPackages) {
    const mine = changes.filter((c) => c.releases.has(p.name))
    if (!mine.length) continue
    const bump = BUMPS.find((b) => mine.some((c) => c.releases.get(p.name) === b))!
    const manifestFile = join(repoRoot, p.dir, 'package.json')
    const manifestText = readFileSync(manifestFile, 'utf8')
    const current = (JSON.parse(manifestText) as { version: string }).version
    const next = bumpVersion(current, bump)
    writeFileSync(manifestFile, manifestText.replace(`"version": "${current}"`, `"version": "${next}"`))
    const sections = BUMPS.map((b) => {
      const entries = mine.filter((c) => c.releases.get(p.name) === b).map((c) => `- ${c.summary.replace(/\n/g, '\n  ')}`)
      return entries.length ? `### ${b[0].toUpperCase()}${b.slice(1)} Changes\n\n${entries.join('\n')}\n` : ''
    }).filter(Boolean)
    const logFile = join(repoRoot, p.dir, 'CHANGELOG.md')
    const previous = existsSync(logFile) ? readFileSync(logFile, 'utf8').replace(/^# .*\n+/, '') : ''
    writeFileSync(logFile, `# ${p.name}\n\n## ${next} (${today})\n\n${sections.join('\n')}\n${previous}`)
    released.set(p.name, next)
  }
  for (const c of changes) rmSync(join(changesetDir, c.file))
  writeSdkVersion()
  return released
}

if (import.meta.main) {
  const [command, ...args] = process.argv.slice(2)
  if (command === 'add') add(args[0], args[1], args.slice(2).join(' '))
  else if (command === 'version') {
    const released = version()
    console.log(released.size ? [...released].map(([n, v]) => `${n}@${v}`).join('\n') : 'no recorded changes')
  } else {
    console.error('usage: node scripts/changelog.ts add <package> <major|minor|patch> "<summary>" | version')
    process.exit(2)
  }
}
