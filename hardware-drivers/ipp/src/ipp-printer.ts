/**
 * A printer reached over IPP (any IPP Everywhere printer, or a CUPS queue), implementing `PrinterDriver` with the
 * npm `ipp` client. `print` sends `Print-Job` (document format, job name, copies, `requesting-user-name`) once per
 * request id (the SDK's `PrintJobBook`); a poll loop reads `Get-Printer-Attributes` (state and reasons, mapped by
 * `ipp-state-mapping.ts`) and `Get-Job-Attributes` for every job not yet finished, and the book emits an event for
 * each change. `cancel` sends `Cancel-Job`. A printer that cannot be reached is `offline`: `print` is refused with
 * `offline` and the reason (refused, timed out, …), and the next successful poll brings it back.
 */
import { PrintJobBook } from '@tessera/driver-sdk'
import type {
  CancelPrintResult,
  PrinterCapabilities,
  PrinterDriver,
  PrinterEvent,
  PrinterStatus,
  PrintJobStatus,
  PrintRequest,
  PrintResult,
} from '@tessera/driver-sdk'
import { IppClient, IppStatusError, IppUnreachableError } from './ipp-client.ts'
import type { IppResponse } from './ipp-client.ts'
import { parseIppPrinterConfig } from './ipp-printer-config.ts'
import type { IppPrinterConfig, ResolvedIppPrinterConfig } from './ipp-printer-config.ts'
import { jobStateFromIpp, keywords, printerStateFromIpp } from './ipp-state-mapping.ts'

const PRINTER_ATTRIBUTES = ['printer-state', 'printer-state-reasons', 'printer-state-message', 'printer-is-accepting-jobs']
const JOB_ATTRIBUTES = ['job-id', 'job-state', 'job-state-reasons', 'job-impressions-completed']

/** One IPP printer. */
export class IppPrinter implements PrinterDriver {
  readonly kind = 'printer' as const
  readonly capabilities: PrinterCapabilities
  /** The validated configuration. */
  readonly config: ResolvedIppPrinterConfig
  readonly #client: IppClient
  readonly #book: PrintJobBook
  #timer: NodeJS.Timeout | null = null
  #polling: Promise<void> = Promise.resolve()
  #closed = false

  /**
   * Create the driver and read the printer's state once. An unreachable printer does not make this fail: the
   * driver starts `offline`.
   *
   * @param config - see {@link IppPrinterConfig}; validated here
   * @returns the started driver
   */
  static async create(config: IppPrinterConfig): Promise<IppPrinter> {
    const printer = new IppPrinter(parseIppPrinterConfig(config))
    await printer.#poll()
    printer.#schedule()
    return printer
  }

  private constructor(config: ResolvedIppPrinterConfig) {
    this.config = config
    this.capabilities = Object.freeze({ contentTypes: [...config.contentTypes], cancel: true, reportsConnectivity: true })
    this.#client = new IppClient(config.url, config.timeoutMs)
    this.#book = new PrintJobBook({ capabilities: this.capabilities })
  }

