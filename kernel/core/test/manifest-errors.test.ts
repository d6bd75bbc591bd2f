/**
 * Manifest errors in one pass: the schema's errors (ajv) and the host's own checks (semver, functions, id prefixes,
 * contract ownership) are reported together, so an author sees every problem of a broken manifest at once; the new
 * contract forms are validated too, and the role names a permission may list are the SDK's `TENANT_ROLES`.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { defineServiceRef, provide, TENANT_ROLES } from '@tessera/sdk'
import { manifestProblems } from '../src/plugin-host/validate-manifest.ts'

test('schema errors and the host checks are reported together in one pass', () => {
  const problems = manifestProblems({
    id: 'broken',
    version: 'one', // own check: not semver
    kernel: '^1.0.0',
    name: 42, // schema: must be string
    permissions: { 'broken.read': { description: 'x', roles: ['owner', 'guest'] } }, // schema: unknown role
    routes: 'not a function', // own check
    events: { 'other.thing': {} }, // own check: prefix
    ui: { routes: [{ path: '/b', tag: 'wrong-tag' }] }, // own check: tag prefix
  })
  const expected = [
    '/name must be string',
    '/permissions/broken.read/roles/1 must be equal to one of the allowed values',
    '/version "one" is not a semver version',
    '/routes must be a function',
    '/events/other.thing must be prefixed with "broken."',
    '/ui/routes tag "wrong-tag" must be prefixed with "broken-"',
  ]
  for (const p of expected) assert.ok(problems.includes(p), `${p} in ${JSON.stringify(problems)}`)
})

test('contract forms are validated: own refs only, events with schemas, extension points of the plugin itself', () => {
  const foreign = defineServiceRef<{ x: number }>({ plugin: 'members', id: 'directory' })
  const problems = manifestProblems({
    id: 'forms', version: '1.0.0', kernel: '^1.0.0',
    services: [provide(foreign, () => ({ x: 1 }))],
    events: [{ kind: 'event', name: 'forms.thing.done' }, { kind: 'event', name: 'forms.bad.schema', schema: { type: 'nonsense' } }],
    extensionPoints: [{ kind: 'extension-point', plugin: 'billing', id: 'gateway' }],
    extensions: [{ kind: 'extension', point: { kind: 'extension-point', plugin: 'billing', id: 'gateway' } }],
    consumes: [{ kind: 'service-ref', plugin: 'forms', id: 'self' }],
  })
  const expected = [
    "/events/0 must have required property 'schema'",
    '/services/0 provides "members.directory", a service ref of another plugin',
    '/events/forms.thing.done has no payload schema (defineEvent needs one)',
    '/extensionPoints/0 "billing.gateway" belongs to another plugin',
    '/extensions/0 must be extend(point, factory) with a factory function',
    '/consumes/0 "forms.self" is this plugin\'s own service',
  ]
  for (const p of expected) assert.ok(problems.includes(p), `${p} in ${JSON.stringify(problems)}`)
  assert.ok(problems.some((p) => p.startsWith('/events/forms.bad.schema/schema does not compile')), JSON.stringify(problems))
})

test('every SDK role is accepted in a permission declaration', () => {
  const problems = manifestProblems({ id: 'roles', version: '1.0.0', kernel: '^1.0.0', permissions: { 'roles.all': { description: 'x', roles: [...TENANT_ROLES] } } })
  assert.deepEqual(problems, [])
})
