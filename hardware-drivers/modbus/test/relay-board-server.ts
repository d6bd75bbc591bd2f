/**
 * A simulated Modbus TCP relay board for tests, built on `modbus-serial`'s real `ServerTCP` so drivers talk real
 * Modbus over a real socket on 127.0.0.1. It has coils (relay outputs) and discrete inputs (door sensors); tests
 * read the coils, flip the sensors, look at the log of coil writes, measure how many requests were in flight at
 * once, make the board unresponsive (requests time out) or kill it outright (connection refused), and revive it on
 * the same port. Reused by the site agent's tests.
 */
import { createServer } from 'node:net'
import { ServerTCP } from 'modbus-serial'
import { SimulatedRelayBoard } from './simulated-relay-board.ts'
import type { RelayBoardOptions } from './relay-board-model.ts'

export type { CoilWrite, RelayBoardOptions } from './relay-board-model.ts'

/** A running simulated relay board. */
export class RelayBoardServer extends SimulatedRelayBoard {
  /** Always 127.0.0.1. */
  readonly host = '127.0.0.1'
  /** The TCP port, kept across `kill()`/`revive()`. */
  readonly port: number
  #server: ServerTCP | null = null

  /**
   * Start a board on a free port.
   *
   * @param options - see {@link RelayBoardOptions}
   * @returns the running board
   */
  static async start(options: RelayBoardOptions = {}): Promise<RelayBoardServer> {
    const board = new RelayBoardServer(await freePort(), options)
    await board.revive()
    return board
  }

  private constructor(port: number, options: RelayBoardOptions) {
    super(options)
    this.port = port
  }

  /** Keep the socket open but never answer (requests time out), or answer again. */
  setUnresponsive(unresponsive: boolean): void {
    this.model.setUnresponsive(unresponsive)
  }

  /** Whether the board is listening. */
  get running(): boolean {
    return this.#server !== null
  }

  /** Power the board off: stop listening and drop every connection (connections are refused). */
  kill(): Promise<void> {
    const server = this.#server
    this.#server = null
    if (!server) return Promise.resolve()
    return new Promise((resolve) => server.close(() => resolve()))
  }

  /** Power the board back on, on the same port. Coils come back as they were (a board with retained outputs). */
  revive(): Promise<void> {
    if (this.#server) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const server = new ServerTCP(this.model.vector(), { host: this.host, port: this.port, unitID: this.model.unitId })
      server.on('serverError', reject)
      server.on('initialized', () => {
        this.#server = server
        resolve()
      })
    })
  }

  /** Stop the board for good. */
  close(): Promise<void> {
    return this.kill()
  }
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
