/**
 * Printing through a real site agent driving the printer simulator: printers registered per agent (purposes, a default
 * per purpose and location), a test page and the `access.printing` contract service (consumed by a small plugin, as
 * POS or Wi-Fi do) — queued → sent → printing → completed, announced as `access.print-job.updated`, audited, once per
 * request id; jobs wait while the agent is away and print when it reconnects; a printer that is off is retried and
 * prints when it is back, or fails with the printer's reason after the attempts; cancel at the printer; printer states
 * (stopped, media-empty) recorded and announced; bad input refused with clear problems; permissions. A visitor checked
 * in with the real visitors plugin gets a badge (name, company, host, badge number, day) on the location's default
 * badges printer.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { definePlugin } from '@tessera/sdk'
import type { SimulatedPrinter } from '@tessera/driver-simulator'
import { accessPrinting } from '@tessera/plugin-access/contract'
import visitors from '@tessera/plugin-visitors'
import type { PrintJob, PrintRequest, Printer } from '@tessera/plugin-access/contract'
import { boot, world, startAgent, waitFor, LinkRelay } from './helpers.ts'
import type { World } from './helpers.ts'

/** A consumer of the printing contract, as POS and Wi-Fi are: it prints through the service only. */
const printClient = definePlugin({
  id: 'printclient', version: '1.0.0', kernel: '^1.0.0', name: 'Print client',
  optionalDependsOn: { access: '^1.0.0' },
  consumes: [accessPrinting],
  permissions: { 'printclient.print': { description: 'Print', roles: ['admin', 'manager'] } },
  routes(app, ctx) {
    app.post('/print', {
      config: { permission: 'printclient.print' },
      // the request as JSON text, so the service itself (not a route schema) meets whatever the test sends
      schema: {
        body: { type: 'object', additionalProperties: false, required: ['request'], properties: { request: { type: 'string', maxLength: 100_000 } } },
        response: { 200: { type: 'object', additionalProperties: true } },
      },
    }, async (req) => ctx.services.optional(accessPrinting)!.print(JSON.parse(req.body.request) as PrintRequest))
  },
})

let t: Awaited<ReturnType<typeof boot>>
let w: World
let relay: LinkRelay
let site: Awaited<ReturnType<typeof startAgent>>
let desk: Printer
let lobby: Printer
const printer = () => site.agent.printer('desk') as SimulatedPrinter

before(async () => {
  t = await boot({ extra: [printClient, visitors] })
  w = await world(t, { printRetrySeconds: 1, printMaxAttempts: 3 })
  await t.enable(w.tenantId, 'printclient')
  await t.enable(w.tenantId, 'visitors')
  relay = new LinkRelay(t.port)
  await relay.restore()
  site = await startAgent(w, `ws://127.0.0.1:${relay.port}${w.connectPath}`, [
    { deviceId: 'front', driver: 'simulator', config: {} },
    { deviceId: 'desk', driver: 'printer-simulator', config: { printMs: 150 } },
    { deviceId: 'lobby', driver: 'printer-simulator', config: { printMs: 50 } },
  ])
  await site.agent.waitUntilConnected(10_000)
  // "Desk" sorts before "Lobby", but the lobby printer is the location's default for badges
  desk = await w.ok(w.call('POST', '/access/printers', { name: 'Desk', agentId: w.agentId, deviceId: 'desk', driver: 'printer-simulator', locationId: w.locationId, purposes: ['badges', 'receipts', 'vouchers'] }))
  lobby = await w.ok(w.call('POST', '/access/printers', { name: 'Lobby', agentId: w.agentId, deviceId: 'lobby', driver: 'printer-simulator', locationId: w.locationId, purposes: ['badges'], defaultFor: ['badges'] }))
})
after(async () => {
  await site?.close()
  await relay?.cut()
  await t?.close()
})

const job = async (id: string): Promise<PrintJob> => (await w.call('GET', `/access/print-jobs/${id}`)).json()
const until = (id: string, state: PrintJob['state'], ms = 15_000) =>
  waitFor(async () => { const j = await job(id); return j.state === state ? j : undefined }, ms, `job ${id} ${state}`)
const clientPrint = (request: Record<string, unknown>) => w.call('POST', '/printclient/print', { request: JSON.stringify(request) })
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1')

