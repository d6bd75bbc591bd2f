/**
 * The IPP driver against a real CUPS server (Debian `cups` + `printer-driver-cups-pdf`) that the test starts on
 * its own port with its own configuration and spool: the SDK's printer conformance suite (print, cancel, states —
 * paused via IPP Pause-Printer — and recovery — cupsd stopped and restarted), then the front-desk use: a visitor
 * badge PDF and a Wi-Fi voucher text job come out of cups-pdf as PDFs holding their text (read with `pdftotext`).
 * The tests install the packages when missing and skip, saying why, only when that is impossible.
 */
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { simplePdf } from '@tessera/driver-sdk'
import type { PrinterEvent } from '@tessera/driver-sdk'
import { EventRecorder, runPrinterConformance } from '@tessera/driver-sdk/conformance'
import { IppClient, IppPrinter } from '../src/index.ts'
import { CupsServer, cupsAvailability, pdfText } from './cups-server.ts'

const unavailable = cupsAvailability()
let server: CupsServer | null = null

before(async () => {
  if (!unavailable) server = await CupsServer.start()
})
after(async () => {
  await server?.close()
})

async function queueAndDriver() {
  if (!server) throw new Error('CUPS is not running')
  const cups = server
  await cups.resume()
  const queue = await cups.addQueue()
  const driver = await IppPrinter.create({ url: queue.url, pollIntervalMs: 100, timeoutMs: 3000 })
  const admin = new IppClient(queue.url, 3000)
  return {
    queue,
    driver,
    pause: async () => void (await admin.execute('Pause-Printer', { 'operation-attributes-tag': { 'requesting-user-name': 'root' } })),
    resume: async () => void (await admin.execute('Resume-Printer', { 'operation-attributes-tag': { 'requesting-user-name': 'root' } })),
    close: async () => {
      await driver.close()
      await cups.resume()
      await queue.remove()
    },
  }
}

runPrinterConformance({
  name: 'ipp (real CUPS with cups-pdf)',
  skip: unavailable ?? undefined,
  expectLevels: ['print', 'cancel', 'states', 'recovery'],
  create: async () => {
    const h = await queueAndDriver()
    return {
      driver: h.driver,
      printedCount: async () => h.queue.printedFiles().length,
      pause: h.pause,
      resume: h.resume,
      kill: () => server!.stop(),
      revive: () => server!.resume(),
      close: h.close,
    }
  },
})

describe('ipp driver on CUPS: front-desk printing', { skip: unavailable ?? false }, () => {
  it('prints a visitor badge: the PDF exists in the cups-pdf output folder and contains the badge text', async () => {
    const h = await queueAndDriver()
    const events = new EventRecorder<PrinterEvent>(h.driver)
    try {
      const badge = simplePdf({ lines: ['Ada Lovelace', 'Visitor of Grace Hopper', 'Tessera Coworking - 2nd floor'], title: 'Visitor badge' })
      const result = await h.driver.print({ requestId: 'badge-visit-881', actor: { kind: 'staff', id: 'desk-1', via: 'admin' }, contentType: 'application/pdf', document: badge, title: 'Visitor badge' })
      assert.equal(result.ok, true, JSON.stringify(result))
      await events.waitUntil((e) => e.kind === 'job' && e.requestId === 'badge-visit-881' && e.state === 'completed', { timeoutMs: 15_000, what: 'badge completed' })
      const files = h.queue.printedFiles()
      assert.equal(files.length, 1, `one PDF in ${h.queue.outDir}`)
      const text = pdfText(files[0])
      assert.match(text, /Ada Lovelace/)
      assert.match(text, /Visitor of Grace Hopper/)
    } finally {
      await events.stop()
      await h.close()
    }
  })

  it('prints a Wi-Fi voucher sent as plain text: one page with its four lines', async () => {
    const h = await queueAndDriver()
    const events = new EventRecorder<PrinterEvent>(h.driver)
    try {
      const voucher = new TextEncoder().encode('Guest Wi-Fi\nNetwork: Tessera-Guest\nVoucher: 48213-99120\nValid 24 hours\n')
      const result = await h.driver.print({ requestId: 'voucher-77', actor: { kind: 'system', id: 'wifi' }, contentType: 'text/plain', document: voucher })
      assert.equal(result.ok, true, JSON.stringify(result))
      await events.waitUntil((e) => e.kind === 'job' && e.requestId === 'voucher-77' && e.state === 'completed', { timeoutMs: 15_000, what: 'voucher completed' })
      const [file] = h.queue.printedFiles()
      assert.ok(file, 'the voucher was printed')
      // CUPS's texttopdf embeds its font without a Unicode map, so pdftotext sees the glyphs but not the letters:
      // check the shape (one page, four lines); the badge test above checks text content, from a PDF
      const text = pdfText(file)
      assert.equal(text.split('\f').length - 1, 1, 'one page')
      assert.equal(text.split('\n').filter((line) => line.trim() !== '' && line !== '\f').length, 4, JSON.stringify(text))
    } finally {
      await events.stop()
      await h.close()
    }
  })
})
