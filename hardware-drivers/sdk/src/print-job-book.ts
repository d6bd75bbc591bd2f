/**
 * The bookkeeping every printer driver shares, as `LockController` is for locks: request validation, one job per
 * request id (a concurrent or later `print` with the same id gets the first result; a refused attempt is
 * forgotten so it can be retried), the cancel rule, the latest state of every job, the printer's state, and the event
 * stream. A driver supplies the device side — submitting a document, cancelling it, polling job and printer state —
 * and reports what it sees with `updateJob` and `updatePrinter`; the book emits an event only when something actually
 * changed.
 */
import { EventChannel } from './event-channel.ts'
import { IdempotentRequests } from './idempotent-requests.ts'
import { PRINT_DOCUMENT_MAX_BYTES, TERMINAL_PRINT_JOB_STATES } from './printer-driver.ts'
import type {
  CancelPrintResult,
  PrinterCapabilities,
  PrinterEvent,
  PrinterState,
  PrinterStatus,
  PrintJobState,
  PrintJobStatus,
  PrintRequest,
  PrintResult,
} from './printer-driver.ts'

/** A refused cancel, as {@link PrintJobBook.cancel}'s device step reports it. */
export type CancelRefusal = Extract<CancelPrintResult, { ok: false }>

/** What a driver's submit function reports for an accepted job. */
export interface SubmittedJob {
  jobId: string
  state: PrintJobState
  message?: string
}

/** Options of {@link PrintJobBook}. */
export interface PrintJobBookOptions {
  capabilities: PrinterCapabilities
  /** How many request ids to remember (default 1000). */
  maxJobs?: number
  /** Clock, for tests (default `Date.now`). */
  now?: () => number
}

/** Jobs by request id, printer state and events of one printer driver. */
export class PrintJobBook {
  readonly capabilities: PrinterCapabilities
  readonly #now: () => number
  readonly #maxJobs: number
  readonly #channel = new EventChannel<PrinterEvent>()
  readonly #requests: IdempotentRequests<PrintResult>
  readonly #jobs = new Map<string, PrintJobStatus & { actor: PrintRequest['actor'] }>()
  #printer: { state: PrinterState; reasons: string[]; message?: string; changedAt: number }

  /** @param options - capabilities, capacity, clock */
  constructor(options: PrintJobBookOptions) {
    this.capabilities = options.capabilities
    this.#now = options.now ?? Date.now
    this.#maxJobs = options.maxJobs ?? 1000
    this.#requests = new IdempotentRequests<PrintResult>({ maxEntries: this.#maxJobs, isRetryable: (r) => !r.ok })
    this.#printer = { state: 'idle', reasons: [], changedAt: this.#now() }
  }

  /**
   * Check a request against the contract and the printer's formats.
   *
   * @param request - untrusted request
   * @returns why it is invalid, or `null`
   */
  validate(request: PrintRequest): string | null {
    if (!request || typeof request !== 'object') return 'request must be an object'
    if (typeof request.requestId !== 'string' || request.requestId.length === 0 || request.requestId.length > 200) {
      return 'requestId must be a string of 1 to 200 characters'
    }
    if (!request.actor || typeof request.actor.id !== 'string') return 'actor must name who printed'
    if (!this.capabilities.contentTypes.includes(request.contentType)) {
      return `contentType must be one of ${this.capabilities.contentTypes.join(', ')}`
    }
    if (!(request.document instanceof Uint8Array) || request.document.byteLength === 0) return 'document must be non-empty bytes'
    if (request.document.byteLength > PRINT_DOCUMENT_MAX_BYTES) return `document must be at most ${PRINT_DOCUMENT_MAX_BYTES} bytes`
    if (request.copies !== undefined && (!Number.isInteger(request.copies) || request.copies < 1 || request.copies > 99)) {
      return 'copies must be an integer between 1 and 99'
    }
    if (request.title !== undefined && (typeof request.title !== 'string' || request.title.length > 200)) return 'title must be at most 200 characters'
    return null
  }

