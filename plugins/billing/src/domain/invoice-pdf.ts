/** Renders an invoice or credit note as a PDF (pdfkit, built-in Helvetica) into a Buffer. */
import PDFDocument from 'pdfkit'
import { formatMoney } from '../contract/money.ts'
import type { Invoice } from './invoicing.ts'

/** The PDF of `inv` (with lines). */
export function invoicePdf(inv: Invoice, payerName: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${inv.number ?? 'Draft'}` } })
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    const money = (n: number) => formatMoney(n, inv.currency)
    doc.fontSize(20).text(inv.kind === 'credit_note' ? 'Credit note' : 'Invoice')
    doc.fontSize(10).moveDown()
      .text(`Number: ${inv.number ?? 'DRAFT'}`)
      .text(`Status: ${inv.status}`)
      .text(`Billed to: ${payerName}`)
      .text(`Issued: ${inv.issuedAt?.slice(0, 10) ?? '-'}   Due: ${inv.dueOn ?? '-'}`)
    if (inv.period) doc.text(`Period: ${inv.period}`)
    doc.moveDown()
    for (const l of inv.lines ?? []) {
      doc.text(`${l.quantity} × ${l.description}`, { continued: true }).text(`  ${money(l.gross)} (tax ${l.taxRateBp / 100}%: ${money(l.tax)})`, { align: 'right' })
    }
    doc.moveDown().text(`Subtotal: ${money(inv.subtotal)}`, { align: 'right' })
      .text(`Tax: ${money(inv.tax)}`, { align: 'right' })
      .fontSize(12).text(`Total: ${money(inv.total)}`, { align: 'right' })
    if (inv.kind === 'invoice') doc.fontSize(10).text(`Paid: ${money(inv.amountPaid)}   Credited: ${money(inv.amountCredited)}   Due: ${money(inv.amountDue)}`, { align: 'right' })
    doc.end()
  })
}
