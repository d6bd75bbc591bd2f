/**
 * Turning a print request's document into what the printer receives: `text` is sent as UTF-8 `text/plain`; `pdf` is
 * checked (base64, at most `PRINT_LIMITS.pdfMaxBytes`, starts with `%PDF-`) and sent as it is; `lines` are laid out
 * by access on a one-page PDF (`simplePdf` of the driver SDK) — a 3.5 × 2 in badge, or an 80 mm ticket as long as
 * the lines need. Other plugins call the printing service directly (no route validates their input), so the bounds
 * of the route schema are checked here too, each refusal a 422 naming the field.
 */
import { problem } from '@tessera/sdk'
import { simplePdf } from '@tessera/driver-sdk'
import { PRINT_LIMITS } from '../contract/index.ts'
import type { PrintDocument } from '../contract/index.ts'

/** The bytes and MIME type of a document. */
export interface RenderedDocument {
  contentType: 'application/pdf' | 'text/plain'
  bytes: Buffer
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/
const TICKET_WIDTH = 227 // 80 mm in points

const invalid = (pointer: string, detail: string) => problem.unprocessable(`The document cannot be printed: ${detail}.`, [{ pointer, detail }])

/** Checks and renders a document (`pointer`: where it sits in the request, for the problem). */
export function renderDocument(doc: PrintDocument, pointer = '/document'): RenderedDocument {
  const d = doc as { kind?: unknown; text?: unknown; base64?: unknown; lines?: unknown; layout?: unknown }
  if (!d || typeof d !== 'object') throw invalid(pointer, 'a document is { kind: text | pdf | lines, … }')
  if (d.kind === 'text') {
    if (typeof d.text !== 'string' || d.text.length === 0 || d.text.length > PRINT_LIMITS.textMaxLength) {
      throw invalid(`${pointer}/text`, `text must be 1–${PRINT_LIMITS.textMaxLength} characters`)
    }
    return { contentType: 'text/plain', bytes: Buffer.from(d.text, 'utf8') }
  }
  if (d.kind === 'pdf') {
    const max = Math.ceil(PRINT_LIMITS.pdfMaxBytes / 3) * 4
    if (typeof d.base64 !== 'string' || d.base64.length < 4 || d.base64.length > max || d.base64.length % 4 !== 0 || !BASE64.test(d.base64)) {
      throw invalid(`${pointer}/base64`, `base64 must encode a PDF of at most ${PRINT_LIMITS.pdfMaxBytes} bytes`)
    }
    const bytes = Buffer.from(d.base64, 'base64')
    if (bytes.length > PRINT_LIMITS.pdfMaxBytes || bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw invalid(`${pointer}/base64`, 'base64 is not a PDF (no %PDF- header)')
    return { contentType: 'application/pdf', bytes }
  }
  if (d.kind === 'lines') {
    const lines = d.lines
    if (!Array.isArray(lines) || lines.length === 0 || lines.length > PRINT_LIMITS.linesMax
      || lines.some((l) => typeof l !== 'string' || l.length > PRINT_LIMITS.lineMaxLength)) {
      throw invalid(`${pointer}/lines`, `lines must be 1–${PRINT_LIMITS.linesMax} texts of at most ${PRINT_LIMITS.lineMaxLength} characters`)
    }
    if (d.layout !== undefined && d.layout !== 'badge' && d.layout !== 'ticket') throw invalid(`${pointer}/layout`, 'layout must be badge or ticket')
    const ticket = d.layout === 'ticket'
    const pdf = ticket
      ? simplePdf({ lines: lines as string[], width: TICKET_WIDTH, height: 60 + lines.length * 16 })
      : simplePdf({ lines: lines as string[] })
    return { contentType: 'application/pdf', bytes: Buffer.from(pdf) }
  }
  throw invalid(`${pointer}/kind`, 'kind must be text, pdf or lines')
}
