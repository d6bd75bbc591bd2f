/**
 * The printer driver contract, declared now so the site agent and the kernel can be written against it; the IPP
 * driver that implements it comes in a later issue. A printer driver accepts print jobs (a document plus who pays
 * for it) and reports their progress and the printer's own state.
 */
import type { Actor } from './lock-driver.ts'

/** A document to print. */
export interface PrintJob {
  /** Idempotency key: submitting the same id twice returns the first receipt and prints once. */
  jobId: string
  /** Who printed, for accounting. */
  actor: Actor
  /** MIME type of `document`, e.g. `application/pdf`. */
  contentType: string
  /** The document bytes. */
  document: Uint8Array
  /** Number of copies; defaults to 1. */
  copies?: number
  /** Colour or monochrome; defaults to the printer's default. */
  color?: boolean
  /** Print on both sides; defaults to the printer's default. */
  duplex?: boolean
}

/** Lifecycle of a print job. */
export type PrintJobState = 'queued' | 'printing' | 'completed' | 'failed' | 'cancelled'

/** Progress of one job. */
export interface PrintJobStatus {
  jobId: string
  state: PrintJobState
  /** Pages printed so far (for billing), when the printer reports it. */
  pagesPrinted?: number
  /** Why a job failed. */
  message?: string
}

/** What `submit` returns: the job was accepted (not yet printed) or refused. */
export type PrintJobReceipt =
  | { ok: true; jobId: string; acceptedAt: string }
  | { ok: false; jobId: string; reason: 'offline' | 'device-error' | 'invalid-request'; message: string }

/** State of the printer itself. */
export interface PrinterStatus {
  online: boolean
  state: 'idle' | 'printing' | 'stopped' | 'unknown'
  /** Printer-reported reasons, e.g. `media-empty`, `toner-low`. */
  alerts: string[]
}

/** A driver for one printer. */
export interface PrinterDriver {
  /** Always `printer`. */
  readonly kind: 'printer'
  /** Queue a job on the printer. Idempotent per `jobId`. */
  submit(job: PrintJob): Promise<PrintJobReceipt>
  /** Progress of a job submitted earlier. */
  jobStatus(jobId: string): Promise<PrintJobStatus>
  /** State of the printer. */
  status(): Promise<PrinterStatus>
  /** Release connections and timers. */
  close(): Promise<void>
}
