/**
 * A simulated Modbus RTU relay board on a virtual serial pair, for tests. The test's own `socat` process creates two
 * linked pseudo-terminals (`socat -d -d pty,raw,echo=0,link=DIR/driver pty,raw,echo=0,link=DIR/board`); the board
 * is `modbus-serial`'s real `ServerSerial` on one end, the driver under test opens the other (`path`) with
 * `connectRTUBuffered`, so every request is a real RTU frame (unit id, function code, CRC) through a real tty. The
 * board has the same model as the TCP one (`relay-board-model.ts`). `kill()` powers the board off (the line stays,
 * nobody answers: requests time out); `unplug()` removes the serial adapter itself (socat exits, the device node
 * disappears, the driver's open port fails) and `plugIn()` brings it back on the same path.
 */
import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ServerSerial } from 'modbus-serial'
import { SimulatedRelayBoard } from './simulated-relay-board.ts'
import type { RelayBoardOptions } from './relay-board-model.ts'

/**
 * Why RTU tests cannot run here, or `null` when `socat` is available.
 *
 * @returns a message naming the missing program, or `null`
 */
export function socatUnavailable(): string | null {
  const probe = spawnSync('socat', ['-V'], { stdio: 'ignore' })
  return probe.error || probe.status !== 0 ? 'socat is not installed (Debian: apt-get install socat; scripts/ci.sh installs it)' : null
}

/** A running RTU relay board behind a socat pty pair. */
export class RtuRelayBoard extends SimulatedRelayBoard {
  /** The serial device the driver opens. */
  readonly path: string
  readonly #boardPath: string
  readonly #dir: string
  #socat: ChildProcess | null = null
  #server: ServerSerial | null = null
  #powered = false

  /**
   * Create the pty pair and power the board on.
   *
   * @param options - board model options
   * @returns the running board
   */
  static async start(options: RelayBoardOptions = {}): Promise<RtuRelayBoard> {
    const board = new RtuRelayBoard(options)
    await board.plugIn()
    await board.revive()
    return board
  }

  private constructor(options: RelayBoardOptions) {
    super(options)
    this.#dir = mkdtempSync(join(tmpdir(), 'tessera-rtu-'))
    this.path = join(this.#dir, 'driver')
    this.#boardPath = join(this.#dir, 'board')
  }

  /** Power the board off: the line stays, nothing answers. */
  async kill(): Promise<void> {
    this.#powered = false
    const server = this.#server
    this.#server = null
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** Power the board on again; coils keep their state (retained outputs). */
  async revive(): Promise<void> {
    this.#powered = true
    if (this.#server || !this.#socat) return
    const server = new ServerSerial(this.model.vector(), {
      path: this.#boardPath,
      baudRate: 9600,
      unitID: this.model.unitId,
      // frames end after 2 ms of silence; a pty delivers a frame at once, so this only bounds latency
      interval: 2,
    } as ConstructorParameters<typeof ServerSerial>[1])
    await new Promise<void>((resolve, reject) => {
      server.once('initialized', () => resolve())
      ;(server as unknown as { getPort(): NodeJS.EventEmitter }).getPort().once('error', reject)
    })
    this.#server = server
  }

  /** Pull the serial adapter out: socat exits and both device nodes disappear. */
  async unplug(): Promise<void> {
    const powered = this.#powered
    await this.kill()
    this.#powered = powered
    const socat = this.#socat
    this.#socat = null
    if (!socat || socat.exitCode !== null) return
    await new Promise<void>((resolve) => {
      socat.once('exit', () => resolve())
      socat.kill('SIGTERM')
    })
  }

  /** Plug the adapter (back) in: a new pty pair on the same paths; the board answers again if it is powered. */
  async plugIn(): Promise<void> {
    if (this.#socat) return
    rmSync(this.path, { force: true })
    rmSync(this.#boardPath, { force: true })
    const socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${this.path}`, `pty,raw,echo=0,link=${this.#boardPath}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let log = ''
    socat.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString()
    })
    this.#socat = socat
    const deadline = Date.now() + 5000
    while (!existsSync(this.path) || !existsSync(this.#boardPath)) {
      if (socat.exitCode !== null || socat.signalCode !== null) throw new Error(`socat exited before creating the ptys: ${log}`)
      if (Date.now() > deadline) throw new Error(`socat did not create ${this.path} within 5 s: ${log}`)
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    if (this.#powered) {
      this.#powered = false
      await this.revive()
    }
  }

  /** Power off, remove the pty pair and the temporary directory. */
  async close(): Promise<void> {
    await this.unplug()
    rmSync(this.#dir, { recursive: true, force: true })
  }
}
