/**
 * Failure isolation and the migration lifecycle: broken fixtures (missing dependency, cycle, throwing routes,
 * failing second migration, invalid manifest, incompatible API, route without permission) each fail with a reason
 * while the healthy plugin serves; a failed migration leaves nothing behind; upgrades run only new migrations and
 * downgrades are refused.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createTestKernel } from '../src/testing/index.ts'
import { notesPlugin } from './fixtures/notes-plugin.ts'
import * as broken from './fixtures/broken-plugins.ts'

test('broken plugins fail with reasons while the healthy ones serve', async () => {
  const t = await createTestKernel({
    workers: false,
    plugins: [
      notesPlugin(), broken.needsGhost, broken.cycleA, broken.cycleB, broken.throwsInRoutes, broken.badMigration,
      broken.needsBadMigration, broken.invalidManifest, broken.futureApi, broken.noPermission, broken.badSchema,
    ],
  })
  try {
    const operator = await t.signIn({ operator: true })
    const res = await t.request({ method: 'GET', url: '/api/v1/admin/plugins', session: operator.cookie })
    assert.equal(res.statusCode, 200)
    const byId = new Map((res.json().items as { id: string; state: string; error: string | null }[]).map((p) => [p.id, p]))
    assert.equal(byId.get('notes')?.state, 'installed')
    const reasons: Record<string, RegExp> = {
      'needs-ghost': /missing dependency "ghost"/,
      'cycle-a': /dependency cycle/,
      'cycle-b': /dependency cycle/,
      'throws-routes': /routes failed to register: boom while registering/,
      'bad-migration': /migration 002_broken failed/,
      'needs-bad': /dependency "bad-migration" failed/,
      'Bad_Id': /invalid manifest/,
      'future-api': /targets plugin API \^9\.0\.0/,
      'no-permission': /declares neither config.permission nor config.public/,
      'bad-schema': /GET \/api\/v1\/bad-schema\/x has an invalid schema/,
    }
    for (const [id, reason] of Object.entries(reasons)) {
      const p = byId.get(id)
      assert.equal(p?.state, 'failed', `${id} should have failed`)
      assert.match(p!.error!, reason, id)
    }
    // the healthy plugin serves
    const tenant = await t.createTenant()
    await t.enable(tenant.id, 'notes', { title: 'x' })
    const staff = await t.signIn({ tenantId: tenant.id, role: 'admin' })
    assert.equal((await t.request({ method: 'GET', url: '/api/v1/notes/notes', session: staff.cookie })).statusCode, 200)
    // a failed plugin's routes do not serve, and it cannot be enabled
    assert.equal((await t.request({ method: 'GET', url: '/api/v1/no-permission/open', session: staff.cookie })).statusCode, 404)
    const enable = await t.request({ method: 'PUT', url: `/api/v1/admin/tenants/${tenant.id}/plugins/bad-migration`, session: operator.cookie, payload: { config: {} } })
    assert.equal(enable.statusCode, 409)
    assert.match(enable.json().detail, /failed/)
    // the failed migration left no schema, table, column or tracking row
    const schema = await t.adminQuery(`SELECT 1 FROM pg_namespace WHERE nspname = 'bad_migration'`)
    assert.equal(schema.rowCount, 0)
    const table = await t.adminQuery(`SELECT 1 FROM pg_class WHERE relname = 'widgets'`)
    assert.equal(table.rowCount, 0)
    const row = await t.adminQuery(`SELECT state, version, error FROM tessera.plugins WHERE id = 'bad-migration'`)
    assert.equal(row.rows[0].state, 'failed')
    assert.equal(row.rows[0].version, null)
    // the CLI's status view reads the same registry
    const { pluginStatus } = await import('../src/routes/admin-routes.ts')
    assert.equal(pluginStatus(t.kernel.services).find((p) => p.id === 'cycle-a')?.state, 'failed')
  } finally {
    await t.close()
  }
})

test('an upgrade runs only the new migration; a downgrade is refused', async () => {
  const v1 = await createTestKernel({ workers: false, plugins: [notesPlugin({ version: '1.0.0' })] })
  const url = v1.databaseUrl
  try {
    assert.deepEqual(v1.kernel.services.registry.get('notes')?.applied, ['001_notes'])
    await v1.kernel.close()
    const v11 = await createTestKernel({ workers: false, databaseUrl: url, plugins: [notesPlugin({ version: '1.1.0', extraMigration: true })] })
    assert.deepEqual(v11.kernel.services.registry.get('notes')?.applied, ['002_notes_pinned'])
    const col = await v11.adminQuery(`SELECT 1 FROM information_schema.columns WHERE table_schema = 'notes' AND column_name = 'pinned'`)
    assert.equal(col.rowCount, 1)
    const tracked = await v11.adminQuery(`SELECT name FROM notes.tessera_migrations ORDER BY name`)
    assert.deepEqual(tracked.rows.map((r) => r.name), ['001_notes', '002_notes_pinned'])
    await v11.close()
    const back = await createTestKernel({ workers: false, databaseUrl: url, plugins: [notesPlugin({ version: '1.0.0' })] })
    const rt = back.kernel.services.registry.get('notes')
    assert.equal(rt?.state, 'failed')
    assert.match(rt!.reason!, /downgrade from 1\.1\.0 to 1\.0\.0 refused/)
    const row = await back.adminQuery(`SELECT version, state FROM tessera.plugins WHERE id = 'notes'`)
    assert.deepEqual(row.rows[0], { version: '1.1.0', state: 'failed' })
    await back.close()
  } finally {
    const { dropTestDatabase } = await import('../src/testing/index.ts')
    await dropTestDatabase(url)
  }
})
