/**
 * Cross-site websocket hijacking is refused: a handshake whose `Origin` is not an allowed origin gets a 403
 * problem+json instead of an upgrade, on the kernel's realtime socket and on plugin sockets alike (one root hook).
 * Allowed: the configured `http.publicOrigins`, or — when none are configured — the server's own origin. A handshake
 * without `Origin` is a non-browser client (the site agent, scripts) and proceeds to its own authentication.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import WebSocket from 'ws'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'
import notes from './fixtures/notes-plugin.ts'
import sockets from './fixtures/socket-plugin.ts'

let t: TestKernel
let strict: TestKernel
let cookie: string
let base: string
let strictBase: string
const APP = 'https://app.example.test'

before(async () => {
  t = await createTestKernel({ plugins: [notes, sockets], workers: false })
  const tenant = await t.createTenant()
  await t.enable(tenant.id, 'notes', { title: 'x' })
  await t.enable(tenant.id, 'sockets')
  cookie = (await t.signIn({ tenantId: tenant.id, role: 'admin' })).cookie
  base = (await t.kernel.listen()).replace('http', 'ws')
  strict = await createTestKernel({ plugins: [notes], workers: false, databaseUrl: t.databaseUrl, config: { http: { publicOrigins: [APP] } } })
  strictBase = (await strict.kernel.listen()).replace('http', 'ws')
})
after(async () => {
  await strict.close()
  await t.close()
})

type Outcome = { status: 101; first: { type?: string } } | { status: number; type?: string; body: string }

/** Opens a websocket and reports either its first message or the HTTP answer that refused the upgrade. */
function handshake(url: string, headers: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers })
    ws.once('message', (m) => {
      resolve({ status: 101, first: JSON.parse(String(m)) })
      ws.close()
    })
    ws.once('unexpected-response', (req, res) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c))
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body })
        req.destroy()
      })
    })
    ws.once('error', (err) => { if (!/Unexpected server response/.test(err.message)) reject(err) })
  })
}

test('a realtime handshake from a foreign Origin is refused with 403 problem+json; the own origin connects', async () => {
  const own = base.replace('ws', 'http')
  const ok = await handshake(`${base}/api/v1/realtime`, { cookie, origin: own })
  assert.equal(ok.status, 101)
  assert.equal((ok as { first: { type?: string } }).first.type, 'hello')
  for (const origin of ['https://evil.example', 'http://evil.127.0.0.1.nip.io', 'null', own.replace(/:\d+$/, ':1')]) {
    const refused = await handshake(`${base}/api/v1/realtime`, { cookie, origin })
    assert.equal(refused.status, 403, origin)
    assert.match((refused as { type: string }).type, /application\/problem\+json/)
    assert.match((refused as { body: string }).body, /not an allowed origin/)
  }
})

test('a plugin websocket route is covered too: foreign Origin 403, no Origin (a site agent) reaches its handshake', async () => {
  const url = `${base}/api/v1/sockets/connect`
  assert.equal((await handshake(url, { origin: 'https://evil.example' })).status, 403)
  assert.equal((await handshake(url, { 'sec-fetch-site': 'cross-site' })).status, 403)
  const agent = await handshake(url, {})
  assert.equal(agent.status, 101)
  assert.equal((agent as { first: { type?: string } }).first.type, 'challenge')
})

test('with http.publicOrigins configured only the listed origins may open a socket', async () => {
  const url = `${strictBase}/api/v1/realtime`
  const listed = await handshake(url, { cookie, origin: APP })
  assert.equal(listed.status, 101)
  // the server's own host is no longer enough once an allow-list is configured
  assert.equal((await handshake(url, { cookie, origin: strictBase.replace('ws', 'http') })).status, 403)
  assert.equal((await handshake(url, { cookie, origin: 'https://sibling.example.test' })).status, 403)
})
