/**
 * Ctrl-C on `tessera start` with embedded PostgreSQL, as a terminal delivers it: SIGINT to the whole foreground process
 * group. The kernel stops accepting, drains, closes its pools and listeners, then stops the embedded server — which
 * runs in its own process group, so the terminal's SIGINT never reaches it first (before: PostgreSQL got the SIGINT
 * too, terminated the kernel's connections with 57P01, and an unhandled 'error' event ended the process with a stack
 * trace and exit code 1). Exit code 0, exactly one line after the signal, no stack trace, and the server stopped.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync, readFileSync, rmSync, chmodSync, existsSync } from 'node:fs'
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

test('SIGINT to the process group of `tessera start` on embedded PostgreSQL: one line, exit code 0, no stack trace, server stopped', { timeout: 150_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-shutdown-'))
  chmodSync(dir, 0o755) // initdb runs as the postgres user when we are root: it must be able to reach the data dir
  const dataDir = join(dir, 'pg')
  const configFile = join(dir, 'config.json')
  // log level info, as `pnpm run up` runs it: nothing but the one line may be printed while stopping
  writeFileSync(configFile, JSON.stringify({ database: { embedded: { dataDir, port: await freePort() } }, http: { port: 0 }, log: { level: 'info' } }))
  const { DATABASE_URL: _d, TESSERA_ENV: _e, NODE_ENV: _n, NODE_TEST_CONTEXT: _c, ...env } = process.env
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'bin', 'tessera.ts'), 'start', '--demo'], {
    env: { ...env, TESSERA_CONFIG: configFile }, stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, like a shell job: the group gets the signal, as from a terminal
  })
  let output = ''
  let afterSignal = ''
  let signalled = false
  const onData = (d: Buffer) => {
    output += d
    if (signalled) afterSignal += d
  }
  child.stdout.on('data', onData)
  child.stderr.on('data', onData)
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })))
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const poll = setInterval(() => {
        const m = /listening at (http:\/\/\S+)/.exec(output)
        if (m) {
          clearInterval(poll)
          resolve(m[1])
        }
      }, 50)
      void exit.then(({ code }) => reject(new Error(`exited ${code} before listening: ${output}`)))
      setTimeout(() => reject(new Error(`no "listening at" within 120 s: ${output}`)), 120_000).unref()
    })
    const completed = () => output.split('request completed').length
    const before = completed()
    assert.equal((await fetch(`${url}/readyz`)).status, 200)
    // its access log line is written after the response: wait for it, so that it is not counted as after the signal
    for (const start = Date.now(); completed() === before && Date.now() - start < 5000;) await new Promise((r) => setTimeout(r, 20))
    assert.ok(existsSync(join(dataDir, 'postmaster.pid')), 'embedded PostgreSQL is running')

    signalled = true
    process.kill(-child.pid!, 'SIGINT') // the whole group, as Ctrl-C in a terminal
    const { code, signal } = await exit
    const lines = afterSignal.split('\n').filter((l) => l.trim())
    assert.equal(signal, null, `killed by ${signal}: ${afterSignal}`)
    assert.equal(code, 0, `exit code ${code}; after SIGINT: ${afterSignal}`)
    assert.equal(lines.length, 1, `one line after SIGINT, got: ${JSON.stringify(lines)}`)
    assert.match(lines[0], /^Tessera stopped/)
    assert.doesNotMatch(afterSignal, /Error|\n\s+at /, 'no error or stack trace')
    // the embedded server was stopped by the kernel (not orphaned, not killed first by the terminal)
    for (const start = Date.now(); existsSync(join(dataDir, 'postmaster.pid')) && Date.now() - start < 10_000;) await new Promise((r) => setTimeout(r, 100))
    assert.ok(!existsSync(join(dataDir, 'postmaster.pid')), 'embedded PostgreSQL stopped')
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid!, 'SIGKILL')
      await exit
    }
    // a failed run must not leave the embedded server behind: stop it by the pid it recorded
    const pidFile = join(dataDir, 'postmaster.pid')
    if (existsSync(pidFile)) {
      try {
        process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGINT')
      } catch { /* already gone */ }
    }
    rmSync(dir, { recursive: true, force: true })
  }
})
