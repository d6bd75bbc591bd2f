/**
 * Dashboard widgets (`ui.widgets`): validated by the manifest schema (bounded, element prefixed with the plugin id, ids
 * unique), and served in the UI manifest through the same filter as nav items — only to holders of the widget's
 * permission, only while the tenant has the plugin enabled; a plugin whose only visible UI is a widget is still listed;
 * a plugin whose UI bundle is not built contributes no widget (every home page would fail to load it).
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { definePlugin } from '@tessera/sdk'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'
import { manifestProblems } from '../src/plugin-host/validate-manifest.ts'

const desk = definePlugin({
  id: 'desk', version: '1.0.0', kernel: '^1.0.0',
  permissions: {
    'desk.staff': { description: 'Front desk', roles: ['admin', 'manager', 'support'] },
    'desk.self': { description: 'Own things', roles: ['admin', 'manager', 'support', 'member'] },
  },
  ui: {
    nav: [{ label: 'Desk', path: '/desk', permission: 'desk.staff' }],
    // members see no route of desk, only its "mine" widget
    routes: [{ path: '/desk', tag: 'desk-home', permission: 'desk.staff' }],
    widgets: [
      { id: 'arrivals', title: 'Arrivals', element: 'desk-arrivals-widget', size: 'm', permission: 'desk.staff', order: 10 },
      { id: 'mine', title: 'My day', element: 'desk-mine-widget', permission: 'desk.self' },
    ],
  },
})

const doors = definePlugin({
  id: 'doors', version: '1.0.0', kernel: '^1.0.0',
  ui: { routes: [{ path: '/doors', tag: 'doors-list' }], widgets: [{ id: 'alerts', title: 'Door alerts', element: 'doors-alerts-widget', size: 's', order: 50 }] },
})

const unbuilt = definePlugin({
  id: 'unbuilt', version: '1.0.0', kernel: '^1.0.0',
  ui: { routes: [{ path: '/unbuilt', tag: 'unbuilt-home' }], widgets: [{ id: 'w', title: 'Never built', element: 'unbuilt-widget' }] },
})

let t: TestKernel
/** Package folders whose UI bundle is built (a `dist/ui/index.js`), as the kernel serves them. */
const packages = mkdtempSync(join(tmpdir(), 'tessera-widgets-'))
const built = (id: string) => {
  const dir = join(packages, id)
  mkdirSync(join(dir, 'dist', 'ui'), { recursive: true })
  writeFileSync(join(dir, 'dist', 'ui', 'index.js'), `// ${id}'s UI module\n`)
  return dir
}

before(async () => {
  t = await createTestKernel({
    plugins: [{ definition: desk, packageDir: built('desk') }, { definition: doors, packageDir: built('doors') }, unbuilt] as never,
    workers: false,
  })
})
after(async () => {
  await t?.close()
  rmSync(packages, { recursive: true, force: true })
})

interface Manifest { plugins: { id: string; routes: unknown[]; widgets: Record<string, unknown>[] }[] }

async function manifest(cookie: string): Promise<Manifest> {
  const res = await t.request({ method: 'GET', url: '/api/v1/ui/manifest', session: cookie })
  assert.equal(res.statusCode, 200, res.body)
  return res.json() as Manifest
}

const widgetsOf = (m: Manifest) => Object.fromEntries(m.plugins.map((p) => [p.id, p.widgets.map((w) => w.id)]))

test('widgets are filtered by permission and by enablement, exactly like nav items', async () => {
  const tenant = await t.createTenant()
  await t.enable(tenant.id, 'desk')
  await t.enable(tenant.id, 'doors')
  await t.enable(tenant.id, 'unbuilt')
  const staff = await t.signIn({ tenantId: tenant.id, role: 'support' })
  const member = await t.signIn({ tenantId: tenant.id, role: 'member' })

  const forStaff = await manifest(staff.cookie)
  assert.deepEqual(widgetsOf(forStaff), { desk: ['arrivals', 'mine'], doors: ['alerts'], unbuilt: [] }, 'an unbuilt bundle: its screen, no widget')
  const arrivals = forStaff.plugins.find((p) => p.id === 'desk')!.widgets[0]
  assert.deepEqual(arrivals, { id: 'arrivals', title: 'Arrivals', element: 'desk-arrivals-widget', size: 'm', order: 10 }, 'served without its permission')

  // the member holds desk.self only: desk is listed for its widget although none of its routes is visible
  const forMember = await manifest(member.cookie)
  assert.deepEqual(widgetsOf(forMember), { desk: ['mine'], doors: ['alerts'], unbuilt: [] })
  assert.deepEqual(forMember.plugins.find((p) => p.id === 'desk')!.routes, [])

  // a plugin the tenant disables contributes nothing
  await t.disable(tenant.id, 'doors')
  assert.deepEqual(widgetsOf(await manifest(staff.cookie)), { desk: ['arrivals', 'mine'], unbuilt: [] })
})

test('the manifest schema bounds widgets and the host checks their element prefix and ids', () => {
  const base = { id: 'wid', version: '1.0.0', kernel: '^1.0.0' }
  const widget = { id: 'one', title: 'One', element: 'wid-one' }
  const problemsOf = (widgets: unknown[]) => manifestProblems({ ...base, ui: { routes: [], widgets } })
  assert.deepEqual(problemsOf([widget, { ...widget, id: 'two', size: 'l', order: 3, permission: 'wid.read' }]), [])
  const bad = problemsOf([
    { ...widget, element: 'other-one' },
    { ...widget, id: 'two', size: 'xl' },
    { ...widget, id: 'three', title: 'x'.repeat(61) },
    { ...widget, id: 'four', order: 1001 },
    { ...widget, id: 'five', colour: 'red' },
    { ...widget, id: 'one' },
    { id: 'six', title: 'Six' },
  ])
  const expected = [
    '/ui/widgets/0 element "other-one" must be prefixed with "wid-"',
    '/ui/widgets/1/size must be equal to one of the allowed values',
    '/ui/widgets/2/title must NOT have more than 60 characters',
    '/ui/widgets/3/order must be <= 1000',
    '/ui/widgets/4 must NOT have additional properties',
    '/ui/widgets "one" is declared twice',
    "/ui/widgets/6 must have required property 'element'",
  ]
  for (const p of expected) assert.ok(bad.includes(p), `${p} in ${JSON.stringify(bad)}`)
  const many = problemsOf(Array.from({ length: 13 }, (_, i) => ({ ...widget, id: `w${i}` })))
  assert.ok(many.includes('/ui/widgets must NOT have more than 12 items'), JSON.stringify(many))
})
