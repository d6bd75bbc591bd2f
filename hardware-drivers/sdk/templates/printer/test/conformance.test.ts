/**
 * The driver passes the SDK's printer conformance suite at every level — `print`, `cancel`, `states` and `recovery` —
 * on a fresh output folder per check: pausing, paper and power are the folder's `PAUSED` and `NO-PAPER` files and the
 * folder itself (moved away = printer unplugged); what was printed is the documents in the folder. It is also
 * created from JSON configuration the way the site agent creates it.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DriverRegistry } from '@tessera/driver-sdk'
import { runPrinterConformance } from '@tessera/driver-sdk/conformance'
import driver, { FolderPrinter, PANEL_FILES } from '../src/index.ts'

runPrinterConformance({
  name: 'template-printer',
  expectLevels: ['print', 'cancel', 'states', 'recovery'],
  timeoutMs: 5000,
  create: async () => {
    const folder = await mkdtemp(join(tmpdir(), 'template-printer-'))
    const printer = await FolderPrinter.create({ folder, pollIntervalMs: 10 })
    const panel = (file: string, on: boolean) => (on ? writeFile(join(folder, file), '') : rm(join(folder, file), { force: true }))
    return {
      driver: printer,
      printedCount: async () => (await readdir(folder)).filter((f) => /\.(pdf|txt)$/.test(f)).length,
      pause: () => panel(PANEL_FILES.paused, true),
      resume: () => panel(PANEL_FILES.paused, false),
      emptyMedia: () => panel(PANEL_FILES.noPaper, true),
      refillMedia: () => panel(PANEL_FILES.noPaper, false),
      kill: () => rename(folder, `${folder}-unplugged`),
      revive: () => rename(`${folder}-unplugged`, folder),
      close: async () => {
        await printer.close()
        await rm(folder, { recursive: true, force: true })
      },
    }
  },
})

describe('template-printer definition', () => {
  it('is created from JSON config through a registry, and refuses bad config', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'template-printer-'))
    const registry = new DriverRegistry().register(driver)
    const printer = await registry.create('template-printer', { folder, pollIntervalMs: 10 }, 'printer')
    try {
      assert.equal((await printer.status()).state, 'idle')
    } finally {
      await printer.close()
      await rm(folder, { recursive: true, force: true })
    }
    await assert.rejects(registry.create('template-printer', { folder: 'relative/path' }), /folder must be an absolute path/)
    await assert.rejects(registry.create('template-printer', { folder, colour: true }), /unknown field "colour"/)
  })
})
