/**
 * Security headers on every response: CSP (scripts from this origin plus the hash of the shell's inline import map,
 * frame-ancestors 'none'), nosniff, no-referrer, DENY framing; HSTS only with `http.hsts`. API answers are personal
 * data: `Cache-Control: no-store` on every /api/ response (authenticated or not) unless the route chose its own, while
 * the versioned plugin UI assets stay immutable. A path segment beyond the router's limit is a 414 problem+json that
 * carries the same headers.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'
import notes from './fixtures/notes-plugin.ts'

let t: TestKernel
let tls: TestKernel
let dir: string
let staff: string
const importMap = '{ "imports": { "lit": "/ui/vendor/lit.js" } }'

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-headers-'))
  mkdirSync(join(dir, 'shell'))
  writeFileSync(join(dir, 'shell', 'index.html'), `<!doctype html><title>Tessera shell</title><script type="importmap">${importMap}</script><script type="module" src="/ui/app.js"></script>`)
  mkdirSync(join(dir, 'notes', 'dist', 'ui'), { recursive: true })
  writeFileSync(join(dir, 'notes', 'dist', 'ui', 'index.js'), 'export {}\n')
  const plugins = [{ definition: notes, packageDir: join(dir, 'notes') }]
  t = await createTestKernel({ plugins, workers: false, config: { ui: { shellDir: join(dir, 'shell') } } })
  const tenant = await t.createTenant()
  await t.enable(tenant.id, 'notes', { title: 'x' })
  staff = (await t.signIn({ tenantId: tenant.id, role: 'admin' })).cookie
  tls = await createTestKernel({ plugins: [notes], workers: false, databaseUrl: t.databaseUrl, config: { http: { hsts: true } } })
})
after(async () => {
  await tls.close()
  await t.close()
  rmSync(dir, { recursive: true, force: true })
})

function assertSecurityHeaders(headers: Record<string, unknown>, what: string, api = false) {
  const csp = String(headers['content-security-policy'])
  if (api) assert.match(csp, /default-src 'none'/, what)
  else {
    assert.match(csp, /default-src 'self'/, what)
    assert.match(csp, /object-src 'none'/, what)
  }
  assert.match(csp, /frame-ancestors 'none'/, what)
  assert.equal(headers['x-content-type-options'], 'nosniff', what)
  assert.equal(headers['x-frame-options'], 'DENY', what)
  assert.equal(headers['referrer-policy'], 'no-referrer', what)
}

test('every response carries CSP, frame-ancestors, nosniff and referrer-policy; no HSTS without http.hsts', async () => {
  const answers = {
    'the shell': await t.request({ method: 'GET', url: '/bookings/calendar' }),
    'an API read': await t.request({ method: 'GET', url: '/api/v1/notes/notes', session: staff }),
    'a 401': await t.request({ method: 'GET', url: '/api/v1/notes/notes' }),
    'an API 404': await t.request({ method: 'GET', url: '/api/v1/nothing-here' }),
    'a plugin asset': await t.request({ method: 'GET', url: `/ui/plugins/notes/${notes.version}/index.js` }),
    'health': await t.request({ method: 'GET', url: '/healthz' }),
  }
  for (const [what, res] of Object.entries(answers)) {
    assertSecurityHeaders(res.headers, what, what.startsWith('an API') || what === 'a 401')
    assert.equal(res.headers['strict-transport-security'], undefined, what)
  }
  const csp = String(answers['the shell'].headers['content-security-policy'])
  const hash = `'sha256-${createHash('sha256').update(importMap).digest('base64')}'`
  assert.ok(csp.includes(`script-src 'self' ${hash}`), `the shell's inline import map is allowed by hash: ${csp}`)
  assert.doesNotMatch(csp, /script-src[^;]*'unsafe-inline'/)
  assert.doesNotMatch(csp, /upgrade-insecure-requests/)
})

test('API answers carry the short API set: nothing may load, no framing, nosniff, no-store — and no document-only headers', async () => {
  for (const [what, res] of Object.entries({
    'an API read': await t.request({ method: 'GET', url: '/api/v1/notes/notes', session: staff }),
    'a 401': await t.request({ method: 'GET', url: '/api/v1/notes/notes' }),
    'an API 404': await t.request({ method: 'GET', url: '/api/v1/nothing-here' }),
  })) {
    assert.equal(res.headers['content-security-policy'], "default-src 'none';style-src 'unsafe-inline';form-action 'self';frame-ancestors 'none';base-uri 'none'", what)
    assert.equal(res.headers['cross-origin-resource-policy'], 'same-origin', what)
    for (const documentOnly of ['cross-origin-opener-policy', 'origin-agent-cluster', 'x-dns-prefetch-control', 'x-download-options', 'x-permitted-cross-domain-policies', 'x-xss-protection']) {
      assert.equal(res.headers[documentOnly], undefined, `${what}: ${documentOnly}`)
    }
  }
  const page = await t.request({ method: 'GET', url: '/bookings/calendar' })
  assert.equal(page.headers['cross-origin-opener-policy'], 'same-origin', 'the app document keeps the whole set')
  const behindTls = await tls.request({ method: 'GET', url: '/api/v1/auth/me' })
  assert.match(String(behindTls.headers['strict-transport-security']), /^max-age=31536000/, 'HSTS on API answers behind TLS')
})

test('API responses are no-store (personal data); versioned UI assets stay immutable', async () => {
  const answers = {
    'an API read': await t.request({ method: 'GET', url: '/api/v1/notes/notes', session: staff }),
    'the caller': await t.request({ method: 'GET', url: '/api/v1/auth/me', session: staff }),
    'a 401': await t.request({ method: 'GET', url: '/api/v1/notes/notes' }),
    'a failed sign-in': await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody@example.test', password: 'password123' } }),
  }
  for (const [what, res] of Object.entries(answers)) assert.equal(res.headers['cache-control'], 'no-store', what)
  const asset = await t.request({ method: 'GET', url: `/ui/plugins/notes/${notes.version}/index.js` })
  assert.equal(asset.statusCode, 200)
  assert.match(String(asset.headers['cache-control']), /immutable/)
  assert.match(String(asset.headers['cache-control']), /max-age=31536000/)
})

test('behind TLS (http.hsts) responses carry Strict-Transport-Security and upgrade insecure requests', async () => {
  const res = await tls.request({ method: 'GET', url: '/healthz' })
  assert.match(String(res.headers['strict-transport-security']), /^max-age=31536000/)
  assert.match(String(res.headers['content-security-policy']), /upgrade-insecure-requests/)
})

test('a path segment longer than the router allows is a 414 problem+json with the security headers', async () => {
  const res = await t.request({ method: 'PUT', url: `/api/v1/notes/notes/${'9'.repeat(500)}`, session: staff, payload: { body: 'x' } })
  assert.equal(res.statusCode, 414)
  assert.match(res.headers['content-type'] as string, /application\/problem\+json/)
  assert.equal(res.json().status, 414)
  assert.equal(res.json().title, 'URI Too Long')
  assertSecurityHeaders(res.headers, '414')
  assert.equal(res.headers['cache-control'], 'no-store')
})

test('the security headers precomputed at boot are exactly the ones @fastify/helmet sends with the same options', async () => {
  const { default: Fastify } = await import('fastify')
  const { default: helmet } = await import('@fastify/helmet')
  for (const [kernel, hsts] of [[t, false], [tls, true]] as const) {
    const bare = Fastify()
    await bare.register(helmet, {
      global: true, contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'self'"] } }, frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' }, hsts: hsts ? { maxAge: 365 * 24 * 3600, includeSubDomains: false } : false, crossOriginEmbedderPolicy: false,
    })
    bare.get('/healthz', async () => 'ok')
    const expected = (await bare.inject('/healthz')).headers
    await bare.close()
    const got = (await kernel.request({ method: 'GET', url: '/healthz' })).headers
    for (const name of Object.keys(expected)) {
      if (['content-type', 'content-length', 'date', 'connection', 'content-security-policy'].includes(name)) continue
      assert.equal(got[name], expected[name], `${name} (hsts: ${hsts})`)
    }
    const ours = Object.keys(got).filter((n) => !['content-type', 'content-length', 'date', 'connection', 'x-request-id', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'].includes(n))
    assert.deepEqual(ours.sort(), Object.keys(expected).filter((n) => !['content-type', 'content-length', 'date', 'connection'].includes(n)).sort(), `hsts: ${hsts}`)
  }
})

test("the headers are preset in Fastify's own reply header object (the fast path), not set one by one", async () => {
  const { default: Fastify } = await import('fastify')
  const { replyHeaderObject } = await import('../src/http/reply-headers.ts')
  const app = Fastify()
  let found: unknown
  app.get('/probe', async (_req, reply) => {
    reply.header('x-probe', '1')
    found = replyHeaderObject(reply)
    return 'ok'
  })
  await app.inject('/probe')
  await app.close()
  assert.equal((found as Record<string, unknown> | undefined)?.['x-probe'], '1', 'Fastify still keeps its reply headers under the symbol reply-headers.ts looks for')
})

test("an /api/ route's own Cache-Control takes precedence over no-store", async () => {
  const { default: Fastify } = await import('fastify')
  const { installSecurityHeaders } = await import('../src/http/security-headers.ts')
  const app = Fastify()
  installSecurityHeaders(app, { hsts: false, scriptHashes: [] })
  app.get('/api/v1/feed', async (_req, reply) => reply.header('cache-control', 'private, max-age=300').send('feed'))
  app.get('/api/v1/plain', async () => 'plain')
  assert.equal((await app.inject('/api/v1/feed')).headers['cache-control'], 'private, max-age=300')
  assert.equal((await app.inject('/api/v1/plain')).headers['cache-control'], 'no-store')
  await app.close()
})
