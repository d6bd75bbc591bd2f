/**
 * What every simulated relay board offers a test, whatever line it sits on (Modbus TCP in `relay-board-server.ts`,
 * RTU on a pty pair in `rtu-relay-board.ts`): the coils, the coil-write log, the door sensors and the request
 * counters of its {@link RelayBoardModel}. Subclasses add how the board is reached, killed and revived.
 */
import { RelayBoardModel } from './relay-board-model.ts'
import type { CoilWrite, RelayBoardOptions } from './relay-board-model.ts'

/** A simulated relay board's state, as tests read and change it. */
export abstract class SimulatedRelayBoard {
  protected readonly model: RelayBoardModel

  protected constructor(options: RelayBoardOptions) {
    this.model = new RelayBoardModel(options)
  }

  /** Every coil write, in order. */
  get writes(): CoilWrite[] {
    return this.model.writes
  }

  /** State of one coil (`true` = relay energised). */
  coil(address = 0): boolean {
    return this.model.coil(address)
  }

  /** Writes to one coil, in order. */
  writesTo(address = 0): boolean[] {
    return this.model.writesTo(address)
  }

  /** Set a door sensor input (`true` = contact closed = door open in the default wiring). */
  setSensor(open: boolean, input = 0): void {
    this.model.setSensor(open, input)
  }

  /** Requests answered or pending since start. */
  get requestCount(): number {
    return this.model.requestCount
  }

  /** Most requests the board was handling at the same moment. */
  get maxConcurrentRequests(): number {
    return this.model.maxConcurrentRequests
  }
}
