/**
 * A minimal PDF writer for what the front desk prints: a visitor badge, a Wi-Fi voucher, a receipt — a few lines of
 * text on one page, no dependency. The output is a valid PDF 1.4 (catalog, one page, Helvetica, a content stream,
 * a correct cross-reference table), which CUPS, printers and `pdftotext` read. Text outside Latin-1 is replaced by
 * `?` (the standard Helvetica encoding has no other glyphs).
 */

/** Options of {@link simplePdf}. */
export interface SimplePdfOptions {
  /** The lines, top to bottom. The first is printed larger (a heading). */
  lines: string[]
  /** Page width and height in points (default 252 × 144: a 3.5 × 2 in badge). */
  width?: number
  height?: number
  /** Document title (PDF Info dictionary). */
  title?: string
}

/**
 * Build a one-page PDF holding some lines of text.
 *
 * @param options - lines, page size, title
 * @returns the PDF bytes
 */
export function simplePdf(options: SimplePdfOptions): Uint8Array {
  const width = options.width ?? 252
  const height = options.height ?? 144
  const heading = 16
  const body = 10
  const commands: string[] = ['BT']
  let y = height - 18 - heading
  options.lines.forEach((line, i) => {
    const size = i === 0 ? heading : body
    commands.push(`/F1 ${size} Tf`, `1 0 0 1 14 ${y} Tm`, `(${escape(line)}) Tj`)
    y -= (i === 0 ? heading : body) + 6
  })
  commands.push('ET')
  const content = commands.join('\n')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    `<< /Title (${escape(options.title ?? options.lines[0] ?? '')}) /Producer (Tessera) >>`,
  ]
  let pdf = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n'
  const offsets: number[] = []
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'))
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = Buffer.byteLength(pdf, 'latin1')
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return new Uint8Array(Buffer.from(pdf, 'latin1'))
}

function escape(text: string): string {
  return [...text]
    .map((c) => (c.charCodeAt(0) > 0xff || c.charCodeAt(0) < 0x20 ? '?' : c))
    .join('')
    .replace(/[\\()]/g, (c) => `\\${c}`)
}
