/**
 * `@tessera/driver-ipp`: printers over IPP (npm `ipp`, pinned to 2.0.1). Use `IppPrinter.create(config)` directly,
 * or register `ippDriver` in a `DriverRegistry`.
 */
export { IppPrinter } from './ipp-printer.ts'
export { parseIppPrinterConfig } from './ipp-printer-config.ts'
export type { IppPrinterConfig, ResolvedIppPrinterConfig } from './ipp-printer-config.ts'
export { ippDriver } from './ipp-driver.ts'
export { IppClient, IppStatusError, IppUnreachableError } from './ipp-client.ts'
export type { IppResponse } from './ipp-client.ts'
export { jobStateFromIpp, keywords, printerStateFromIpp } from './ipp-state-mapping.ts'
