/**
 * Capability flags. Hardware differs: some doors have a position sensor, some locks relock by themselves after a
 * timed pulse while others latch until told to lock. Drivers declare what they support so the kernel can show the
 * right controls and the conformance suite can skip checks that cannot apply.
 */

/** What a driver instance supports. */
export interface DriverCapabilities {
  /** The driver reads a door-position sensor and emits `opened`, `closed`, `forced` and `held-open`. */
  doorSensor: boolean
  /** `unlock()` is a timed pulse that relocks by itself after `durationMs`; `false` means the lock latches. */
  pulseMode: boolean
  /** The driver notices when the device stops answering and emits `offline` / `online`. */
  reportsConnectivity: boolean
}

/**
 * Build a complete, frozen capability object from a partial one; unspecified flags are `false`.
 *
 * @param flags - the flags the driver supports
 * @returns the full capability set
 */
export function capabilities(flags: Partial<DriverCapabilities>): DriverCapabilities {
  return Object.freeze({
    doorSensor: flags.doorSensor ?? false,
    pulseMode: flags.pulseMode ?? false,
    reportsConnectivity: flags.reportsConnectivity ?? false,
  })
}
