/**
 * A real CUPS print server for tests: the test's own `cupsd -f` (Debian `cups`) with its own configuration
 * directory, port on 127.0.0.1, spool, cache, state and logs under one temporary folder, and queues backed by
 * `printer-driver-cups-pdf`, whose output PDFs land in a per-queue temporary `Out` folder. Nothing of the
 * machine's own CUPS is used or changed, with one exception the backend forces: cups-pdf reads its configuration
 * only from `/etc/cups`, so each queue gets `/etc/cups/cups-pdf-<queue>.conf` (selected by the device URI
 * `cups-pdf:/<queue>`), removed again when the queue is. cups-pdf must run as root to write for other users, which
 * CUPS does only when the backend file is mode 0700 — the server checks and restores that. `cupsAvailability()`
 * installs the Debian packages when they are missing (as `scripts/ci.sh` does) and says why not if it cannot.
 */
import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createConnection, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const CUPSD = '/usr/sbin/cupsd'
const BACKEND = '/usr/lib/cups/backend/cups-pdf'
const PPD = '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd'
const PACKAGES = ['cups', 'printer-driver-cups-pdf', 'poppler-utils']

function missingParts(): string[] {
  const missing: string[] = []
  if (!existsSync(CUPSD)) missing.push(CUPSD)
  if (!existsSync(BACKEND)) missing.push(BACKEND)
  if (!existsSync(PPD)) missing.push(PPD)
  if (spawnSync('lpadmin', ['-h', '127.0.0.1:1', '-x', 'none'], { stdio: 'ignore' }).error) missing.push('lpadmin')
  if (spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error) missing.push('pdftotext')
  return missing
}

/**
 * Make sure CUPS, cups-pdf and pdftotext are installed, installing the Debian packages when they are not.
 *
 * @returns `null` when the tests can run, else why not (packages missing and not installable)
 */
export function cupsAvailability(): string | null {
  if (process.getuid?.() !== 0) return 'the CUPS tests run cupsd with the cups-pdf backend as root; run them as root'
  let missing = missingParts()
  if (missing.length === 0) return null
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env })
  const install = update.error ? update : spawnSync('apt-get', ['install', '-y', '-qq', ...PACKAGES], { stdio: 'ignore', env })
  missing = missingParts()
  if (missing.length === 0) return null
  const why = install.error ? install.error.message : `apt-get exited with ${install.status}`
  return `cannot install ${PACKAGES.join(' ')} (${why}); missing: ${missing.join(', ')}`
}

/** One print queue on the test server. */
export interface CupsQueue {
  /** Queue name. */
  name: string
  /** `ipp://127.0.0.1:<port>/printers/<name>`. */
  url: string
  /** Where cups-pdf writes the printed PDFs. */
  outDir: string
  /** Paths of the PDFs printed so far. */
  printedFiles(): string[]
  /** Remove the queue and its output. */
  remove(): Promise<void>
}

/** A running `cupsd` of the test's own. */
export class CupsServer {
  /** The port cupsd listens on (127.0.0.1), kept across `stop()`/`start()`. */
  readonly port: number
  readonly #dir: string
  #process: ChildProcess | null = null
  #queues = 0

  /**
   * Configure and start a server on a free port.
   *
   * @returns the running server
   */
  static async start(): Promise<CupsServer> {
    const server = new CupsServer(await freePort())
    await server.resume()
    return server
  }

