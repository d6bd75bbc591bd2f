/**
 * Unit tests (no browser) for `resolveRoute()`: home, operator screens, plugin routes with parameters and
 * wildcards, specificity, and not-found.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { resolveRoute } from './resolve-route.ts'
import type { UiManifest } from './manifest.ts'

const manifest: UiManifest = {
  tenantId: 't1',
  permissions: [],
  plugins: [
    {
      id: 'bookings',
      version: '1.0.0',
      module: '/ui/plugins/bookings/1.0.0/index.js',
      nav: [],
      routes: [
        { path: '/bookings', tag: 'bookings-list' },
        { path: '/bookings/calendar', tag: 'bookings-calendar' },
        { path: '/bookings/:id', tag: 'bookings-detail' },
        { path: '/bookings/reports/*', tag: 'bookings-reports' },
      ],
    },
  ],
}

function tagOf(path: string): string {
  const r = resolveRoute(path, manifest)
  return r.kind === 'plugin' ? `${r.route.tag} ${JSON.stringify(r.params)}` : r.kind
}

test('resolves shell and plugin routes', () => {
  assert.equal(tagOf('/'), 'home')
  assert.equal(tagOf('/operator/tenants'), 'operator-tenants')
  assert.deepEqual(resolveRoute('/operator/tenants/abc', manifest), { kind: 'operator-tenant', tenantId: 'abc' })
  assert.equal(tagOf('/bookings'), 'bookings-list {}')
  assert.equal(tagOf('/bookings/'), 'bookings-list {}')
  assert.equal(tagOf('/bookings/calendar'), 'bookings-calendar {}', 'a literal beats a parameter')
  assert.equal(tagOf('/bookings/b-42'), 'bookings-detail {"id":"b-42"}')
  assert.equal(tagOf('/bookings/reports/2026/q1'), 'bookings-reports {"*":"2026/q1"}')
  assert.deepEqual(resolveRoute('/bookings/b-42/extra', manifest), { kind: 'not-found', firstSegment: 'bookings' })
  assert.deepEqual(resolveRoute('/access', manifest), { kind: 'not-found', firstSegment: 'access' })
})
