/**
 * Plugin-declared CSP sources (`csp` in the manifest): origins a plugin's screens load from (a payment provider's
 * browser SDK) are refused unless they are https origins (or http on the loopback), at most 8 per directive, and the
 * installed plugins' sources are served in the kernel's Content-Security-Policy on every response — the kernel itself
 * names no outside origin.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { definePlugin } from '@tessera/sdk'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'
import { manifestProblems } from '../src/plugin-host/validate-manifest.ts'
import { cspDirectives } from '../src/http/security-headers.ts'

const pay = definePlugin({
  id: 'pay', version: '1.0.0', kernel: '^1.0.0',
  csp: { scriptSrc: ['https://js.pay.example'], frameSrc: ['https://frames.pay.example'], connectSrc: ['https://api.pay.example', 'http://127.0.0.1:4010'] },
})
const other = definePlugin({ id: 'other', version: '1.0.0', kernel: '^1.0.0', csp: { scriptSrc: ['https://js.pay.example'] } })

let t: TestKernel
before(async () => { t = await createTestKernel({ plugins: [pay, other], workers: false }) })
after(async () => { await t?.close() })

test('bad CSP sources are refused by the manifest schema', () => {
  assert.deepEqual(manifestProblems(pay), [])
  for (const bad of ['*', 'https://*.evil.example', "'unsafe-inline'", 'http://evil.example', 'https://a.example/path', 'data:']) {
    assert.ok(manifestProblems({ ...pay, csp: { scriptSrc: [bad] } }).length > 0, `${bad} refused`)
  }
  assert.ok(manifestProblems({ ...pay, csp: { scriptSrc: Array.from({ length: 9 }, (_, i) => `https://s${i}.example`) } }).length > 0, 'at most 8')
  assert.ok(manifestProblems({ ...pay, csp: { imgSrc: ['https://a.example'] } }).length > 0, 'only the three directives')
})

test("the installed plugins' sources are in the CSP of every response, deduplicated; none without declarations", async () => {
  const res = await t.request({ method: 'GET', url: '/healthz' })
  const csp = String(res.headers['content-security-policy'])
  const directive = (name: string) => csp.split(';').find((d) => d.startsWith(`${name} `))
  assert.equal(directive('script-src')!.match(/https:\/\/js\.pay\.example/g)?.length, 1, csp)
  assert.match(directive('frame-src')!, /^frame-src 'self' https:\/\/frames\.pay\.example$/)
  assert.match(directive('connect-src')!, /^connect-src 'self' https:\/\/api\.pay\.example http:\/\/127\.0\.0\.1:4010$/)
  const plain = cspDirectives({ hsts: false, scriptHashes: [] })
  assert.deepEqual(plain['script-src'], ["'self'"])
  assert.equal(plain['frame-src'], undefined)
})
