/**
 * A simulated Modbus TCP relay board for tests, built on `modbus-serial`'s real `ServerTCP` so drivers talk real
 * Modbus over a real socket on 127.0.0.1. It has coils (relay outputs) and discrete inputs (door sensors); tests
 * read the coils, flip the sensors, look at the log of coil writes, measure how many requests were in flight at
 * once, make the board unresponsive (requests time out) or kill it outright (connection refused), and revive it on
 * the same port. Reused by the site agent's tests.
 */
import { createServer } from 'node:net'
import { ServerTCP } from 'modbus-serial'

/** Options of {@link RelayBoardServer.start}. */
export interface RelayBoardOptions {
  /** Unit id the board answers to (default 1); requests for other ids get no answer, as on a real bus. */
  unitId?: number
  /** Number of coils and of discrete inputs (default 8). */
  size?: number
  /** Coils that are on at power-up, e.g. `[0]` to check that a driver switches them off (default none). */
  energisedCoils?: number[]
  /** Delay before each answer (ms, default 0): makes overlapping requests observable. */
  responseDelayMs?: number
}

/** One coil write seen by the board. */
export interface CoilWrite {
  address: number
  value: boolean
  at: number
}

/** A running simulated relay board. */
export class RelayBoardServer {
  /** Always 127.0.0.1. */
  readonly host = '127.0.0.1'
  /** The TCP port, kept across `kill()`/`revive()`. */
  readonly port: number
  /** Every coil write, in order. */
  readonly writes: CoilWrite[] = []
  readonly #unitId: number
  readonly #coils: boolean[]
  readonly #inputs: boolean[]
  readonly #delayMs: number
  #server: ServerTCP | null = null
  #unresponsive = false
  #inFlight = 0
  #maxInFlight = 0
  #requests = 0

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
    this.port = port
    this.#unitId = options.unitId ?? 1
    const size = options.size ?? 8
    this.#coils = Array.from({ length: size }, (_, i) => options.energisedCoils?.includes(i) ?? false)
    this.#inputs = Array.from({ length: size }, () => false)
    this.#delayMs = options.responseDelayMs ?? 0
  }

  /** State of one coil (`true` = relay energised). */
  coil(address = 0): boolean {
    return this.#coils[address] ?? false
  }

  /** Writes to one coil, in order. */
  writesTo(address = 0): boolean[] {
    return this.writes.filter((w) => w.address === address).map((w) => w.value)
  }

  /** Set a door sensor input (`true` = contact closed = door open in the default wiring). */
  setSensor(open: boolean, input = 0): void {
    this.#inputs[input] = open
  }

  /** Most requests the board was handling at the same moment. */
  get maxConcurrentRequests(): number {
    return this.#maxInFlight
  }

  /** Requests answered or pending since start. */
  get requestCount(): number {
    return this.#requests
  }

  /** Keep the socket open but never answer (requests time out), or answer again. */
  setUnresponsive(unresponsive: boolean): void {
    this.#unresponsive = unresponsive
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
      const server = new ServerTCP(
        {
          getCoil: (addr: number) => this.#answer(() => this.#coils[addr] ?? false),
          getDiscreteInput: (addr: number) => this.#answer(() => this.#inputs[addr] ?? false),
          setCoil: (addr: number, value: boolean) =>
            this.#answer(() => {
              this.#coils[addr] = value
              this.writes.push({ address: addr, value, at: Date.now() })
            }),
        },
        { host: this.host, port: this.port, unitID: this.#unitId },
      )
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

  async #answer<T>(read: () => T): Promise<T> {
    this.#requests += 1
    this.#inFlight += 1
    this.#maxInFlight = Math.max(this.#maxInFlight, this.#inFlight)
    try {
      if (this.#unresponsive) return await new Promise<T>(() => {})
      if (this.#delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.#delayMs))
      return read()
    } finally {
      this.#inFlight -= 1
    }
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
