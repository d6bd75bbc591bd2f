/**
 * `tessera plugins dev <path>`: the plugin author's loop. Starts a local kernel in a child process
 * (`plugins-dev-kernel.ts`: the configured database, else embedded PostgreSQL; the plugin loaded by path from its
 * source with the installed plugins it depends on; a dev tenant with them enabled; a printed sign-in) and watches the
 * plugin's `src/` and `ui/`: after a change (debounced) the child is stopped and started again, which rebuilds the UI
 * bundle and reloads the server code and migrations. The port stays the same across restarts (a free one is chosen
 * once for `--port 0`), so the browser tab and its session survive. Ctrl-C stops the child, then exits.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, watch, type FSWatcher } from 'node:fs'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Command } from 'commander'
import { loadConfig } from '@tessera/config'
import type { DevKernelArgs } from './plugins-dev-kernel.ts'
import { resolveFrom } from './plugins-build.ts'

/** Options of {@link runPluginDev}. */
export interface PluginDevOptions {
  /** Port of the dev kernel; 0 picks a free one (kept across restarts). Default: the configured `http.port`. */
  port?: number
  /** Slug of the dev tenant (default `dev`). */
  tenant?: string
  /** Milliseconds of quiet after a change before the restart (default 300). */
  debounceMs?: number
}

/** The dev owner's sign-in. */
export const DEV_USER = { email: 'dev@tessera.test', password: 'tessera-dev-password' } as const

function freePort(host: string): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number }
      server.close(() => done(port))
    })
  })
}

/** The module whose default export is the plugin: its source `src/index.ts`, else what its package exports. */
export function devEntry(dir: string): string {
  const source = join(dir, 'src', 'index.ts')
  if (existsSync(source)) return source
  const name = existsSync(join(dir, 'package.json')) ? (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name : undefined
  const file = name && resolveFrom(dir, name)
  if (!file) throw new Error(`${dir} has neither src/index.ts nor a package export to load the plugin from`)
  return file
}

/** Runs the loop until SIGINT/SIGTERM. */
export async function runPluginDev(path: string, options: PluginDevOptions = {}): Promise<void> {
  const dir = resolve(path)
  if (!existsSync(join(dir, 'package.json'))) throw new Error(`${dir} is not a plugin package: it has no package.json`)
  const entry = devEntry(dir)
  const config = loadConfig()
  const port = options.port === 0 ? await freePort(config.http.host) : (options.port ?? config.http.port)
  const args: DevKernelArgs = { dir, entry, port, tenant: options.tenant ?? 'dev', ...DEV_USER }
  const self = fileURLToPath(import.meta.url)
  const childFile = self.replace(/plugins-dev\.(ts|js)$/, 'plugins-dev-kernel.$1')

  let child: ChildProcess | undefined
  let exited: Promise<void> = Promise.resolve()
  let stopping = false
  const start = () => {
    const proc = spawn(process.execPath, [childFile, JSON.stringify(args)], { stdio: 'inherit' })
    child = proc
    exited = new Promise((done) => proc.once('exit', () => done()))
  }
  const stopChild = async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  let restarting: Promise<void> = Promise.resolve()
  const restart = () => {
    restarting = restarting.then(async () => {
      if (stopping) return
      console.log('tessera dev: change seen, reloading the plugin')
      await stopChild()
      if (!stopping) start()
    })
  }
  const watchers: FSWatcher[] = ['src', 'ui']
    .map((sub) => join(dir, sub))
    .filter((folder) => existsSync(folder))
    .map((folder) => watch(folder, { recursive: true }, () => {
      clearTimeout(timer)
      timer = setTimeout(restart, options.debounceMs ?? 300)
    }))
  console.log(`tessera dev: watching ${['src', 'ui'].filter((sub) => existsSync(join(dir, sub))).map((sub) => join(dir, sub)).join(', ') || '(nothing)'}`)
  start()

  await new Promise<void>((done) => {
    const stop = async () => {
      if (stopping) return
      stopping = true
      clearTimeout(timer)
      for (const w of watchers) w.close()
      await restarting
      await stopChild()
      done()
    }
    process.once('SIGINT', () => void stop())
    process.once('SIGTERM', () => void stop())
  })
}

/** Registers `plugins dev` on the `plugins` command. */
export function registerPluginsDev(plugins: Command): void {
  plugins.command('dev').description('run a local kernel with the plugin at <path> loaded from source; rebuild and reload on change')
    .argument('<path>', 'the plugin folder')
    .option('--port <n>', 'port (0: a free one, kept across reloads; default http.port)')
    .option('--tenant <slug>', 'the dev tenant', 'dev')
    .action(async (path: string, o: { port?: string; tenant: string }) => {
      const port = o.port === undefined ? undefined : Number(o.port)
      if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new Error('--port must be a port number (0 for a free one)')
      await runPluginDev(path, { port, tenant: o.tenant })
    })
}
