/**
 * IPP state mapping and configuration parsing: what CUPS cannot be made to show in a test (a printer out of paper,
 * an offline report) is checked on the mapping itself, and bad configuration is refused naming the field.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { jobStateFromIpp, keywords, parseIppPrinterConfig, printerStateFromIpp } from '../src/index.ts'

describe('ipp state mapping', () => {
  it('maps printer-state and printer-state-reasons, media-empty and offline first', () => {
    assert.equal(printerStateFromIpp('idle', keywords('none')), 'idle')
    assert.equal(printerStateFromIpp('processing', []), 'processing')
    assert.equal(printerStateFromIpp('stopped', keywords(['paused'])), 'stopped')
    assert.equal(printerStateFromIpp('stopped', keywords(['media-empty-error', 'paused'])), 'media-empty')
    assert.equal(printerStateFromIpp('processing', keywords('media-needed-report')), 'media-empty')
    assert.equal(printerStateFromIpp('idle', keywords(['offline-report'])), 'offline')
    assert.equal(printerStateFromIpp(5, []), 'stopped')
  })

  it('maps job-state to queued, printing, completed, cancelled, failed', () => {
    assert.deepEqual(
      ['pending', 'pending-held', 'processing', 'processing-stopped', 'completed', 'canceled', 'aborted'].map(jobStateFromIpp),
      ['queued', 'queued', 'printing', 'printing', 'completed', 'cancelled', 'failed'],
    )
  })

  it('rejects invalid configuration with the field name', () => {
    assert.throws(() => parseIppPrinterConfig({}), /url/)
    assert.throws(() => parseIppPrinterConfig({ url: 'ftp://x/y' }), /url/)
    assert.throws(() => parseIppPrinterConfig({ url: 'ipp://p:631/ipp/print', timeoutMs: 0 }), /timeoutMs/)
    assert.throws(() => parseIppPrinterConfig({ url: 'ipp://p:631/ipp/print', contentTypes: ['image/png'] }), /contentTypes/)
    assert.throws(() => parseIppPrinterConfig({ url: 'ipp://p:631/ipp/print', colour: 1 }), /unknown field "colour"/)
    assert.equal(parseIppPrinterConfig({ url: 'ipp://p:631/ipp/print' }).userName, 'tessera')
  })
})
