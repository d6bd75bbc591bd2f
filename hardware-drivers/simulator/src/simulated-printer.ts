/**
 * An in-memory printer for development, demos and the site agent's tests. It implements `PrinterDriver` on the
 * SDK's `PrintJobBook`: jobs queue, print one at a time (`printMs` each: `queued → printing → completed`), and
 * wait while the printer is paused (`stopped`), out of paper (`media-empty`) or switched off (`offline`, where new
 * jobs are refused). Tests drive those conditions and read what came out of the tray (`printed`).
 */
import { PrintJobBook } from '@tessera/driver-sdk'
import type { CancelPrintResult, PrinterCapabilities, PrinterDriver, PrinterEvent, PrinterStatus, PrintJobStatus, PrintRequest, PrintResult } from '@tessera/driver-sdk'

/** Configuration of a simulated printer. */
export interface SimulatorPrinterConfig {
  /** Time to print one job (ms, default 50). */
  printMs?: number
}

/** A document that came out of the simulated tray. */
export interface PrintedDocument {
  requestId: string
  jobId: string
  contentType: string
  document: Uint8Array
  copies: number
  at: string
}

const CAPABILITIES: PrinterCapabilities = Object.freeze({
  contentTypes: ['application/pdf', 'text/plain'],
  cancel: true,
  reportsConnectivity: true,
}) as PrinterCapabilities

/** The simulated printer. */
export class SimulatedPrinter implements PrinterDriver {
  readonly kind = 'printer' as const
  readonly capabilities = CAPABILITIES
  /** Everything printed, in order. */
  readonly printed: PrintedDocument[] = []
  readonly #book = new PrintJobBook({ capabilities: CAPABILITIES })
  readonly #printMs: number
  readonly #queue: { requestId: string; jobId: string; request: PrintRequest }[] = []
  #nextJobId = 1
  #paused = false
  #mediaEmpty = false
  #powered = true
  #timer: NodeJS.Timeout | null = null

  /**
   * Create a simulated printer (idle, paper loaded).
   *
   * @param config - timings
   * @returns the printer
   */
  static async create(config: SimulatorPrinterConfig = {}): Promise<SimulatedPrinter> {
    return new SimulatedPrinter(config)
  }

  private constructor(config: SimulatorPrinterConfig) {
    this.#printMs = config.printMs ?? 50
  }

  /** {@inheritDoc PrinterDriver.print} */
  print(request: PrintRequest): Promise<PrintResult> {
    return this.#book.print(request, async () => {
      if (!this.#powered) return { ok: false, requestId: request.requestId, reason: 'offline', message: 'printer is switched off' }
      const jobId = String(this.#nextJobId++)
      this.#queue.push({ requestId: request.requestId, jobId, request })
      setImmediate(() => this.#advance()) // after the book has recorded the job
      return { jobId, state: 'queued' }
    })
  }

  /** {@inheritDoc PrinterDriver.job} */
  async job(requestId: string): Promise<PrintJobStatus | null> {
    return this.#book.job(requestId)
  }

  /** {@inheritDoc PrinterDriver.cancel} */
  cancel(requestId: string): Promise<CancelPrintResult> {
    return this.#book.cancel(requestId, async (job) => {
      if (job.state !== 'queued') return { ok: false, requestId, reason: 'not-cancellable', message: `job is ${job.state}` }
      if (!this.#powered) return { ok: false, requestId, reason: 'offline', message: 'printer is switched off' }
      const index = this.#queue.findIndex((q) => q.requestId === requestId)
      if (index >= 0) this.#queue.splice(index, 1)
      return true
    })
  }

  /** {@inheritDoc PrinterDriver.status} */
  async status(): Promise<PrinterStatus> {
    return this.#book.printerStatus()
  }

  /** {@inheritDoc PrinterDriver.events} */
  events(): AsyncIterable<PrinterEvent> {
    return this.#book.events()
  }

  /** Pause the printer: jobs wait (`stopped`). */
  pause(): void {
    this.#paused = true
    this.#refresh()
  }

  /** Resume a paused printer. */
  resume(): void {
    this.#paused = false
    this.#refresh()
  }

  /** Take the paper out (`media-empty`): jobs wait. */
  emptyMedia(): void {
    this.#mediaEmpty = true
    this.#refresh()
  }

  /** Put the paper back. */
  refillMedia(): void {
    this.#mediaEmpty = false
    this.#refresh()
  }

  /** Switch the printer off (`offline`): new jobs are refused, queued ones wait. */
  kill(): void {
    this.#powered = false
    this.#refresh()
  }

  /** Switch it back on. */
  revive(): void {
    this.#powered = true
    this.#refresh()
  }

  /** {@inheritDoc PrinterDriver.close} */
  async close(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    this.#book.close()
  }

  #refresh(): void {
    if (!this.#powered) this.#book.updatePrinter('offline', [], 'printer is switched off')
    else if (this.#paused) this.#book.updatePrinter('stopped', ['paused'])
    else if (this.#mediaEmpty) this.#book.updatePrinter('media-empty', ['media-empty-error'])
    else this.#book.updatePrinter(this.#timer ? 'processing' : 'idle')
    this.#advance()
  }

  #advance(): void {
    if (this.#timer || !this.#powered || this.#paused || this.#mediaEmpty) return
    const next = this.#queue.shift()
    if (!next) return
    this.#book.updateJob(next.requestId, { state: 'printing' })
    this.#book.updatePrinter('processing')
    this.#timer = setTimeout(() => {
      this.#timer = null
      this.printed.push({
        requestId: next.requestId,
        jobId: next.jobId,
        contentType: next.request.contentType,
        document: next.request.document,
        copies: next.request.copies ?? 1,
        at: new Date().toISOString(),
      })
      this.#book.updateJob(next.requestId, { state: 'completed', pagesPrinted: next.request.copies ?? 1 })
      this.#refresh()
    }, this.#printMs)
  }
}
