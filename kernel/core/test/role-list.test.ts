/**
 * One role list: the database's CHECK constraints on every `role` column of the kernel schema are generated from the
 * SDK's `TENANT_ROLES` (kernel migration `005_role_checks_from_sdk`), so a role the SDK does not know cannot be stored
 * and every role it knows can.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { TENANT_ROLES } from '@tessera/sdk'
import { createTestKernel } from '../src/testing/index.ts'

test('the role CHECK constraints of the kernel schema list exactly the SDK roles', async () => {
  const t = await createTestKernel({ workers: false, plugins: [] })
  try {
    const { rows } = await t.adminQuery(
      `SELECT t.relname, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'tessera' AND c.conname = t.relname || '_role_check' ORDER BY 1`,
    )
    assert.ok(rows.some((r) => r.relname === 'tenant_users') && rows.some((r) => r.relname === 'api_tokens'), JSON.stringify(rows))
    for (const r of rows) {
      const listed = [...String(r.def).matchAll(/'([a-z]+)'::text/g)].map((m) => m[1])
      assert.deepEqual(listed, [...TENANT_ROLES], r.relname)
    }
    const tenant = await t.createTenant()
    const user = await t.signIn({ tenantId: tenant.id, role: 'support' })
    await assert.rejects(
      t.adminQuery(`UPDATE tessera.tenant_users SET role = 'guest' WHERE user_id = $1`, [user.userId]),
      /tenant_users_role_check/,
    )
  } finally {
    await t.close()
  }
})