  /**
   * Print once per request id: validate, then run `submit` unless the id already has a (non-refused) result.
   *
   * @param request - the print request
   * @param submit - sends the document; resolves with the printer's job id and state, or a refusal
   * @returns the first accepted result for this id, or this attempt's refusal
   */
  print(request: PrintRequest, submit: () => Promise<SubmittedJob | Extract<PrintResult, { ok: false }>>): Promise<PrintResult> {
    const requestId = typeof request?.requestId === 'string' ? request.requestId : ''
    const invalid = this.validate(request)
    if (invalid) return Promise.resolve({ ok: false, requestId, reason: 'invalid-request', message: invalid })
    if (this.#channel.closed) return Promise.resolve({ ok: false, requestId, reason: 'closed', message: 'driver is closed' })
    return this.#requests.run(requestId, async (): Promise<PrintResult> => {
      let submitted: SubmittedJob | Extract<PrintResult, { ok: false }>
      try {
        submitted = await submit()
      } catch (error) {
        return { ok: false, requestId, reason: 'device-error', message: error instanceof Error ? error.message : String(error) }
      }
      if ('ok' in submitted) return submitted
      const now = this.#now()
      const job = {
        requestId,
        jobId: submitted.jobId,
        state: submitted.state,
        changedAt: new Date(now).toISOString(),
        actor: request.actor,
        ...(submitted.message ? { message: submitted.message } : {}),
      }
      this.#jobs.set(requestId, job)
      while (this.#jobs.size > this.#maxJobs) {
        this.#jobs.delete(this.#jobs.keys().next().value as string)
      }
      this.#emitJob(job)
      return { ok: true, acceptedAt: job.changedAt, ...strip(job) }
    })
  }

  /**
   * The cancel rule every printer driver shares: an unknown request id is `unknown-job`; a cancelled job is cancelled
   * again (ok); a completed or failed job is `not-cancellable`; any other job is handed to `cancelOnDevice`, which
   * stops it on the printer and resolves `true` — the job is then recorded `cancelled` — or resolves a refusal.
   *
   * @param requestId - the job's request id
   * @param cancelOnDevice - stops the job on the device
   * @returns the outcome, for the driver's `cancel`
   */
  async cancel(requestId: string, cancelOnDevice: (job: PrintJobStatus) => Promise<true | CancelRefusal>): Promise<CancelPrintResult> {
    const job = this.job(requestId)
    if (!job) return { ok: false, requestId, reason: 'unknown-job', message: `no job for request ${requestId}` }
    if (job.state === 'cancelled') return { ok: true, requestId, state: 'cancelled' }
    if (TERMINAL_PRINT_JOB_STATES.includes(job.state)) return { ok: false, requestId, reason: 'not-cancellable', message: `job is ${job.state}` }
    const outcome = await cancelOnDevice(job)
    if (outcome !== true) return outcome
    this.updateJob(requestId, { state: 'cancelled', message: 'cancelled by request' })
    return { ok: true, requestId, state: 'cancelled' }
  }

  /** The latest status of the job for a request id, or `null`. */
  job(requestId: string): PrintJobStatus | null {
    const job = this.#jobs.get(requestId)
    return job ? strip(job) : null
  }

  /** Jobs that may still change state (not completed, cancelled or failed), oldest first. */
  activeJobs(): PrintJobStatus[] {
    return [...this.#jobs.values()].filter((j) => !TERMINAL_PRINT_JOB_STATES.includes(j.state)).map(strip)
  }

  /**
   * Record what the printer says about a job; emits a `job` event when the state (or page count) changed. A job
   * in a terminal state never changes again.
   *
   * @param requestId - the job's request id
   * @param update - the new state, and optionally pages and message
   */
  updateJob(requestId: string, update: { state: PrintJobState; pagesPrinted?: number; message?: string }): void {
    const job = this.#jobs.get(requestId)
    if (!job || TERMINAL_PRINT_JOB_STATES.includes(job.state)) return
    if (job.state === update.state && (update.pagesPrinted === undefined || update.pagesPrinted === job.pagesPrinted)) return
    job.state = update.state
    job.changedAt = new Date(this.#now()).toISOString()
    if (update.pagesPrinted !== undefined) job.pagesPrinted = update.pagesPrinted
    if (update.message) job.message = update.message
    this.#emitJob(job)
  }

  /**
   * Record the printer's state; emits a `printer` event when the state or its reasons changed.
   *
   * @param state - the state
   * @param reasons - printer-reported reasons
   * @param message - detail, e.g. the error behind `offline`
   */
  updatePrinter(state: PrinterState, reasons: string[] = [], message?: string): void {
    const current = this.#printer
    const sameReasons = current.reasons.length === reasons.length && current.reasons.every((r, i) => r === reasons[i])
    if (current.state === state && sameReasons) return
    this.#printer = { state, reasons: [...reasons], changedAt: this.#now(), ...(message ? { message } : {}) }
    if (this.#channel.closed) return
    this.#channel.publish({ kind: 'printer', at: new Date(this.#printer.changedAt).toISOString(), state, reasons: [...reasons], ...(message ? { message } : {}) })
  }

  /** The printer status as last recorded. */
  printerStatus(): PrinterStatus {
    const p = this.#printer
    return {
      state: p.state,
      online: p.state !== 'offline',
      reasons: [...p.reasons],
      ...(p.message ? { message: p.message } : {}),
      changedAt: new Date(p.changedAt).toISOString(),
      capabilities: this.capabilities,
    }
  }

  /** A fresh subscription to job and printer events. */
  events(): AsyncIterable<PrinterEvent> {
    return this.#channel.stream()
  }

  /** End every event stream; later `print` calls are refused with `closed`. */
  close(): void {
    this.#channel.close()
  }

  #emitJob(job: PrintJobStatus & { actor: PrintRequest['actor'] }): void {
    this.#channel.publish({ kind: 'job', at: job.changedAt, ...strip(job), actor: job.actor })
  }
}

function strip(job: PrintJobStatus & { actor?: unknown }): PrintJobStatus {
  const { actor: _actor, ...status } = job
  return { ...status }
}