test('a test page goes queued → sent → printing → completed on the simulator, announced, audited and printed once', async () => {
  const key = `test-page-${Date.now()}`
  const res = await w.call('POST', `/access/printers/${desk.id}/test-page`, {}, w.staff, { 'idempotency-key': key })
  assert.equal(res.statusCode, 201, res.body)
  const queued = res.json() as PrintJob
  assert.equal(queued.state, 'queued')
  assert.equal(queued.printerId, desk.id)
  assert.equal(queued.contentType, 'application/pdf')
  const done = await until(queued.id, 'completed')
  assert.ok(done.finishedAt)
  assert.equal(done.pagesPrinted, 1)
  const again = await w.call('POST', `/access/printers/${desk.id}/test-page`, {}, w.staff, { 'idempotency-key': key })
  assert.equal(again.json().id, queued.id, 'the same key answers with the same job')
  const printed = printer().printed.filter((p) => p.requestId === queued.id)
  assert.equal(printed.length, 1, 'printed once')
  assert.match(text(printed[0]!.document), /Tessera test page/)
  assert.match(text(printed[0]!.document), /Location Main/)
  const states = await waitFor(() => {
    const s = t.events.all('access.print-job.updated').filter((e) => (e.payload as { jobId: string }).jobId === queued.id).map((e) => (e.payload as { state: string }).state)
    return s.includes('completed') ? s : undefined
  }, 5000, 'job events')
  assert.deepEqual(states.filter((s, i) => s !== states[i - 1]), ['queued', 'sent', 'printing', 'completed'])
  const audit = await t.adminQuery(`SELECT action FROM tessera.audit_log WHERE tenant_id = $1 AND (action LIKE 'print%' OR action LIKE 'printer.%') ORDER BY id`, [w.tenantId])
  const actions = audit.rows.map((r) => r.action)
  assert.ok(actions.includes('printer.create') && actions.includes('print-job.submit') && actions.includes('print-job.completed'), actions.join(','))
  const stored = await t.adminQuery(`SELECT document FROM access.print_jobs WHERE id = $1`, [queued.id])
  assert.equal(stored.rows[0].document, null, 'the document is dropped when the job ends')
  const shown = (await w.call('GET', `/access/printers/${desk.id}`)).json() as Printer
  assert.equal(shown.agentConnected, true)
  assert.ok(shown.state === 'idle' || shown.state === 'processing', String(shown.state))
})

test('the printing service picks the location\'s default for a purpose, prints a request id once and refuses what it cannot print', async () => {
  const badge = { requestId: `printclient:badge:${Date.now()}`, purpose: 'badges', locationId: w.locationId, document: { kind: 'lines', lines: ['Ada Lovelace', 'Analytical Engines Ltd', 'Host: Grace'] } }
  const first = await clientPrint(badge)
  assert.equal(first.statusCode, 200, first.body)
  assert.equal(first.json().printerId, lobby.id, 'the default for badges, not the first by name')
  assert.equal(first.json().source, 'printclient')
  await until(first.json().id, 'completed')
  const second = await clientPrint(badge)
  assert.equal(second.json().id, first.json().id, 'the same request id is the same job')
  const lobbyPrinter = site.agent.printer('lobby') as SimulatedPrinter
  await waitFor(() => (lobbyPrinter.printed.length ? true : undefined), 5000, 'badge printed')
  assert.equal(lobbyPrinter.printed.filter((p) => p.requestId === first.json().id).length, 1)
  assert.match(text(lobbyPrinter.printed[0]!.document), /Analytical Engines Ltd/)

  const receipt = await clientPrint({ requestId: `printclient:receipt:${Date.now()}`, purpose: 'receipts', locationId: w.locationId, document: { kind: 'text', text: 'Coffee 2.50\nTotal 2.50\n' } })
  assert.equal(receipt.json().printerId, desk.id)
  assert.equal(receipt.json().contentType, 'text/plain')
  await until(receipt.json().id, 'completed')
  assert.equal(Buffer.from(printer().printed.find((p) => p.requestId === receipt.json().id)!.document).toString('utf8'), 'Coffee 2.50\nTotal 2.50\n')

  const none = await clientPrint({ requestId: 'printclient:x:1', purpose: 'labels', locationId: w.locationId, document: { kind: 'text', text: 'x' } })
  assert.equal(none.statusCode, 422)
  assert.match(none.json().detail ?? none.json().title, /No printer for labels/)
  const notAnId = await clientPrint({ requestId: 'printclient:x:3', printerId: 'desk', document: { kind: 'text', text: 'x' } })
  assert.equal(notAnId.statusCode, 422, 'a malformed printer id is no printer, not a 500')
  const unprefixed = await clientPrint({ requestId: 'no-prefix', purpose: 'badges', document: { kind: 'text', text: 'x' } })
  assert.equal(unprefixed.statusCode, 422)
  assert.equal(unprefixed.json().errors?.[0]?.pointer, '/requestId')
  const notPdf = await clientPrint({ requestId: 'printclient:x:2', purpose: 'badges', document: { kind: 'pdf', base64: Buffer.from('hello world!').toString('base64') } })
  assert.equal(notPdf.statusCode, 422)
  assert.equal(notPdf.json().errors?.[0]?.pointer, '/document/base64')
  const tooLong = await w.call('POST', '/access/print-jobs', { requestId: 'staff-1', printerId: desk.id, document: { kind: 'text', text: 'x'.repeat(20_001) } })
  assert.equal(tooLong.statusCode, 400, 'the route schema bounds the document')
  assert.match(tooLong.headers['content-type'] as string, /application\/problem\+json/)
})

