/**
 * The `template-printer` printer driver for the Tessera site agent. The default export is the driver definition the
 * agent loads when its config names this package in `driverPackages`; a device then uses it with
 * `{ "deviceId": "desk", "driver": "template-printer", "config": { "folder": "/var/spool/tessera-desk" } }`.
 */
import { defineDriver } from '@tessera/driver-sdk'
import { FolderPrinter } from './folder-printer.ts'
import { parsePrinterConfig } from './printer-config.ts'
import type { PrinterConfig } from './printer-config.ts'

export { FolderPrinter, PANEL_FILES } from './folder-printer.ts'
export { parsePrinterConfig } from './printer-config.ts'
export type { PrinterConfig } from './printer-config.ts'

/** The driver definition (`kind: 'printer'`, id `template-printer`). */
const driver = defineDriver({
  kind: 'printer',
  id: 'template-printer',
  description: 'template-printer: prints into a folder (until you wire a real printer)',
  parseConfig: parsePrinterConfig,
  create: (config: PrinterConfig) => FolderPrinter.create(config),
})

export default driver
