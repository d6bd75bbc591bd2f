/**
 * Commands the agent must refuse, sent over the kernel's live socket to a real site agent: a replayed one (same
 * id twice), an expired one, a tampered one (payload changed after signing) and one signed for another agent. Each
 * is refused — the door does not move — logged at the site, answered with `command-rejected`, and logged by the
 * kernel in `access.commands`.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { issueCommand } from '@tessera/driver-sdk'
import type { PluginContext } from '@tessera/sdk'
import { agentHubOf } from '../src/link/agent-hub.ts'
import { boot, world, startAgent, agentUrl, waitFor, sleep } from './helpers.ts'
import type { World } from './helpers.ts'

let t: Awaited<ReturnType<typeof boot>>
let w: World
let site: Awaited<ReturnType<typeof startAgent>>

before(async () => {
  t = await boot()
  w = await world(t)
  await w.door('front')
  site = await startAgent(w, agentUrl(t.port, w), [{ deviceId: 'front', driver: 'simulator', config: {}, unlockDurationMs: 200 }])
  await site.agent.waitUntilConnected(10_000)
})
after(async () => {
  await site?.close()
  await t?.close()
})

test('replayed, expired, tampered and misaddressed commands are refused by the agent and logged on both sides', async () => {
  const ctx: PluginContext = t.pluginContext('access')
  const socket = await waitFor(() => agentHubOf(ctx).get(w.agentId)?.socket, 5000, 'kernel-side socket')
  const send = (command: unknown) => socket.send(JSON.stringify({ type: 'command', command }))
  const unlock = (requestId: string) => ({ deviceId: 'front', durationMs: 500, requestId, actor: { kind: 'staff', id: 'test' } })

  const status = issueCommand(w.agentSecret, { agentId: w.agentId, type: 'status', payload: {} })
  send(status)
  send(status)
  const expired = issueCommand(w.agentSecret, { agentId: w.agentId, type: 'unlock', payload: unlock('expired-1'), now: Date.now() - 120_000 })
  send(expired)
  const signed = issueCommand(w.agentSecret, { agentId: w.agentId, type: 'unlock', payload: unlock('tampered-1') })
  const tampered = { ...signed, payload: { ...signed.payload, durationMs: 60_000 } }
  send(tampered)
  const other = issueCommand(w.agentSecret, { agentId: '00000000-0000-4000-8000-000000000000', type: 'unlock', payload: unlock('other-1') })
  send(other)

  const rows = await waitFor(async () => {
    const r = await t.adminQuery(`SELECT request_id, reason FROM access.events WHERE tenant_id = $1 AND category = 'command' AND kind = 'rejected'`, [w.tenantId])
    return r.rowCount === 4 ? r.rows : undefined
  }, 5000, 'refusals logged by the kernel')
  const reasons = Object.fromEntries(rows.map((r) => [r.request_id, r.reason]))
  assert.deepEqual(reasons, { [status.id]: 'replayed', [expired.id]: 'expired', [tampered.id]: 'bad-signature', [other.id]: 'wrong-agent' })
  // the executed first copy answers after its refused second copy: wait for its result too
  const byId = await waitFor(async () => {
    const commands = await t.adminQuery(`SELECT id, status, reason FROM access.commands WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [w.tenantId, [status.id, expired.id, tampered.id, other.id]])
    const map = Object.fromEntries(commands.rows.map((r) => [r.id, r.status]))
    return map[status.id] ? map : undefined
  }, 5000, 'the status command result')
  assert.equal(byId[status.id], 'ok', 'the first copy of the status command was executed')
  assert.equal(byId[expired.id], 'rejected')
  assert.equal(byId[tampered.id], 'rejected')
  const log = (await w.call('GET', '/access/events')).json().items as { category: string; kind: string }[]
  assert.equal(log.filter((e) => e.category === 'command' && e.kind === 'rejected').length, 4, 'visible in the event log API')

  const siteRefusals = site.logs.filter((l) => l.level === 'warn' && l.message === 'command rejected').map((l) => l.fields.reason).sort()
  assert.deepEqual(siteRefusals, ['bad-signature', 'expired', 'replayed', 'wrong-agent'])

  await sleep(300)
  const unlocked = await t.adminQuery(`SELECT count(*)::int AS n FROM access.events WHERE tenant_id = $1 AND kind = 'unlocked'`, [w.tenantId])
  assert.equal(unlocked.rows[0].n, 0, 'the door never moved')
  assert.equal((await site.agent.status()).devices[0].status?.state, 'locked')
})

test('an agent that cannot prove its secret is refused with 4401', async () => {
  const { rawAgent } = await import('./helpers.ts')
  const wrong = await rawAgent(agentUrl(t.port, w), w.agentId, 'not-the-secret-0123456789abcdef')
  assert.equal(await wrong.closeCode(), 4401)
  assert.equal(wrong.messages.some((m) => m.type === 'welcome'), false)
  const unknown = await rawAgent(agentUrl(t.port, w), '00000000-0000-4000-8000-000000000000', w.agentSecret)
  assert.equal(await unknown.closeCode(), 4401)
  assert.equal(site.agent.connected, true, 'the real agent stays connected')
})
