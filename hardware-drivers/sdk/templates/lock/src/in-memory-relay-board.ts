/**
 * A relay board that lives in memory: one relay, one door sensor, and a power switch. It behaves as a real board
 * does — after a power loss it stops answering, and it comes back with its relay off — so the driver built on it
 * passes the full conformance suite. Boards are created per test, or looked up by name (`InMemoryRelayBoard.named`)
 * when the driver is created from site configuration, so a demo or a test in the same process can open the door.
 */
import type { RelayBoard } from './relay-board.ts'

/** Options of a new {@link InMemoryRelayBoard}. */
export interface InMemoryRelayBoardOptions {
  /** Start with the relay energised, as a board left on by a crash (default `false`). */
  energised?: boolean
  /** Whether a door sensor is wired (default `true`). */
  doorSensor?: boolean
}

const boards = new Map<string, InMemoryRelayBoard>()

/** An in-memory relay board. */
export class InMemoryRelayBoard implements RelayBoard {
  readonly doorSensor: boolean
  #energised: boolean
  #doorOpen = false
  #powered = true

  /**
   * The process-wide board with this name, created on first use.
   *
   * @param name - the board's name (the driver config's `board`)
   * @returns the board
   */
  static named(name: string): InMemoryRelayBoard {
    let board = boards.get(name)
    if (!board) boards.set(name, (board = new InMemoryRelayBoard()))
    return board
  }

  /** @param options - initial relay state, sensor */
  constructor(options: InMemoryRelayBoardOptions = {}) {
    this.#energised = options.energised ?? false
    this.doorSensor = options.doorSensor ?? true
  }

  /** Whether the relay is energised right now (what an electrician would measure). */
  get energised(): boolean {
    return this.#energised
  }

  /** Open (`true`) or close the door, as a person walking through would. */
  setDoor(open: boolean): void {
    this.#doorOpen = open
  }

  /** Cut the power: the board stops answering. */
  powerOff(): void {
    this.#powered = false
  }

  /** Restore the power: the board answers again, with its relay off. */
  powerOn(): void {
    this.#powered = true
    this.#energised = false
  }

  async setRelay(energised: boolean): Promise<void> {
    this.#answer()
    this.#energised = energised
  }

  async readRelay(): Promise<boolean> {
    this.#answer()
    return this.#energised
  }

  async readDoor(): Promise<boolean> {
    this.#answer()
    return this.#doorOpen
  }

  #answer(): void {
    if (!this.#powered) throw new Error('relay board is not answering (no power)')
  }
}
