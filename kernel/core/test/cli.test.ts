/**
 * The `tessera` CLI against a real database: migrate reports failed plugins with reasons, tenants and users are
 * created, plugins enabled and disabled (bad config refused with the field named), manifests applied idempotently.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTestDatabase, dropTestDatabase } from '../src/testing/index.ts'

const bin = join(import.meta.dirname, '..', 'bin', 'tessera.ts')
const fixtures = join(import.meta.dirname, 'fixtures')
let url: string

before(async () => {
  url = await createTestDatabase()
})
after(() => dropTestDatabase(url))

function tessera(...args: string[]): { code: number; out: string } {
  const { DATABASE_URL: _d, ...env } = process.env
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...env, DATABASE_URL: url, TESSERA_ENV: 'test', TESSERA_PLUGINS: `${join(fixtures, 'notes-plugin.ts')},${join(fixtures, 'broken-plugins.ts')}` },
  })
  return { code: r.status ?? 1, out: `${r.stdout}${r.stderr}` }
}

test('migrate installs plugins and reports failures with their reason', () => {
  const r = tessera('migrate')
  assert.equal(r.code, 1, r.out)
  assert.match(r.out, /notes.*installed.*001_notes/)
  assert.match(r.out, /needs-ghost.*failed.*missing dependency "ghost"/)
  const again = tessera('plugins', 'list')
  assert.equal(again.code, 0, again.out)
  assert.match(again.out, /notes.*installed/)
})

test('tenants, plugins and users from the command line', () => {
  assert.equal(tessera('tenants', 'create', '--slug', 'acme', '--name', 'Acme').code, 0)
  assert.match(tessera('tenants', 'list').out, /acme/)
  const bad = tessera('plugins', 'enable', 'acme', 'notes', '--config', '{"maxNotes":0}')
  assert.equal(bad.code, 1)
  assert.match(bad.out, /settings of Notes are not valid/)
  const ok = tessera('plugins', 'enable', 'acme', 'notes', '--config', '{"title":"Acme notes"}')
  assert.equal(ok.code, 0, ok.out)
  assert.match(tessera('plugins', 'status', 'acme').out, /notes.*enabled/)
  assert.match(tessera('plugins', 'disable', 'acme', 'notes').out, /notes is disabled for acme/)
  const user = tessera('users', 'create', '--email', 'ops@acme.test', '--name', 'Ops', '--password', 'long-password', '--tenant', 'acme', '--role', 'admin')
  assert.equal(user.code, 0, user.out)
  assert.equal(tessera('users', 'create', '--email', 'ops@acme.test', '--name', 'Again').code, 1)
})

test('tenants apply is idempotent', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-tenants-'))
  mkdirSync(join(dir, 'globex'))
  writeFileSync(join(dir, 'globex', 'tenant.json'), JSON.stringify({
    slug: 'globex', name: 'Globex', plugins: { notes: { version: '^1.0.0', config: { title: 'G' } } },
    users: [{ email: 'owner@globex.test', name: 'Owner', role: 'owner', password: 'password-123' }],
  }))
  const first = tessera('tenants', 'apply', dir)
  assert.equal(first.code, 0, first.out)
  assert.match(first.out, /plugin notes@1\.0\.0 enabled/)
  const second = tessera('tenants', 'apply', dir)
  assert.equal(second.code, 0, second.out)
  assert.match(tessera('plugins', 'status', 'globex').out, /notes.*enabled/)
})
