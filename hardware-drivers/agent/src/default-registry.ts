/**
 * The driver registry a site agent uses when it is not given one: the built-in `modbus` and `simulator` lock
 * drivers and the `ipp` and `printer-simulator` printer drivers. Sites with third-party drivers build their own
 * `DriverRegistry` (starting from this one) and pass it in.
 */
import { DriverRegistry } from '@tessera/driver-sdk'
import { ippDriver } from '@tessera/driver-ipp'
import { modbusDriver } from '@tessera/driver-modbus'
import { printerSimulatorDriver, simulatorDriver } from '@tessera/driver-simulator'

/**
 * A fresh registry with the built-in drivers.
 *
 * @returns a registry holding `modbus`, `simulator`, `ipp` and `printer-simulator`
 */
export function defaultDriverRegistry(): DriverRegistry {
  return new DriverRegistry().register(modbusDriver).register(simulatorDriver).register(ippDriver).register(printerSimulatorDriver)
}
