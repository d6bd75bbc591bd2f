/**
 * Types for the parts of the npm `ipp` package (2.0.1, which ships none) that the driver uses.
 */
declare module 'ipp' {
  /** A printer endpoint; `_message` builds a request with charset, language and printer-uri in the required order. */
  interface IppPrinter {
    url: unknown
    _message(operation: string, message: unknown): unknown
    execute(operation: string, message: unknown, callback: (error: unknown, response: unknown) => void): void
  }
  const ipp: {
    Printer(url: string | { host: string; path: string }, options?: { version?: string; uri?: string; charset?: string; language?: string }): IppPrinter
    serialize(message: unknown): Buffer
    parse(buffer: Buffer): unknown
    request(options: unknown, buffer: Buffer, callback: (error: unknown, response: unknown) => void): void
  }
  export default ipp
}
