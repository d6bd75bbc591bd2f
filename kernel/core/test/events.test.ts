/**
 * The transactional outbox: an event published in a request that fails reaches no subscriber; a committed one
 * reaches each subscriber once even when the subscriber throws the first time. Realtime: a websocket client of
 * tenant A receives A's UI events and never B's.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import WebSocket from 'ws'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'
import notes from './fixtures/notes-plugin.ts'
import journal, { attempts } from './fixtures/journal-plugin.ts'

let t: TestKernel
let a: { id: string }, b: { id: string }
let sa: string, sb: string

before(async () => {
  t = await createTestKernel({ plugins: [notes, journal] })
  a = await t.createTenant()
  b = await t.createTenant()
  for (const tenant of [a, b]) {
    await t.enable(tenant.id, 'notes', { title: 'x' })
    await t.enable(tenant.id, 'journal')
  }
  sa = (await t.signIn({ tenantId: a.id, role: 'admin' })).cookie
  sb = (await t.signIn({ tenantId: b.id, role: 'admin' })).cookie
})
after(() => t.close())

async function waitFor<T>(fn: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    const v = await fn()
    if (v !== undefined) return v
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('timed out')
}

test('a rolled-back request emits nothing; a committed one reaches the subscriber once despite a first failure', async () => {
  const failed = await t.request({ method: 'POST', url: '/api/v1/notes/notes', session: sa, payload: { body: 'rolled back', fail: true } })
  assert.equal(failed.statusCode, 422)
  const ok = await t.request({ method: 'POST', url: '/api/v1/notes/notes', session: sa, payload: { body: 'committed' } })
  assert.equal(ok.statusCode, 201)
  const rows = await waitFor(async () => {
    const r = await t.adminQuery('SELECT event_id, body, tenant_id FROM journal.entries WHERE tenant_id = $1', [a.id])
    return r.rowCount ? r.rows : undefined
  })
  await new Promise((r) => setTimeout(r, 1500)) // room for any wrong extra delivery
  const all = await t.adminQuery('SELECT body FROM journal.entries WHERE tenant_id = $1', [a.id])
  assert.deepEqual(all.rows.map((r) => r.body), ['committed'])
  assert.equal(attempts.get(rows[0].event_id), 2, 'first attempt failed and was retried once')
  const notesRows = await t.adminQuery(`SELECT body FROM notes.notes WHERE tenant_id = $1`, [a.id])
  assert.deepEqual(notesRows.rows.map((r) => r.body), ['committed'])
})

function connect(cookie: string): Promise<{ ws: WebSocket; messages: { name?: string; data?: { body?: string } }[] }> {
  return new Promise((resolve, reject) => {
    const address = t.app.server.address() as { port: number }
    const ws = new WebSocket(`ws://127.0.0.1:${address.port}/api/v1/realtime`, { headers: { cookie } })
    const messages: { name?: string }[] = []
    ws.on('message', (m) => {
      const msg = JSON.parse(String(m))
      if (msg.type === 'hello') resolve({ ws, messages })
      else messages.push(msg)
    })
    ws.on('error', reject)
  })
}

test('websocket clients receive their own tenant events only', async () => {
  await t.kernel.listen()
  const ca = await connect(sa)
  const cb = await connect(sb)
  try {
    await t.request({ method: 'POST', url: '/api/v1/notes/notes', session: sa, payload: { body: 'for A' } })
    await t.request({ method: 'POST', url: '/api/v1/notes/notes', session: sb, payload: { body: 'for B' } })
    await waitFor(async () => (ca.messages.length && cb.messages.length ? true : undefined), 5000)
    await new Promise((r) => setTimeout(r, 300))
    assert.deepEqual(ca.messages.map((m) => m.data?.body), ['for A'])
    assert.deepEqual(cb.messages.map((m) => m.data?.body), ['for B'])
    assert.equal(ca.messages[0].name, 'notes.created')
  } finally {
    ca.ws.close()
    cb.ws.close()
  }
})

test('a socket without a session is closed', async () => {
  const address = t.app.server.address() as { port: number }
  const code = await new Promise<number>((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${address.port}/api/v1/realtime`)
    ws.on('close', (c) => resolve(c))
    ws.on('error', () => {})
  })
  assert.equal(code, 4401)
})

test('a UI event published on one instance reaches sockets on another instance', async () => {
  const second = await createTestKernel({ plugins: [notes, journal], workers: false, databaseUrl: t.databaseUrl })
  try {
    await second.kernel.listen()
    const port = (second.app.server.address() as { port: number }).port
    const { ws, messages } = await new Promise<{ ws: WebSocket; messages: { data?: { body?: string } }[] }>((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/api/v1/realtime`, { headers: { cookie: sa } })
      const got: { data?: { body?: string } }[] = []
      socket.on('message', (m) => {
        const msg = JSON.parse(String(m))
        if (msg.type === 'hello') resolve({ ws: socket, messages: got })
        else got.push(msg)
      })
      socket.on('error', reject)
    })
    try {
      await t.request({ method: 'POST', url: '/api/v1/notes/notes', session: sa, payload: { body: 'across instances' } })
      await waitFor(async () => (messages.some((m) => m.data?.body === 'across instances') ? true : undefined), 3000)
    } finally {
      ws.close()
    }
  } finally {
    await second.kernel.close()
  }
})
