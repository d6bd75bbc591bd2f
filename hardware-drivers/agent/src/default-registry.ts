/**
 * The driver registry a site agent uses when it is not given one: the built-in `modbus` and `simulator` lock
 * drivers. Sites with third-party drivers build their own `DriverRegistry` (starting from this one) and pass it in.
 */
import { DriverRegistry } from '@tessera/driver-sdk'
import { modbusDriver } from '@tessera/driver-modbus'
import { simulatorDriver } from '@tessera/driver-simulator'

/**
 * A fresh registry with the built-in drivers.
 *
 * @returns a registry holding `modbus` and `simulator`
 */
export function defaultDriverRegistry(): DriverRegistry {
  return new DriverRegistry().register(modbusDriver).register(simulatorDriver)
}
