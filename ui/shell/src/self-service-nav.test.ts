/**
 * Staff menus without the member self-service pages (issue 14 item 9): a member sees "My bookings"; a manager whose login
 * is not a member's here does not; one who is also a member (the members plugin's `self` route says `linked`) does.
 * `seesSelfService` asks the plugins' `self` routes (over a stand-in `fetch`), `navItems` leaves the pages out.
 */
import { test, afterEach } from 'node:test'
import assert from 'node:assert/strict'
import { navItems, seesSelfService } from './manifest.ts'
import type { UiManifest } from './manifest.ts'

const manifest: UiManifest = {
  tenantId: 't1',
  permissions: [],
  plugins: [
    { id: 'members', version: '1.0.0', module: '/m.js', self: '/api/v1/members/me/linked', nav: [{ label: 'Members', path: '/members' }], routes: [] },
    { id: 'bookings', version: '1.0.0', module: '/b.js', nav: [{ label: 'Calendar', path: '/bookings' }, { label: 'My bookings', path: '/my-bookings', selfService: true }], routes: [] },
  ],
}

const realFetch = globalThis.fetch
afterEach(() => { globalThis.fetch = realFetch })
const answering = (linked: boolean, asked: string[]) => {
  globalThis.fetch = (async (url: string) => {
    asked.push(url)
    return new Response(JSON.stringify({ linked }), { status: 200, headers: { 'content-type': 'application/json' } })
  }) as typeof fetch
}

test('members always see the self-service pages; staff only when they are also members', async () => {
  const asked: string[] = []
  answering(false, asked)
  assert.equal(await seesSelfService(manifest, 'member'), true)
  assert.deepEqual(asked, [], 'a member is not asked')
  assert.equal(await seesSelfService(manifest, 'manager'), false)
  assert.deepEqual(asked, ['/api/v1/members/me/linked'])
  answering(true, asked)
  assert.equal(await seesSelfService(manifest, 'manager'), true)
  globalThis.fetch = (async () => { throw new TypeError('offline') }) as typeof fetch
  assert.equal(await seesSelfService(manifest, 'admin'), false, 'nobody can tell: the pages stay out of staff menus')
})

test('the nav leaves the self-service pages out when asked to', () => {
  assert.deepEqual(navItems(manifest, false).map((n) => n.label), ['Calendar', 'Members'])
  assert.deepEqual(navItems(manifest).map((n) => n.label), ['Calendar', 'Members', 'My bookings'])
})
