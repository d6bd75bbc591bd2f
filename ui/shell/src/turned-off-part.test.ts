/**
 * `turnedOffPart()`: the page the user is on went away with the new manifest (its plugin turned off) — named by the nav
 * item that led there; not when the page is still there, never was a plugin's, or is an operator's.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { turnedOffPart } from './turned-off-part.ts'
import type { ManifestPlugin, UiManifest } from './manifest.ts'

const billing: ManifestPlugin = {
  id: 'billing', version: '1.0.0', module: '/ui/plugins/billing/1.0.0/index.js',
  nav: [{ label: 'Invoices', path: '/billing/invoices' }, { label: 'Plans', path: '/billing/plans' }],
  routes: [{ path: '/billing/invoices', tag: 'billing-invoices' }, { path: '/billing/invoices/:id', tag: 'billing-invoice-detail' }, { path: '/billing/plans', tag: 'billing-plans' }],
  reports: [{ id: 'revenue', title: 'Revenue', source: '/reports/revenue', x: 'month', values: [{ field: 'net', label: 'Net' }] }],
}
const spaces: ManifestPlugin = { id: 'spaces', version: '1.0.0', module: '/m.js', nav: [], routes: [{ path: '/spaces/*', tag: 'spaces-app' }] }
const manifest = (...plugins: ManifestPlugin[]): UiManifest => ({ tenantId: 't1', permissions: [], plugins })

test('a plugin page whose plugin was turned off: named by the nav item that led there', () => {
  assert.deepEqual(turnedOffPart('/billing/invoices/42', manifest(billing, spaces), manifest(spaces)), { path: '/billing/invoices/42', label: 'Invoices' })
  assert.deepEqual(turnedOffPart('/billing/plans', manifest(billing), manifest()), { path: '/billing/plans', label: 'Plans' })
  // no nav item: the plugin's id
  assert.deepEqual(turnedOffPart('/spaces/rooms', manifest(spaces), manifest()), { path: '/spaces/rooms', label: 'spaces' })
  // the Reports screen, when the last plugin with reports went
  assert.deepEqual(turnedOffPart('/reports', manifest(billing), manifest(spaces)), { path: '/reports', label: 'Reports' })
})

test('nothing turned off under the user: the page is still there, was never a plugin\'s, or is the shell\'s', () => {
  assert.equal(turnedOffPart('/billing/invoices', manifest(billing), manifest(billing)), null, 'still there')
  assert.equal(turnedOffPart('/billing/invoices', manifest(billing, spaces), manifest(billing)), null, 'another plugin went')
  assert.equal(turnedOffPart('/nowhere', manifest(billing), manifest()), null, 'never was a page')
  assert.equal(turnedOffPart('/', manifest(billing), manifest()), null, 'home stays home')
  assert.equal(turnedOffPart('/billing/invoices', manifest(), manifest(billing)), null, 'turned on')
})
