/**
 * A printer whose paper tray is a folder: every completed job is written there as a file
 * (`<jobId>-<requestId>.pdf` or `.txt`, written to a `.partial` file first and renamed, so a reader never sees half a
 * document). The folder is the printer's panel too — a `PAUSED` file in it stops the printer (`stopped`), a
 * `NO-PAPER` file means `media-empty`, and a folder that is missing or not writable is `offline` — so the driver has
 * every state a real printer has, and passes every level of the printer conformance suite. Jobs queue and print one
 * at a time; the SDK's `PrintJobBook` does validation, one job per request id, and events. A driver for a real
 * printer replaces `#condition` (ask the printer for its state) and `#output` (send it the document).
 */
import { constants } from 'node:fs'
import { access, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PrintJobBook } from '@tessera/driver-sdk'
import type {
  CancelPrintResult,
  PrinterCapabilities,
  PrinterDriver,
  PrinterEvent,
  PrinterState,
  PrinterStatus,
  PrintJobStatus,
  PrintRequest,
  PrintResult,
} from '@tessera/driver-sdk'
import type { PrinterConfig } from './printer-config.ts'

/** File names in the folder that set the printer's state. */
export const PANEL_FILES = Object.freeze({ paused: 'PAUSED', noPaper: 'NO-PAPER' })

const CAPABILITIES: PrinterCapabilities = Object.freeze({
  contentTypes: ['application/pdf', 'text/plain'],
  cancel: true,
  reportsConnectivity: true,
}) as PrinterCapabilities

interface Condition {
  state: PrinterState
  reasons: string[]
  message?: string
}

interface QueuedJob {
  requestId: string
  jobId: string
  request: PrintRequest
}

/** The folder printer. */
export class FolderPrinter implements PrinterDriver {
  readonly kind = 'printer' as const
  readonly capabilities = CAPABILITIES
  readonly #folder: string
  readonly #pollIntervalMs: number
  readonly #book = new PrintJobBook({ capabilities: CAPABILITIES })
  readonly #queue: QueuedJob[] = []
  readonly #jobPrefix = Date.now().toString(36)
  #nextJob = 1
  #printing = false
  #draining = false
  #closed = false
  #timer: NodeJS.Timeout | null = null

  /**
   * Create and start a folder printer. A missing folder does not make this fail: the printer reports `offline`
   * until the folder is there.
   *
   * @param config - the folder and the poll interval
   * @returns the started printer
   */
  static async create(config: PrinterConfig): Promise<FolderPrinter> {
    const printer = new FolderPrinter(config)
    printer.#apply(await printer.#condition())
    printer.#schedule()
    return printer
  }

  private constructor(config: PrinterConfig) {
    this.#folder = config.folder
    this.#pollIntervalMs = config.pollIntervalMs ?? 100
  }

  /** {@inheritDoc PrinterDriver.print} */
  print(request: PrintRequest): Promise<PrintResult> {
    return this.#book.print(request, async () => {
      const condition = await this.#condition()
      this.#apply(condition)
      if (condition.state === 'offline') return { ok: false, requestId: request.requestId, reason: 'offline', message: condition.message ?? 'printer is offline' }
      const jobId = `${this.#jobPrefix}-${this.#nextJob++}`
      this.#queue.push({ requestId: request.requestId, jobId, request })
      setImmediate(() => void this.#drain()) // after the book has recorded the job
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
      const index = this.#queue.findIndex((q) => q.requestId === requestId)
      if (job.state !== 'queued' || index < 0) return { ok: false, requestId, reason: 'not-cancellable', message: `job is ${job.state}` }
      this.#queue.splice(index, 1) // a job being written cannot be stopped; a queued one is never written
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

  /** {@inheritDoc PrinterDriver.close} */
  async close(): Promise<void> {
    this.#closed = true
    if (this.#timer) clearTimeout(this.#timer)
    this.#book.close()
  }

  /** Prints queued jobs one at a time while the printer is ready; one drain runs at a time. */
  async #drain(): Promise<void> {
    if (this.#draining || this.#closed) return
    this.#draining = true
    try {
      while (this.#queue.length > 0 && !this.#closed) {
        const condition = await this.#condition()
        this.#apply(condition)
        if (condition.state !== 'idle') return
        const next = this.#queue.shift()
        if (!next) return
        this.#printing = true
        this.#book.updateJob(next.requestId, { state: 'printing' })
        this.#book.updatePrinter('processing')
        try {
          await this.#output(next)
          this.#book.updateJob(next.requestId, { state: 'completed' })
        } catch (error) {
          // the folder went away mid-job: the job waits at the head of the queue for the printer to return
          this.#queue.unshift(next)
          this.#book.updateJob(next.requestId, { state: 'queued', message: messageOf(error) })
        } finally {
          this.#printing = false
        }
      }
    } finally {
      this.#draining = false
      if (!this.#closed) this.#apply(await this.#condition())
    }
  }

  async #output(job: QueuedJob): Promise<void> {
    const extension = job.request.contentType === 'text/plain' ? 'txt' : 'pdf'
    const name = `${job.jobId}-${job.requestId.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80)}`
    const partial = join(this.#folder, `${name}.partial`)
    await writeFile(partial, job.request.document, { flush: true })
    await rename(partial, join(this.#folder, `${name}.${extension}`))
  }

  async #condition(): Promise<Condition> {
    try {
      await access(this.#folder, constants.W_OK)
    } catch (error) {
      return { state: 'offline', reasons: [], message: `output folder ${this.#folder} is not reachable (${(error as NodeJS.ErrnoException).code ?? messageOf(error)})` }
    }
    if (await exists(join(this.#folder, PANEL_FILES.paused))) return { state: 'stopped', reasons: ['paused'] }
    if (await exists(join(this.#folder, PANEL_FILES.noPaper))) return { state: 'media-empty', reasons: ['media-empty-error'] }
    return { state: 'idle', reasons: [] }
  }

  #apply(condition: Condition): void {
    if (this.#closed) return
    if (condition.state === 'idle' && this.#printing) this.#book.updatePrinter('processing')
    else this.#book.updatePrinter(condition.state, condition.reasons, condition.message)
  }

  #schedule(): void {
    this.#timer = setTimeout(async () => {
      if (this.#closed) return
      this.#apply(await this.#condition())
      await this.#drain()
      if (!this.#closed) this.#schedule()
    }, this.#pollIntervalMs)
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