  /** {@inheritDoc PrinterDriver.print} */
  print(request: PrintRequest): Promise<PrintResult> {
    return this.#book.print(request, async () => {
      try {
        const response = await this.#client.execute('Print-Job', {
          'operation-attributes-tag': {
            'requesting-user-name': this.config.userName,
            'job-name': request.title ?? request.requestId,
            'document-format': request.contentType,
          },
          'job-attributes-tag': { copies: request.copies ?? 1 },
          data: Buffer.from(request.document.buffer, request.document.byteOffset, request.document.byteLength),
        })
        const job = firstJob(response)
        const jobId = job?.['job-id']
        if (typeof jobId !== 'number') return { ok: false, requestId: request.requestId, reason: 'device-error', message: 'Print-Job answer has no job-id' }
        return { jobId: String(jobId), state: jobStateFromIpp(job?.['job-state']) }
      } catch (error) {
        return this.#refusal(request.requestId, error)
      }
    })
  }

  /** {@inheritDoc PrinterDriver.job} */
  async job(requestId: string): Promise<PrintJobStatus | null> {
    return this.#book.job(requestId)
  }

  /** {@inheritDoc PrinterDriver.cancel} */
  cancel(requestId: string): Promise<CancelPrintResult> {
    return this.#book.cancel(requestId, async (job) => {
      try {
        await this.#client.execute('Cancel-Job', {
          'operation-attributes-tag': { 'job-id': Number(job.jobId), 'requesting-user-name': this.config.userName },
        })
        return true
      } catch (error) {
        if (error instanceof IppStatusError && error.status === 'client-error-not-possible') {
          await this.#pollJob(job)
          const now = this.#book.job(requestId)
          if (now?.state === 'cancelled') return true // the printer had cancelled it already
          return { ok: false, requestId, reason: 'not-cancellable', message: `job is ${now?.state ?? job.state}` }
        }
        const refusal = this.#refusal(requestId, error)
        return { ok: false, requestId, reason: refusal.reason, message: refusal.message }
      }
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
    if (this.#closed) return
    this.#closed = true
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    await this.#polling
    this.#book.close()
  }

  #refusal(requestId: string, error: unknown): Extract<PrintResult, { ok: false }> {
    if (error instanceof IppUnreachableError) {
      this.#book.updatePrinter('offline', [], error.message)
      return { ok: false, requestId, reason: 'offline', message: error.message }
    }
    if (error instanceof IppStatusError && error.status === 'client-error-document-format-not-supported') {
      return { ok: false, requestId, reason: 'invalid-request', message: error.message }
    }
    return { ok: false, requestId, reason: 'device-error', message: error instanceof Error ? error.message : String(error) }
  }

  #schedule(): void {
    if (this.#closed) return
    this.#timer = setTimeout(() => {
      this.#timer = null
      this.#polling = this.#poll().finally(() => this.#schedule())
    }, this.config.pollIntervalMs)
  }

  async #poll(): Promise<void> {
    try {
      const response = await this.#client.execute('Get-Printer-Attributes', {
        'operation-attributes-tag': { 'requesting-user-name': this.config.userName, 'requested-attributes': PRINTER_ATTRIBUTES },
      })
      if (this.#closed) return
      const attributes = response['printer-attributes-tag'] ?? {}
      const reasons = keywords(attributes['printer-state-reasons'])
      const message = typeof attributes['printer-state-message'] === 'string' && attributes['printer-state-message'] !== '' ? attributes['printer-state-message'] : undefined
      this.#book.updatePrinter(printerStateFromIpp(attributes['printer-state'], reasons), reasons, message)
    } catch (error) {
      if (this.#closed) return
      if (error instanceof IppUnreachableError) this.#book.updatePrinter('offline', [], error.message)
      return
    }
    for (const job of this.#book.activeJobs()) await this.#pollJob(job)
  }

  async #pollJob(job: PrintJobStatus): Promise<void> {
    try {
      const response = await this.#client.execute('Get-Job-Attributes', {
        'operation-attributes-tag': { 'job-id': Number(job.jobId), 'requesting-user-name': this.config.userName, 'requested-attributes': JOB_ATTRIBUTES },
      })
      const attributes = firstJob(response) ?? {}
      const pages = attributes['job-impressions-completed']
      const reasons = keywords(attributes['job-state-reasons']).filter((r) => r !== 'job-completed-successfully')
      this.#book.updateJob(job.requestId, {
        state: jobStateFromIpp(attributes['job-state']),
        ...(typeof pages === 'number' ? { pagesPrinted: pages } : {}),
        ...(reasons.length > 0 ? { message: reasons.join(', ') } : {}),
      })
    } catch (error) {
      if (error instanceof IppStatusError && error.status === 'client-error-not-found') {
        this.#book.updateJob(job.requestId, { state: 'failed', message: 'the printer no longer knows this job' })
      }
    }
  }
}

function firstJob(response: IppResponse): Record<string, unknown> | undefined {
  const group = response['job-attributes-tag']
  return Array.isArray(group) ? group[0] : group
}
