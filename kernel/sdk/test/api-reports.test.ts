/**
 * The API reports are the reviewed record of every public export: the SDK (`api/sdk.api.md`, `api/sdk-testing.api.md`),
 * the driver SDK, the UI kit and every plugin contract (`plugins/<id>/api/plugin-<id>-contract.api.md`). This test
 * fails when an export changed without its report, naming the report and the command that rewrites it.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const repoRoot = join(import.meta.dirname, '../../..')
const script = join(repoRoot, 'scripts/api-reports.ts')
const { NODE_TEST_CONTEXT: _c, ...env } = process.env

function check(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, out }))
  })
}

test('every committed API report matches the exports of the code', { timeout: 400_000 }, async () => {
  const r = await check([])
  assert.equal(r.code, 0, `${r.out}\n(if the change is intended: npx -y pnpm@10.34.9 exec node scripts/api-reports.ts --update, then commit the reports)`)
  assert.match(r.out, /every API report matches the code/)
})

test('an export missing from its report fails the check, naming the report and the update command', { timeout: 200_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-api-check-'))
  try {
    cpSync(join(repoRoot, 'kernel/sdk/api'), join(dir, 'kernel/sdk/api'), { recursive: true })
    const file = join(dir, 'kernel/sdk/api/sdk.api.md')
    const report = readFileSync(file, 'utf8')
    assert.match(report, /export const SDK_VERSION/)
    writeFileSync(file, report.replace(/\/\/ @public\nexport const SDK_VERSION[^\n]*\n/, ''))
    const r = await check(['--only', 'sdk', '--reports-dir', dir])
    assert.equal(r.code, 1, r.out)
    assert.match(r.out, /API reports out of date \(an export changed\): kernel\/sdk\/api\/sdk\.api\.md/)
    assert.match(r.out, /scripts\/api-reports\.ts --update/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