  private constructor(port: number) {
    this.port = port
    this.#dir = mkdtempSync(join(tmpdir(), 'tessera-cups-'))
    chmodSync(this.#dir, 0o755) // filters run as lp and must reach the spool and temp folders
    for (const sub of ['etc', 'state', 'cache', 'spool', 'log', 'out']) mkdirSync(join(this.#dir, sub), { recursive: true })
    mkdirSync(join(this.#dir, 'tmp'), { mode: 0o1777 })
    chmodSync(join(this.#dir, 'tmp'), 0o1777)
    writeFileSync(join(this.#dir, 'etc', 'cupsd.conf'), [
      `Listen 127.0.0.1:${port}`,
      'ServerName 127.0.0.1',
      'LogLevel warn',
      'WebInterface No',
      'Browsing No',
      'DefaultAuthType None',
      'PreserveJobHistory Yes',
      // test server only: every operation (Pause-Printer, Cancel-Job, CUPS-Add-Modify-Printer) without authentication
      '<Location />',
      '  Order allow,deny',
      '  Allow all',
      '</Location>',
      '<Policy default>',
      '  <Limit All>',
      '    Order deny,allow',
      '    Allow all',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'))
    const d = this.#dir
    writeFileSync(join(d, 'etc', 'cups-files.conf'), [
      `ServerRoot ${d}/etc`,
      `StateDir ${d}/state`,
      `CacheDir ${d}/cache`,
      `RequestRoot ${d}/spool`,
      `TempDir ${d}/tmp`,
      `Printcap ${d}/printcap`,
      'ServerBin /usr/lib/cups',
      'DataDir /usr/share/cups',
      `AccessLog ${d}/log/access_log`,
      `ErrorLog ${d}/log/error_log`,
      `PageLog ${d}/log/page_log`,
      'FileDevice No',
      '',
    ].join('\n'))
    // cups-pdf writes for other users only when CUPS runs it as root, which it does only for a 0700 backend
    if ((statSync(BACKEND).mode & 0o777) !== 0o700) chmodSync(BACKEND, 0o700)
  }

  /** The server's base URL, `ipp://127.0.0.1:<port>`. */
  get url(): string {
    return `ipp://127.0.0.1:${this.port}`
  }

  /** Whether cupsd is running. */
  get running(): boolean {
    return this.#process !== null
  }

  /** Start cupsd (again) and wait until it accepts connections. */
  async resume(): Promise<void> {
    if (this.#process) return
    const child = spawn(CUPSD, ['-f', '-c', join(this.#dir, 'etc', 'cupsd.conf'), '-s', join(this.#dir, 'etc', 'cups-files.conf')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let log = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString()
    })
    this.#process = child
    const deadline = Date.now() + 10_000
    while (!(await accepts(this.port))) {
      if (child.exitCode !== null) {
        this.#process = null
        throw new Error(`cupsd exited with ${child.exitCode}: ${log}`)
      }
      if (Date.now() > deadline) throw new Error(`cupsd did not listen on ${this.port} within 10 s: ${log}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  /** Stop cupsd (the printer goes offline; queues, jobs and history are kept on disk). */
  async stop(): Promise<void> {
    const child = this.#process
    this.#process = null
    if (!child || child.exitCode !== null) return
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  }

  /**
   * Add a cups-pdf queue with its own output folder.
   *
   * @returns the queue
   */
  async addQueue(): Promise<CupsQueue> {
    this.#queues += 1
    const name = `tessera-${process.pid}-${this.#queues}`
    const outDir = join(this.#dir, 'out', name)
    const spoolDir = join(this.#dir, 'out', `${name}.spool`)
    mkdirSync(outDir, { mode: 0o1777 })
    chmodSync(outDir, 0o1777) // cups-pdf writes anonymous jobs as `nobody`
    mkdirSync(spoolDir)
    chmodSync(spoolDir, 0o711) // gs runs as the job's user (nobody) and must reach its spool file, as in Debian's /var/spool/cups-pdf/SPOOL
    const conf = `/etc/cups/cups-pdf-${name}.conf`
    writeFileSync(conf, [`Out ${outDir}`, `AnonDirName ${outDir}`, `Spool ${spoolDir}`, `Log ${join(this.#dir, 'log')}`, 'Grp root', ''].join('\n'))
    const added = spawnSync('lpadmin', ['-h', `127.0.0.1:${this.port}`, '-p', name, '-E', '-v', `cups-pdf:/${name}`, '-P', PPD], { encoding: 'utf8' })
    if (added.status !== 0) {
      rmSync(conf, { force: true })
      throw new Error(`lpadmin could not add ${name}: ${added.stderr || added.error?.message}`)
    }
    return {
      name,
      url: `${this.url}/printers/${name}`,
      outDir,
      printedFiles: () => readdirSync(outDir).filter((f) => f.endsWith('.pdf')).map((f) => join(outDir, f)),
      remove: async () => {
        if (this.#process) spawnSync('lpadmin', ['-h', `127.0.0.1:${this.port}`, '-x', name], { stdio: 'ignore' })
        rmSync(conf, { force: true })
      },
    }
  }

  /** Stop cupsd and remove its folder and every queue's cups-pdf configuration. */
  async close(): Promise<void> {
    await this.stop()
    for (let i = 1; i <= this.#queues; i++) rmSync(`/etc/cups/cups-pdf-tessera-${process.pid}-${i}.conf`, { force: true })
    rmSync(this.#dir, { recursive: true, force: true })
  }
}

/**
 * The text of a PDF, as `pdftotext` reads it.
 *
 * @param path - the PDF
 * @returns its text
 */
export function pdfText(path: string): string {
  const result = spawnSync('pdftotext', [path, '-'], { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`pdftotext failed on ${path}: ${result.stderr}`)
  return result.stdout
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}