test('a visitor checked in gets a badge with name, company, host, badge number and day on the location\'s badges printer', async () => {
  const host = await t.signIn({ tenantId: w.tenantId, role: 'member' })
  const registered = await w.call('POST', '/visitors/visitors', { name: 'Katherine Johnson', company: 'NACA', expectedAt: new Date().toISOString(), hostUserId: host.userId, locationId: w.locationId })
  assert.equal(registered.statusCode, 201, registered.body)
  const visitor = registered.json() as { id: string; hostName: string }
  const arrived = await w.call('POST', `/visitors/visitors/${visitor.id}/check-in`, { locationId: w.locationId })
  assert.equal(arrived.statusCode, 200, arrived.body)
  const badge = await waitFor(async () => ((await w.call('GET', '/access/print-jobs')).json().items as PrintJob[]).find((j) => j.requestId === `access:visitor-badge:${visitor.id}`), 15_000, 'badge job')
  assert.equal(badge.printerId, lobby.id, 'the location\'s default badges printer')
  await until(badge.id, 'completed')
  const pdf = text((site.agent.printer('lobby') as SimulatedPrinter).printed.find((p) => p.requestId === badge.id)!.document)
  const day = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', dateStyle: 'medium' }).format(new Date())
  for (const line of ['Katherine Johnson', 'NACA', `Host: ${visitor.hostName}`, `Badge ${(arrived.json() as { badgeNumber: number }).badgeNumber}`, day]) {
    assert.ok(pdf.includes(`(${line})`), `${line} on the badge`)
  }
})

test('jobs wait while the agent is away and print when it reconnects', async () => {
  await relay.cut()
  await waitFor(() => (site.agent.connected ? undefined : true), 10_000, 'agent notices the cut')
  const queued = await clientPrint({ requestId: `printclient:voucher:${Date.now()}`, purpose: 'vouchers', document: { kind: 'lines', lines: ['Guest Wi-Fi', 'Code 1234-5678'], layout: 'ticket' } })
  assert.equal(queued.statusCode, 200, queued.body)
  assert.equal((await job(queued.json().id)).state, 'queued', 'nothing to send it to')
  await relay.restore()
  await site.agent.waitUntilConnected(15_000)
  await until(queued.json().id, 'completed')
  assert.equal(printer().printed.filter((p) => p.requestId === queued.json().id).length, 1)
})

test('a printer that is off is retried and prints when it is back; one that stays off fails with its reason', async () => {
  printer().kill()
  await waitFor(async () => ((await w.call('GET', `/access/printers/${desk.id}`)).json().state === 'offline' ? true : undefined), 10_000, 'printer offline recorded')
  const waiting = await clientPrint({ requestId: `printclient:retry:${Date.now()}`, printerId: desk.id, document: { kind: 'text', text: 'retry me' } })
  const refused = await waitFor(async () => { const j = await job(waiting.json().id); return j.attempts >= 1 ? j : undefined }, 10_000, 'first refusal')
  assert.equal(refused.state, 'queued')
  assert.equal(refused.reason, 'offline')
  printer().revive()
  await until(waiting.json().id, 'completed')

  printer().kill()
  const doomed = await clientPrint({ requestId: `printclient:doomed:${Date.now()}`, printerId: desk.id, document: { kind: 'text', text: 'never' } })
  const failed = await until(doomed.json().id, 'failed', 20_000)
  assert.equal(failed.reason, 'offline')
  assert.equal(failed.attempts, 3)
  assert.match(failed.message ?? '', /switched off/)
  printer().revive()
})

