/**
 * How IPP's printer and job states map onto the driver contract's. Printer: `printer-state` (idle, processing,
 * stopped) refined by `printer-state-reasons` — any `media-empty*` / `media-needed*` reason is `media-empty`
 * (paper out stops printing whatever the state says), `offline-report` / `shutdown` is `offline`; the reason
 * `none` is dropped. Job: `pending`/`pending-held` → queued, `processing`/`processing-stopped` → printing,
 * `completed`, `canceled` → cancelled, `aborted` → failed (RFC 8011 §5.3.7).
 */
import type { PrinterState, PrintJobState } from '@tessera/driver-sdk'

/**
 * Normalise an IPP keyword attribute that may be a single value or a list.
 *
 * @param value - the parsed attribute
 * @returns the keywords, without `none`
 */
export function keywords(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]
  return list.map(String).filter((k) => k !== 'none')
}

/**
 * The contract's printer state for IPP printer attributes.
 *
 * @param state - `printer-state` (keyword or enum number)
 * @param reasons - `printer-state-reasons`, normalised
 * @returns the printer state
 */
export function printerStateFromIpp(state: unknown, reasons: string[]): PrinterState {
  if (reasons.some((r) => r.startsWith('offline-report') || r.startsWith('shutdown'))) return 'offline'
  if (reasons.some((r) => r.startsWith('media-empty') || r.startsWith('media-needed'))) return 'media-empty'
  if (state === 'stopped' || state === 5) return 'stopped'
  if (state === 'processing' || state === 4) return 'processing'
  return 'idle'
}

/**
 * The contract's job state for an IPP `job-state`.
 *
 * @param state - `job-state` (keyword or enum number)
 * @returns the job state
 */
export function jobStateFromIpp(state: unknown): PrintJobState {
  switch (state) {
    case 'pending':
    case 'pending-held':
    case 3:
    case 4:
      return 'queued'
    case 'processing':
    case 'processing-stopped':
    case 5:
    case 6:
      return 'printing'
    case 'canceled':
    case 7:
      return 'cancelled'
    case 'aborted':
    case 8:
      return 'failed'
    case 'completed':
    case 9:
      return 'completed'
    default:
      return 'queued'
  }
}
