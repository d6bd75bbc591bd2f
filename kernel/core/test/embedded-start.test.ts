/**
 * The README's run command with no DATABASE_URL: `tessera start --demo` boots on embedded PostgreSQL (initialised in
 * a temporary directory) and `/readyz` answers 200.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync, rmSync, chmodSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

test('boots on embedded PostgreSQL when DATABASE_URL is unset', { timeout: 90_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-embedded-'))
  chmodSync(dir, 0o755) // initdb runs as the postgres user when we are root: it must be able to reach the data dir
  const configFile = join(dir, 'config.json')
  writeFileSync(configFile, JSON.stringify({ database: { embedded: { dataDir: join(dir, 'pg'), port: await freePort() } }, http: { port: 0 }, log: { level: 'warn' } }))
  const { DATABASE_URL: _d, TESSERA_ENV: _e, NODE_ENV: _n, NODE_TEST_CONTEXT: _c, ...env } = process.env
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'bin', 'tessera.ts'), 'start', '--demo'], {
    env: { ...env, TESSERA_CONFIG: configFile }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (d: Buffer) => {
        output += d
        const m = /listening at (http:\/\/\S+)/.exec(output)
        if (m) resolve(m[1])
      }
      child.stdout.on('data', onData)
      child.stderr.on('data', onData)
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)))
      setTimeout(() => reject(new Error(`no "listening at" within 60 s: ${output}`)), 60_000).unref()
    })
    const res = await fetch(`${url}/readyz`)
    assert.equal(res.status, 200)
    assert.deepEqual(await res.json(), { status: 'ready' })
  } finally {
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGTERM')
    await exited
    rmSync(dir, { recursive: true, force: true })
  }
})
