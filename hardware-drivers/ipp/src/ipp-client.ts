/**
 * A thin promise wrapper around the npm `ipp` package (pinned to 2.0.1): one IPP operation per call, with a
 * deadline. `ipp`'s own `Printer.execute` has no timeout (an unanswering printer would hang the caller forever),
 * so each request is built with the printer's message builder and serializer and sent through `ipp.request` with
 * an abort signal, and a timer of ours settles the call at the deadline whatever `ipp` does: `ipp` ignores errors
 * on a response that was cut off mid-body (a printer restarting), so its callback may never come, and an
 * `AbortSignal.timeout` alone would not even keep the process waiting for it. IPP-level errors (status codes other than `successful-*`) come
 * back as `IppStatusError` with the status keyword; transport failures (refused, reset, timeout) as
 * `IppUnreachableError`, which the driver reports as `offline`.
 */
import ipp from 'ipp'

/** An IPP response as `ipp` parses it: groups of attributes keyed by tag name. */
export interface IppResponse {
  statusCode: string
  'operation-attributes-tag'?: Record<string, unknown>
  'printer-attributes-tag'?: Record<string, unknown>
  'job-attributes-tag'?: Record<string, unknown> | Record<string, unknown>[]
  [group: string]: unknown
}

/** The printer answered with an IPP error status. */
export class IppStatusError extends Error {
  /** e.g. `client-error-not-found`, `client-error-not-possible`. */
  readonly status: string
  /**
   * @param operation - the IPP operation
   * @param status - the status keyword
   * @param message - the printer's `status-message`, if any
   */
  constructor(operation: string, status: string, message?: string) {
    super(`${operation} failed: ${status}${message ? ` (${message})` : ''}`)
    this.name = 'IppStatusError'
    this.status = status
  }
}

/** The printer could not be reached (connection refused or reset, timeout, HTTP error). */
export class IppUnreachableError extends Error {
  /**
   * @param url - the printer
   * @param cause - what the transport said
   */
  constructor(url: string, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause)
    super(`printer at ${url} is unreachable: ${detail}`)
    this.name = 'IppUnreachableError'
  }
}

/** One printer's IPP endpoint. */
export class IppClient {
  readonly url: string
  readonly #printer: ReturnType<typeof ipp.Printer>
  readonly #timeoutMs: number
  readonly #options: { protocol: string; hostname: string; port: number; path: string }

  /**
   * @param url - `ipp://`, `ipps://`, `http://` or `https://` URL of the printer (e.g. `ipp://host:631/printers/P`)
   * @param timeoutMs - deadline per request
   */
  constructor(url: string, timeoutMs: number) {
    this.url = url
    this.#timeoutMs = timeoutMs
    const parsed = new URL(url)
    const scheme = parsed.protocol === 'ipps:' || parsed.protocol === 'https:' ? 'ipps' : 'ipp'
    // ipp.request wants the legacy parsed-URL shape (http.request options); giving it one avoids url.parse()
    this.#options = {
      protocol: scheme === 'ipps' ? 'https:' : 'http:',
      hostname: parsed.hostname.replace(/^\[|\]$/g, ''),
      port: parsed.port ? Number(parsed.port) : 631,
      path: `${parsed.pathname}${parsed.search}`,
    }
    this.#printer = ipp.Printer({ host: parsed.host, path: parsed.pathname }, { uri: `${scheme}://${parsed.host}${parsed.pathname}` })
  }

  /**
   * Run one IPP operation.
   *
   * @param operation - e.g. `Print-Job`, `Get-Printer-Attributes`
   * @param message - attribute groups (and `data` for a document)
   * @returns the response, when its status is `successful-*`
   * @throws IppStatusError or IppUnreachableError
   */
  execute(operation: string, message: Record<string, unknown>): Promise<IppResponse> {
    const body = ipp.serialize(this.#printer._message(operation, message))
    const abort = new AbortController()
    const options = { ...this.#options, signal: abort.signal }
    return new Promise<IppResponse>((resolve, reject) => {
      let settled = false
      const timer = setTimeout(() => {
        const timeout = new Error(`no answer within ${this.#timeoutMs} ms`)
        timeout.name = 'TimeoutError'
        finish(timeout)
        abort.abort(timeout)
      }, this.#timeoutMs)
      const finish = (error: unknown, response?: IppResponse): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        if (error) return reject(error instanceof IppStatusError ? error : new IppUnreachableError(this.url, error))
        const status = response?.statusCode ?? 'unknown'
        if (!status.startsWith('successful')) {
          const text = response?.['operation-attributes-tag']?.['status-message']
          return reject(new IppStatusError(operation, status, typeof text === 'string' ? text : undefined))
        }
        resolve(response as IppResponse)
      }
      try {
        ipp.request(options, body, (error, response) => finish(error, response as IppResponse | undefined))
      } catch (error) {
        finish(error)
      }
    })
  }
}
