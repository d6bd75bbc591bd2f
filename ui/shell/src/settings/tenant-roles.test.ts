/** The shell's role list: the order of the SDK's `TENANT_ROLES`, and which roles the users and tokens screens offer. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { roleLabel, rolesBelow, rolesUpTo, tenantRoles } from './tenant-roles.ts'

test('every role, highest first, as the kernel lists them', () => {
  assert.deepEqual(tenantRoles, ['owner', 'admin', 'manager', 'finance', 'support', 'member'])
  assert.equal(roleLabel('support'), 'Support')
})

test('users: the roles strictly below one\'s own (finance and support rank alike); operators get every role', () => {
  assert.deepEqual(rolesBelow('owner'), ['admin', 'manager', 'finance', 'support', 'member'])
  assert.deepEqual(rolesBelow('admin'), ['manager', 'finance', 'support', 'member'])
  assert.deepEqual(rolesBelow('finance'), ['member'])
  assert.deepEqual(rolesBelow('member'), [])
  assert.deepEqual(rolesBelow('nobody'), [])
  assert.deepEqual(rolesBelow('member', true), tenantRoles)
})

test('tokens: up to one\'s own role; member when the role is unknown', () => {
  assert.deepEqual(rolesUpTo('owner'), tenantRoles)
  assert.deepEqual(rolesUpTo('admin'), ['admin', 'manager', 'finance', 'support', 'member'])
  assert.deepEqual(rolesUpTo(''), ['member'])
})
