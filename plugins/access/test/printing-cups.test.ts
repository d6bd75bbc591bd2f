/**
 * One print all the way to a real printer: the kernel's print job → a real site agent running the IPP driver → a real
 * CUPS (`cupsd` with `printer-driver-cups-pdf`, started by the test on its own port and spool, as the IPP driver's
 * tests do: `@tessera/driver-ipp/testing`) → the printed PDF holds the badge's text (read with `pdftotext`), and the
 * job ends `completed` in the kernel from the agent's printer events. Skipped, saying why, only when CUPS cannot be
 * installed (not root, no Debian packages).
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { CupsServer, cupsAvailability, pdfText } from '@tessera/driver-ipp/testing'
import type { CupsQueue } from '@tessera/driver-ipp/testing'
import type { PrintJob } from '@tessera/plugin-access/contract'
import { boot, world, startAgent, agentUrl, waitFor } from './helpers.ts'

const unavailable = cupsAvailability()
let cups: CupsServer | undefined
let queue: CupsQueue | undefined
let t: Awaited<ReturnType<typeof boot>> | undefined
let site: Awaited<ReturnType<typeof startAgent>> | undefined

before(async () => {
  if (unavailable) return
  cups = await CupsServer.start()
  queue = await cups.addQueue()
  t = await boot()
})
after(async () => {
  await site?.close()
  await t?.close()
  await queue?.remove()
  await cups?.close()
})

test('a badge printed through the kernel comes out of a real CUPS printer with its text', { skip: unavailable ?? undefined }, async () => {
  const w = await world(t!)
  site = await startAgent(w, agentUrl(t!.port, w), [{ deviceId: 'cups', driver: 'ipp', config: { url: queue!.url, pollIntervalMs: 200, timeoutMs: 5000 } }])
  await site.agent.waitUntilConnected(10_000)
  const printer = await w.ok(w.call('POST', '/access/printers', { name: 'Badges', agentId: w.agentId, deviceId: 'cups', driver: 'ipp', locationId: w.locationId, purposes: ['badges'] }))
  const lines = ['Ada Lovelace', 'Analytical Engines Ltd', 'Host: Charles Babbage', 'Badge 7']
  const queued = await w.ok(w.call('POST', '/access/print-jobs', { requestId: `cups-badge-${Date.now()}`, printerId: printer.id, document: { kind: 'lines', lines }, title: 'Badge 7' })) as PrintJob
  const done = await waitFor(async () => {
    const j = (await w.call('GET', `/access/print-jobs/${queued.id}`)).json() as PrintJob
    if (j.state === 'failed') throw new Error(`print failed: ${j.reason} ${j.message}`)
    return j.state === 'completed' ? j : undefined
  }, 60_000, 'job completed at CUPS')
  assert.ok(done.printerJobId, 'the IPP job id is recorded')
  const file = await waitFor(() => queue!.printedFiles()[0], 30_000, 'cups-pdf output')
  const printed = pdfText(file)
  for (const line of lines) assert.ok(printed.includes(line), `${line} in ${JSON.stringify(printed)}`)
})
