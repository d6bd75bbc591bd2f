/**
 * The lock driver: the SDK's `LockController` (idempotent unlock, timed relock, event derivation, fail-secure close)
 * on a `RelayBoard`. At start it switches the relay off (fail-secure), then polls the board every `pollIntervalMs`:
 * the door sensor when there is one, otherwise the relay as a liveness check. A failed call reports the lock
 * `offline`; the next answer reports it `online`, and the controller rewrites the relay state it wants.
 */
import { capabilities, LockController } from '@tessera/driver-sdk'
import type { LockDriver } from '@tessera/driver-sdk'
import type { RelayBoard } from './relay-board.ts'

/** Options of {@link createRelayLock}. */
export interface RelayLockOptions {
  /** Relock by itself after the unlock's `durationMs` (default `true`); `false` latches until `lock()`. */
  pulseMode?: boolean
  /** Report `held-open` after the door is open this long (ms, default 30 000; 0 disables). */
  heldOpenAfterMs?: number
  /** How often the board is read (ms, default 100). */
  pollIntervalMs?: number
}

/**
 * Create and start a lock on a relay board. An unreachable board does not make this fail: the lock starts and
 * reports `offline` until the board answers.
 *
 * @param board - the hardware
 * @param options - pulse mode and timings
 * @returns the started driver
 */
export async function createRelayLock(board: RelayBoard, options: RelayLockOptions = {}): Promise<LockDriver> {
  const controller: LockController = new LockController({
    capabilities: capabilities({ doorSensor: board.doorSensor, pulseMode: options.pulseMode ?? true, reportsConnectivity: true }),
    heldOpenAfterMs: options.heldOpenAfterMs ?? 30_000,
    actuate: async (energised) => {
      try {
        await board.setRelay(energised)
      } catch (error) {
        controller.reportOnline(false, messageOf(error))
        throw error
      }
    },
  })
  const pollIntervalMs = options.pollIntervalMs ?? 100
  let timer: NodeJS.Timeout | null = null
  let closed = false
  const poll = async (): Promise<void> => {
    try {
      if (board.doorSensor) {
        const open = await board.readDoor()
        controller.reportOnline(true)
        controller.reportDoor(open)
      } else {
        await board.readRelay()
        controller.reportOnline(true)
      }
    } catch (error) {
      controller.reportOnline(false, messageOf(error))
    }
  }
  const schedule = (): void => {
    if (closed) return
    timer = setTimeout(() => void poll().finally(schedule), pollIntervalMs)
  }
  await controller.failSecure()
  await poll()
  schedule()
  return controller.asLockDriver(() => {
    closed = true
    if (timer) clearTimeout(timer)
  })
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
