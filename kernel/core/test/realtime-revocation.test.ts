/**
 * Realtime sockets follow their credential (issue 9, item 4): a socket closes within a second of its session being
 * logged out (also when the socket is on another kernel instance) or its API token being revoked, and a role change
 * re-checks the socket's permissions at once — demoted, it stops receiving what the old role could see; removed from
 * the tenant, it is closed.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import WebSocket from 'ws'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'
import notes from './fixtures/notes-plugin.ts'

let t: TestKernel
let second: TestKernel
let tenant: { id: string }

before(async () => {
  t = await createTestKernel({ plugins: [notes], workers: false })
  second = await createTestKernel({ plugins: [notes], workers: false, databaseUrl: t.databaseUrl })
  await t.kernel.listen()
  await second.kernel.listen()
  tenant = await t.createTenant()
  await t.enable(tenant.id, 'notes', { title: 'x' })
})
after(async () => {
  await second.close()
  await t.close()
})

interface Opened {
  ws: WebSocket
  names: string[]
  closed: Promise<{ code: number; at: number }>
}

function open(kernel: TestKernel, headers: Record<string, string>): Promise<Opened> {
  const port = (kernel.app.server.address() as { port: number }).port
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/realtime`, { headers })
    const names: string[] = []
    const closed = new Promise<{ code: number; at: number }>((ok) => ws.on('close', (code) => ok({ code, at: Date.now() })))
    ws.on('message', (m) => {
      const msg = JSON.parse(String(m))
      if (msg.type === 'hello') resolve({ ws, names, closed })
      else names.push(msg.name)
    })
    ws.on('error', reject)
  })
}

async function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([p, new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(`not within ${ms} ms`)), ms)))])
  } finally {
    clearTimeout(timer)
  }
}

const notice = (name: string, permission?: string) =>
  JSON.stringify({ tenantId: tenant.id, name, data: {}, permission, at: new Date().toISOString() })

test('a socket closes within a second of its session logging out, on another instance too', async () => {
  const { cookie } = await t.signIn({ tenantId: tenant.id, role: 'admin' })
  const here = await open(t, { cookie })
  const there = await open(second, { cookie })
  const out = await t.request({ method: 'POST', url: '/api/v1/auth/logout', session: cookie })
  assert.equal(out.statusCode, 204)
  const loggedOutAt = Date.now()
  for (const socket of [here, there]) {
    const { code, at } = await within(2000, socket.closed)
    assert.equal(code, 4401)
    assert.ok(at - loggedOutAt <= 1000, `closed ${at - loggedOutAt} ms after the logout`)
  }
})

test('a socket opened with an API token closes within a second of the token being revoked', async () => {
  const owner = (await t.signIn({ tenantId: tenant.id, role: 'owner' })).cookie
  const { id, token } = (await t.request({ method: 'POST', url: '/api/v1/auth/tokens', session: owner, payload: { name: 'feed', role: 'member' } })).json()
  const socket = await open(second, { authorization: `Bearer ${token}` })
  assert.equal((await t.request({ method: 'DELETE', url: `/api/v1/auth/tokens/${id}`, session: owner })).statusCode, 204)
  const revokedAt = Date.now()
  const { code, at } = await within(2000, socket.closed)
  assert.equal(code, 4401)
  assert.ok(at - revokedAt <= 1000, `closed ${at - revokedAt} ms after the revocation`)
})

test('a role change refreshes the socket\'s permissions, and removal from the tenant closes it', async () => {
  const staff = await t.signIn({ tenantId: tenant.id, role: 'manager' })
  const socket = await open(t, { cookie: staff.cookie })
  const hub = t.kernel.services.hub
  hub.dispatch(notice('before', 'notes.write'))
  await within(2000, (async () => { while (!socket.names.includes('before')) await new Promise((r) => setTimeout(r, 20)) })())

  await t.kernel.services.users.grant(staff.userId, tenant.id, 'member')
  const demotedAt = Date.now()
  // probe pairs: a staff-only event, then a marker everyone sees; a marker without its staff event means refreshed
  let refreshed = -1
  for (let i = 0; refreshed < 0; i++) {
    assert.ok(Date.now() - demotedAt <= 1000, 'permissions refreshed within a second')
    hub.dispatch(notice(`secret-${i}`, 'notes.write'))
    hub.dispatch(notice(`marker-${i}`, 'notes.read'))
    await new Promise((r) => setTimeout(r, 25))
    for (let j = 0; j <= i; j++) if (socket.names.includes(`marker-${j}`) && !socket.names.includes(`secret-${j}`)) refreshed = j
  }
  const later = socket.names.filter((n) => n.startsWith('secret-')).map((n) => Number(n.slice(7)))
  assert.ok(later.every((j) => j < refreshed), 'nothing staff-only arrives after the refresh')
  assert.equal(socket.ws.readyState, WebSocket.OPEN, 'still a member: the socket stays open')

  await t.adminQuery(`WITH d AS (DELETE FROM tessera.tenant_users WHERE tenant_id = $1 AND user_id = $2) SELECT pg_notify('tessera_auth', '*')`, [tenant.id, staff.userId])
  const removedAt = Date.now()
  const { code, at } = await within(2000, socket.closed)
  assert.equal(code, 4401)
  assert.ok(at - removedAt <= 1000)
})
