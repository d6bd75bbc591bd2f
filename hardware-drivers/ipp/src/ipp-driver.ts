/**
 * The `ipp` driver definition, for registration in a `DriverRegistry` (the site agent registers it by default).
 */
import { defineDriver } from '@tessera/driver-sdk'
import { IppPrinter } from './ipp-printer.ts'
import { parseIppPrinterConfig } from './ipp-printer-config.ts'
import type { IppPrinterConfig } from './ipp-printer-config.ts'

/** The `ipp` printer driver (IPP Everywhere printers and CUPS queues). */
export const ippDriver = defineDriver({
  kind: 'printer',
  id: 'ipp',
  description: 'Printer reached over IPP (an IPP Everywhere printer or a CUPS queue)',
  parseConfig: (raw: unknown): IppPrinterConfig => parseIppPrinterConfig(raw),
  create: (config: IppPrinterConfig) => IppPrinter.create(config),
})
