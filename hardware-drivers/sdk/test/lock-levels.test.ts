/**
 * The lock suite's capability levels, seen from outside as a driver author meets them: a conformance run in a child
 * `node --test` process (`fixtures/relay-lock-conformance.ts`). A relay-only driver passes `relay` and `fail-secure`
 * and gets `sensor` reported as not claimed (each sensor check visibly skipped with the reason, never silently); a
 * driver that claims a door sensor which does not work fails `sensor` and the run.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { join } from 'node:path'

const fixture = join(import.meta.dirname, 'fixtures', 'relay-lock-conformance.ts')
const { NODE_TEST_CONTEXT: _context, ...env } = process.env

function conformanceRun(kind: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--test', '--test-reporter=tap', fixture], { env: { ...env, LEVELS_FIXTURE: kind }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, out }))
  })
}

test('a relay-only driver passes relay and fail-secure; sensor is reported as not claimed', async () => {
  const run = await conformanceRun('relay-only')
  assert.equal(run.code, 0, run.out)
  assert.match(run.out, /# relay: passed \(6 passed, 0 failed, 0 skipped\)/, run.out)
  assert.match(run.out, /# sensor: not-claimed \(0 passed, 0 failed, 3 skipped\) — the driver has no door sensor/, run.out)
  assert.match(run.out, /# fail-secure: passed \(1 passed, 0 failed, 1 skipped\)/, run.out)
  assert.match(run.out, /# levels: relay passed, sensor not claimed, fail-secure passed/, run.out)
  assert.equal(run.out.match(/# SKIP sensor: the driver has no door sensor/g)?.length, 3, 'each sensor check says why it did not run')
})

test('a claimed door sensor that does not work fails the sensor level and the run', async () => {
  const run = await conformanceRun('deaf-sensor')
  assert.equal(run.code, 1, run.out)
  assert.match(run.out, /# relay: passed/, run.out)
  assert.match(run.out, /# sensor: failed \(0 passed, 3 failed, 0 skipped\)/, run.out)
  assert.match(run.out, /# levels: relay passed, sensor failed, fail-secure passed/, run.out)
  assert.match(run.out, /not ok \d+ - reports the capability levels passed[\s\S]*sensor failed: emits events in order/, run.out)
})
