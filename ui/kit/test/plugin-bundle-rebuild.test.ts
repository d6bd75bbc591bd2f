/**
 * Rebuilding a plugin's UI bundle while a server reads it (the UI test suites rebuild the plugins' bundles in
 * parallel processes, each serving them from `dist/ui`): a reader polling the bundle from another thread during three
 * rebuilds never finds it missing or incomplete, and the folder holds exactly the new build afterwards.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { buildPluginUi } from '@tessera/ui-kit/vite'

const MARK = '/* end of bundle */'

/** Polls `file` until told to stop; reports how often it was absent, and how often it was there but incomplete. */
const READER = `
const { parentPort, workerData } = require('node:worker_threads')
const { readFileSync } = require('node:fs')
let reads = 0, missing = 0, partial = 0, stop = false
parentPort.on('message', () => { stop = true })
function poll() {
  for (let i = 0; i < 200; i++) {
    try {
      const text = readFileSync(workerData.file, 'utf8')
      reads++
      if (!text.includes(workerData.mark)) partial++
    } catch { missing++ }
  }
  if (stop) parentPort.postMessage({ reads, missing, partial })
  else setImmediate(poll)
}
poll()
`

test('a bundle rebuilt while it is being read is never missing or half written, and stale files are dropped', async () => {
  // inside the workspace, so the build resolves the kit's own Lit for the bundle's declared ranges
  const root = mkdtempSync(join(import.meta.dirname, '.rebuild-'))
  try {
    mkdirSync(join(root, 'ui'))
    writeFileSync(join(root, 'ui', 'index.ts'), `customElements.define('rebuild-screen', class extends HTMLElement {})\nconsole.log(${JSON.stringify(MARK)})\n`)
    const options = { root, definition: { id: 'rebuild', ui: { entry: 'ui/index.ts' } }, shared: ['lit'] }
    const { file } = await buildPluginUi(options)
    const outDir = join(root, 'dist', 'ui')
    writeFileSync(join(outDir, 'stale.js.br'), 'from an older build')

    const reader = new Worker(READER, { eval: true, workerData: { file, mark: MARK } })
    const counts = new Promise<{ reads: number; missing: number; partial: number }>((resolve) => reader.once('message', resolve))
    for (let i = 0; i < 3; i++) await buildPluginUi(options)
    reader.postMessage('stop')
    const { reads, missing, partial } = await counts
    await reader.terminate()

    assert.ok(reads > 0, 'the reader read the bundle')
    assert.equal(missing, 0, `the bundle was missing ${missing} times of ${reads + missing} during the rebuilds`)
    assert.equal(partial, 0, `the bundle was incomplete ${partial} times`)
    assert.deepEqual(readdirSync(outDir).sort(), ['index.js', 'index.js.map', 'index.meta.json'], 'exactly the new build')
    assert.deepEqual(readdirSync(join(root, 'dist')), ['ui'], 'no staging folder is left')
    assert.ok(existsSync(file))
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
})
