/**
 * The composed UI is served by the kernel: the shell's assets under /ui/ (pre-compressed siblings sent to clients
 * that accept them), and index.html for any app path so client-side routes survive a reload.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { precompress } from '@tessera/ui-shell/build'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'

let t: TestKernel
let dir: string
const script = `export const answer = ${JSON.stringify('x'.repeat(5000))}\n`

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-shell-'))
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Tessera shell</title><tz-app></tz-app>')
  writeFileSync(join(dir, 'assets', 'app.js'), script)
  assert.equal(precompress(dir), 1)
  t = await createTestKernel({ plugins: [], workers: false, config: { ui: { shellDir: dir } } })
})
after(async () => {
  await t.close()
  rmSync(dir, { recursive: true, force: true })
})

test('assets are sent pre-compressed to clients that accept it, plain otherwise', async () => {
  const gz = await t.request({ method: 'GET', url: '/ui/assets/app.js', headers: { 'accept-encoding': 'gzip' } })
  assert.equal(gz.statusCode, 200)
  assert.equal(gz.headers['content-encoding'], 'gzip')
  assert.equal(gunzipSync(gz.rawPayload).toString(), script)
  const plain = await t.request({ method: 'GET', url: '/ui/assets/app.js', headers: { 'accept-encoding': 'identity' } })
  assert.equal(plain.headers['content-encoding'], undefined)
  assert.equal(plain.body, script)
})

test('app paths get the shell; unknown API paths and plugin bundle files stay problem+json', async () => {
  const page = await t.request({ method: 'GET', url: '/bookings/calendar?date=2026-11-23' })
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /Tessera shell/)
  assert.equal(page.headers['cache-control'], 'no-cache')
  const api = await t.request({ method: 'GET', url: '/api/v1/nothing-here' })
  assert.equal(api.statusCode, 404)
  assert.match(api.headers['content-type'] as string, /problem\+json/)
  // a plugin module that is not built (or gone) is a 404 — the shell's widgets and screens report it, no HTML as a script
  const bundle = await t.request({ method: 'GET', url: '/ui/plugins/unbuilt/1.0.0/index.js' })
  assert.equal(bundle.statusCode, 404)
  assert.match(bundle.headers['content-type'] as string, /problem\+json/)
})
