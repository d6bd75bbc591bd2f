/**
 * What the lock driver needs from the hardware: switch one relay, read it back, and (when the door has one) read the
 * door-position sensor. Every call rejects when the board does not answer, which the driver reports as `offline`.
 * The template ships an in-memory board (`in-memory-relay-board.ts`); a real driver implements this interface over
 * the board's protocol (Modbus, HTTP, a serial line, GPIO) and keeps everything else as it is.
 */

/** One relay (and optionally one door sensor) on a board. */
export interface RelayBoard {
  /** Whether the board has a door-position sensor wired to this door. */
  readonly doorSensor: boolean
  /** Energise (`true`, door unlocked) or de-energise (`false`, locked) the relay. */
  setRelay(energised: boolean): Promise<void>
  /** Read the relay back (`true` = energised); used as the liveness check of a board without sensor. */
  readRelay(): Promise<boolean>
  /** Read the door sensor (`true` = open). Only called when `doorSensor` is true. */
  readDoor(): Promise<boolean>
}
