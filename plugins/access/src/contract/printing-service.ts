/**
 * The `access.printing` service: how other plugins print at a site without knowing its hardware. A caller names a
 * printer by id, or — usually — by purpose and location (`receipts` at the front desk's location), hands over a
 * bounded document (text, a PDF, or lines that access lays out on a one-page PDF) and its own request id; access
 * queues a print job on the caller's transaction (so a rolled-back caller prints nothing), sends it to the printer's
 * site agent as a signed `print` command once that commits, retries while the agent or the printer is offline, and
 * announces every state change as `access.print-job.updated`. The same request id prints once.
 */
import { defineServiceRef } from '@tessera/sdk'
import type { FromSchema } from '@tessera/sdk'
import type { printDocumentSchema, printJobSchema, printerSchema } from './printing-schemas.ts'

/** A document to print (see `printDocumentSchema` for the bounds). @public */
export type PrintDocument = FromSchema<typeof printDocumentSchema>
/** A print job (`GET /print-jobs`). @public */
export type PrintJob = FromSchema<typeof printJobSchema>
/** A printer (`GET /printers`). @public */
export type Printer = FromSchema<typeof printerSchema>

/** Which printer: by id, or by purpose at a location (the location's default for the purpose, else the first by name). @public */
export interface PrinterChoice {
  printerId?: string
  purpose?: string
  /** Without it, a purpose picks among every location's printers (defaults first). */
  locationId?: string | null
}

/** What to print. @public */
export interface PrintRequest extends PrinterChoice {
  /** The caller's idempotency key, prefixed with its plugin id (`pos:receipt:<sale id>`): the same id prints once. */
  requestId: string
  document: PrintDocument
  /** Shown in the printer's queue (default: the request id). */
  title?: string
  /** 1–20, default 1. */
  copies?: number
}

/** `access.printing`. @public */
export interface PrintingService {
  /**
   * Queues a print job on the current transaction and returns it; a request id seen before returns its job as it is
   * now (nothing is printed again). No matching printer, or a document outside the bounds, is a 422 problem naming
   * the field.
   */
  print(request: PrintRequest): Promise<PrintJob>
  /** The printer a request with this choice would go to, or `undefined` (e.g. no `receipts` printer at the location). */
  findPrinter(choice: PrinterChoice): Promise<Printer | undefined>
  /** The job of a request id, or `undefined`. */
  job(requestId: string): Promise<PrintJob | undefined>
  /** Cancels the job of a request id (a queued one at once, a sent one at its printer); `undefined` when there is none. */
  cancel(requestId: string): Promise<PrintJob | undefined>
}

/** Ref of {@link PrintingService}, provided by `access` ^1 (consumers usually declare access in `optionalDependsOn`). @public */
export const accessPrinting = defineServiceRef<PrintingService>({ plugin: 'access', id: 'printing', version: '^1.0.0' })