test('cancel: a job waiting at a paused printer is cancelled there; stopped and media-empty are recorded and announced', async () => {
  printer().pause()
  await waitFor(async () => ((await w.call('GET', `/access/printers/${desk.id}`)).json().state === 'stopped' ? true : undefined), 10_000, 'printer stopped')
  const held = await clientPrint({ requestId: `printclient:held:${Date.now()}`, printerId: desk.id, document: { kind: 'text', text: 'held' } })
  await until(held.json().id, 'sent')
  const cancel = await w.call('POST', `/access/print-jobs/${held.json().id}/cancel`, {})
  assert.equal(cancel.statusCode, 200, cancel.body)
  const cancelled = await until(held.json().id, 'cancelled')
  assert.equal(cancelled.cancelRequested, false)
  printer().resume()
  printer().emptyMedia()
  await waitFor(async () => ((await w.call('GET', `/access/printers/${desk.id}`)).json().state === 'media-empty' ? true : undefined), 10_000, 'media-empty')
  const announced = t.events.all('access.printer.status-changed').map((e) => e.payload as { printerId: string; state: string }).filter((p) => p.printerId === desk.id).map((p) => p.state)
  assert.ok(announced.includes('stopped') && announced.includes('media-empty'), announced.join(','))
  printer().refillMedia()
  assert.equal(printer().printed.some((p) => p.requestId === held.json().id), false, 'the cancelled job never printed')
})

test('printers: bad registrations are refused, members see none, support prints but does not register, removal fails open jobs', async () => {
  const base = { name: 'X', agentId: w.agentId, driver: 'printer-simulator', locationId: w.locationId }
  assert.equal((await w.call('POST', '/access/doors', { name: 'Front', locationId: w.locationId, agentId: w.agentId, deviceId: 'front' })).statusCode, 201)
  assert.equal((await w.call('POST', '/access/printers', { ...base, deviceId: 'front' })).statusCode, 409, 'a door is not a printer')
  const wrongDriver = await w.call('POST', '/access/printers', { ...base, deviceId: 'lobby-2', driver: 'ipp' })
  assert.equal(wrongDriver.statusCode, 201, 'a device the agent does not announce (yet) is accepted')
  assert.equal((await w.call('POST', '/access/printers', { ...base, deviceId: 'desk', driver: 'ipp' })).statusCode, 409, 'one printer per device')
  const defaults = await w.call('POST', '/access/printers', { ...base, deviceId: 'y', purposes: ['badges'], defaultFor: ['receipts'] })
  assert.equal(defaults.statusCode, 422)
  assert.equal(defaults.json().errors[0].pointer, '/body/defaultFor')
  assert.equal((await w.call('POST', '/access/printers', { ...base, deviceId: 'z', locationId: crypto.randomUUID() })).statusCode, 422)
  assert.equal((await w.call('POST', '/access/printers', { ...base, deviceId: 'x'.repeat(101) })).statusCode, 400)

  const member = await w.member()
  assert.equal((await w.call('GET', '/access/printers', undefined, member.cookie)).statusCode, 403)
  const support = (await t.signIn({ tenantId: w.tenantId, role: 'support' })).cookie
  assert.equal((await w.call('POST', '/access/printers', { ...base, deviceId: 'w' }, support)).statusCode, 403)
  assert.equal((await w.call('POST', `/access/printers/${lobby.id}/test-page`, {}, support, { 'idempotency-key': `support-${Date.now()}` })).statusCode, 201)

  const orphan = wrongDriver.json() as Printer
  const stuck = await w.call('POST', '/access/print-jobs', { requestId: `staff-${Date.now()}`, printerId: orphan.id, document: { kind: 'text', text: 'nowhere' } })
  assert.equal(stuck.statusCode, 201, stuck.body)
  const failed = await until(stuck.json().id, 'failed')
  assert.equal(failed.reason, 'unknown-device', 'the agent has no such device: failed at once with its reason')
  const another = await w.ok(w.call('POST', '/access/printers', { ...base, name: 'Gone', deviceId: 'gone' }))
  await relay.cut()
  const open = await w.ok(w.call('POST', '/access/print-jobs', { requestId: `staff-gone-${Date.now()}`, printerId: another.id, document: { kind: 'text', text: 'x' } }))
  assert.equal((await w.call('DELETE', `/access/printers/${another.id}`)).statusCode, 204)
  const gone = await job(open.id)
  assert.equal(gone.state, 'failed')
  assert.equal(gone.reason, 'printer-removed')
  assert.equal(gone.printerId, null)
  await relay.restore()
  await site.agent.waitUntilConnected(15_000)
})
