/**
 * `scripts/changelog.ts` (Changesets-format files, no `@changesets/cli` dependency yet): a recorded change bumps the
 * package version, is written into that package's CHANGELOG.md under the new version, and `SDK_VERSION` follows the
 * SDK's new version. Runs on a copy of the scripts and the published packages' manifests in a temporary folder.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const repoRoot = join(import.meta.dirname, '../../..')
const packages = ['config', 'kernel/sdk', 'kernel/core', 'hardware-drivers/sdk', 'ui/kit']

test('a recorded minor change bumps the SDK, lands in its CHANGELOG.md and in SDK_VERSION; other packages are untouched', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-changelog-'))
  try {
    mkdirSync(join(dir, 'scripts'))
    for (const f of ['changelog.ts', 'build-packages.ts', 'published-packages.ts']) cpSync(join(repoRoot, 'scripts', f), join(dir, 'scripts', f))
    for (const p of packages) for (const f of ['package.json', 'CHANGELOG.md']) cpSync(join(repoRoot, p, f), join(dir, p, f))
    cpSync(join(repoRoot, 'kernel/sdk/src/sdk-version.ts'), join(dir, 'kernel/sdk/src/sdk-version.ts'))
    const { version } = JSON.parse(readFileSync(join(dir, 'kernel/sdk/package.json'), 'utf8')) as { version: string }
    const [major, minor] = version.split('.').map(Number)
    const next = `${major}.${minor + 1}.0`
    const node = (...args: string[]) => spawnSync(process.execPath, [join(dir, 'scripts/changelog.ts'), ...args], { cwd: dir, encoding: 'utf8' })
    assert.equal(node('add', '@tessera/sdk', 'minor', 'ctx.example() added').status, 0)
    assert.equal(readdirSync(join(dir, '.changeset')).length, 1)
    const r = node('version')
    assert.equal(r.status, 0, r.stderr)
    assert.match(r.stdout, new RegExp(`@tessera/sdk@${next.replaceAll('.', '\\.')}`))
    assert.equal((JSON.parse(readFileSync(join(dir, 'kernel/sdk/package.json'), 'utf8')) as { version: string }).version, next)
    assert.match(readFileSync(join(dir, 'kernel/sdk/CHANGELOG.md'), 'utf8'), new RegExp(`^# @tessera/sdk\\n\\n## ${next.replaceAll('.', '\\.')} \\(\\d{4}-\\d\\d-\\d\\d\\)\\n\\n### Minor Changes\\n\\n- ctx\\.example\\(\\) added\\n`))
    assert.match(readFileSync(join(dir, 'kernel/sdk/src/sdk-version.ts'), 'utf8'), new RegExp(`SDK_VERSION = '${next.replaceAll('.', '\\.')}'`))
    assert.equal(readFileSync(join(dir, 'kernel/core/CHANGELOG.md'), 'utf8'), readFileSync(join(repoRoot, 'kernel/core/CHANGELOG.md'), 'utf8'))
    assert.deepEqual(readdirSync(join(dir, '.changeset')), [], 'the recorded change is consumed')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
