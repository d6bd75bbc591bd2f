/**
 * The printer driver contract. A `PrinterDriver` drives one printer (an IPP printer or print server queue, or a
 * simulator): it prints a document (PDF or plain text) for a request id, reports each job's state as it moves from
 * queued to completed (or cancelled/failed), reports the printer's own state (idle, processing, stopped,
 * media-empty, offline), and cancels a job. Like lock drivers, printer drivers run inside the site agent, which
 * calls them when a signed `print` command arrives and forwards every event `events()` yields to the kernel.
 * Expected failures (printer offline, device error, bad request) are results, not exceptions.
 */
import type { Actor, DriverFailureReason } from './lock-driver.ts'

/** Document formats every printer driver accepts. */
export type PrintContentType = 'application/pdf' | 'text/plain'

/** Arguments of {@link PrinterDriver.print}. */
export interface PrintRequest {
  /** Idempotency key: printing the same id again returns the first result and prints nothing more. */
  requestId: string
  /** Who printed, for the audit trail and accounting. */
  actor: Actor
  /** MIME type of `document`. */
  contentType: PrintContentType
  /** The document bytes (at most `PRINT_DOCUMENT_MAX_BYTES`). */
  document: Uint8Array
  /** Job title shown in the printer's queue (default: the request id). */
  title?: string
  /** Number of copies, 1–99 (default 1). */
  copies?: number
}

/** Largest document a driver must accept (16 MiB); larger ones are `invalid-request`. */
export const PRINT_DOCUMENT_MAX_BYTES = 16 * 1024 * 1024

/** Lifecycle of a print job: `queued → printing → completed`, or `cancelled` / `failed`. */
export type PrintJobState = 'queued' | 'printing' | 'completed' | 'cancelled' | 'failed'

/** The job states after which nothing changes any more. */
export const TERMINAL_PRINT_JOB_STATES: readonly PrintJobState[] = Object.freeze(['completed', 'cancelled', 'failed'])

/** Progress of one job. */
export interface PrintJobStatus {
  requestId: string
  /** The printer's own id for the job (the IPP `job-id`), as a string. */
  jobId: string
  state: PrintJobState
  /** ISO-8601 time of the last state change the driver saw. */
  changedAt: string
  /** Pages printed so far, when the printer reports it. */
  pagesPrinted?: number
  /** Why a job failed or was cancelled, as the printer said it (e.g. IPP `job-state-reasons`). */
  message?: string
}

/** Outcome of {@link PrinterDriver.print}: the job was accepted (not necessarily printed yet) or refused. */
export type PrintResult =
  | ({ ok: true; acceptedAt: string } & PrintJobStatus)
  | { ok: false; requestId: string; reason: DriverFailureReason; message: string }

/** Outcome of {@link PrinterDriver.cancel}. */
export type CancelPrintResult =
  | { ok: true; requestId: string; state: 'cancelled' }
  | { ok: false; requestId: string; reason: DriverFailureReason | 'unknown-job' | 'not-cancellable'; message: string }

/** State of the printer itself. */
export type PrinterState = 'idle' | 'processing' | 'stopped' | 'media-empty' | 'offline'

/** Snapshot returned by {@link PrinterDriver.status}. */
export interface PrinterStatus {
  state: PrinterState
  /** Whether the printer answered its last request. */
  online: boolean
  /** Printer-reported reasons, e.g. IPP `printer-state-reasons` (`media-empty-error`, `toner-low-warning`). */
  reasons: string[]
  /** Human-readable detail, e.g. the error behind `offline` or the printer's state message. */
  message?: string
  /** ISO-8601 time of the last state change the driver saw. */
  changedAt: string
  /** What the printer supports. */
  capabilities: PrinterCapabilities
}

/** What a printer driver supports. */
export interface PrinterCapabilities {
  /** Document formats it prints. */
  contentTypes: PrintContentType[]
  /** `cancel()` works on queued and printing jobs. */
  cancel: boolean
  /** The driver notices when the printer stops answering (state `offline`) and when it returns. */
  reportsConnectivity: boolean
}

/** What a printer driver emits: a job changed state, or the printer did. */
export type PrinterEvent =
  | ({ kind: 'job'; at: string; actor?: Actor } & PrintJobStatus)
  | { kind: 'printer'; at: string; state: PrinterState; reasons: string[]; message?: string }

/**
 * A driver for one printer. Instances are created by a driver definition's `create(config)`, already started;
 * an unreachable printer does not make `create` fail (it reports `offline`). `events()` works as for locks: each
 * call is an independent subscription that starts immediately and ends on `close()`.
 */
export interface PrinterDriver {
  /** Always `printer`. */
  readonly kind: 'printer'
  /** What this printer supports. */
  readonly capabilities: PrinterCapabilities
  /** Send a job to the printer. Idempotent per `requestId`; a refused attempt (`ok: false`) may be retried. */
  print(request: PrintRequest): Promise<PrintResult>
  /** The job printed for `requestId`, or `null` when this driver never accepted that id. */
  job(requestId: string): Promise<PrintJobStatus | null>
  /** Cancel a queued or printing job. Cancelling a cancelled job succeeds again. */
  cancel(requestId: string): Promise<CancelPrintResult>
  /** State of the printer. */
  status(): Promise<PrinterStatus>
  /** A fresh subscription to job and printer state changes. */
  events(): AsyncIterable<PrinterEvent>
  /** Stop polling, release connections and end every event stream. */
  close(): Promise<void>
}
