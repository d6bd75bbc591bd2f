/**
 * The state of a simulated Modbus relay board, shared by its two front-ends (Modbus TCP in `relay-board-server.ts`,
 * Modbus RTU over a virtual serial pair in `rtu-relay-board.ts`): coils (relay outputs), discrete inputs (door
 * sensors), the log of coil writes, the count of requests in flight, and the switch that makes the board stop
 * answering. `vector()` is the `modbus-serial` service vector both `ServerTCP` and `ServerSerial` take.
 */
import type { IServiceVector } from 'modbus-serial'

/** Options of a simulated board. */
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

/** Coils, inputs and request accounting of one simulated board. */
export class RelayBoardModel {
  /** Every coil write, in order. */
  readonly writes: CoilWrite[] = []
  /** Unit id the board answers to. */
  readonly unitId: number
  readonly #coils: boolean[]
  readonly #inputs: boolean[]
  readonly #delayMs: number
  #unresponsive = false
  #inFlight = 0
  #maxInFlight = 0
  #requests = 0

  /** @param options - see {@link RelayBoardOptions} */
  constructor(options: RelayBoardOptions = {}) {
    this.unitId = options.unitId ?? 1
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

  /** Keep the line open but never answer (requests time out), or answer again. */
  setUnresponsive(unresponsive: boolean): void {
    this.#unresponsive = unresponsive
  }

  /** The service vector for `ServerTCP` / `ServerSerial`. */
  vector(): IServiceVector {
    return {
      getCoil: (addr: number) => this.#answer(() => this.#coils[addr] ?? false),
      getDiscreteInput: (addr: number) => this.#answer(() => this.#inputs[addr] ?? false),
      setCoil: (addr: number, value: boolean) =>
        this.#answer(() => {
          this.#coils[addr] = value
          this.writes.push({ address: addr, value, at: Date.now() })
        }),
    } as IServiceVector
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
